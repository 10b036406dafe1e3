import { CUSTOM_WIDGETS, createField, FIELD_TYPES, fieldNames, findFieldType } from './catalogue.ts';
import { compileRules } from './rules.ts';
import { validateData } from './validate.ts';

describe('field catalogue', () => {
  it('offers every field type a dealership form needs, once each', () => {
    const ids = FIELD_TYPES.map((type) => type.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(
      expect.arrayContaining([
        'money',
        'mobile',
        'id-number',
        'vin',
        'user',
        'customer',
        'vehicle',
        'file',
        'signature',
        'rows',
        'computed',
        'section',
      ]),
    );
  });

  it.each(FIELD_TYPES.map((type) => [type.id, type] as const))(
    '%s has both labels, an icon and a titled schema',
    (_id, type) => {
      expect(type.label['zh-CN']).not.toBe('');
      expect(type.label.en).not.toBe('');
      expect(type.icon).toMatch(/Outlined$/);
      expect(type.schema.title).toBe(type.label['zh-CN']);
    },
  );

  it.each(FIELD_TYPES.map((type) => [type.id, type] as const))(
    '%s compiles as a property schema',
    (_id, type) => {
      const schema = { type: 'object', properties: { f: type.schema } };
      expect(validateData(schema, {}, 'en')).toEqual([]);
    },
  );

  it('uses only widgets that rjsf has or that are listed as custom', () => {
    const builtIn = ['textarea', 'select', 'radio', 'checkbox'];
    for (const type of FIELD_TYPES) {
      const widget = type.uiSchema?.['ui:widget'];
      if (widget) expect([...builtIn, ...CUSTOM_WIDGETS]).toContain(widget);
    }
  });

  it('stores money as integer fen of at least 0', () => {
    const { schema, uiSchema } = createField('money');
    expect(schema).toMatchObject({ type: 'integer', minimum: 0 });
    expect(uiSchema['ui:widget']).toBe('money');
    const form = { type: 'object', properties: { deposit: schema } };
    expect(validateData(form, { deposit: 12.5 }, 'en').map((e) => e.path)).toEqual(['/deposit']);
  });

  it.each([
    ['mobile', '12345'],
    ['id-number', '110105194912310021'],
    ['vin', 'LSVAU2180N2000001'],
    ['user', 'consultant'],
    ['customer', '张伟'],
    ['file', 'https://example.com/a.pdf'],
    ['vehicle', 'LSVAU2180N200000'],
  ] as const)('validates the %s format', (id, bad) => {
    const form = { type: 'object', properties: { f: createField(id).schema } };
    expect(validateData(form, { f: bad }, 'en')).toHaveLength(1);
  });

  it.each([
    ['user', '0b5e3c6e-0000-4000-8000-000000000000'],
    ['file', '0b5e3c6e-0000-4000-8000-000000000000'],
    ['vehicle', 'LSVAU2180N2000001'],
  ] as const)('takes a well-formed %s reference', (id, good) => {
    const form = { type: 'object', properties: { f: createField(id).schema } };
    expect(validateData(form, { f: good }, 'en')).toEqual([]);
  });

  it('hands out copies the builder can change freely', () => {
    createField('select').schema.enum.push('changed');
    expect(findFieldType('select')?.schema.enum).toEqual(['option1', 'option2']);
  });

  it('rejects an unknown field type', () => {
    expect(() => createField('nope' as 'text')).toThrow(/unknown field type/);
  });
});

describe('fieldNames', () => {
  it('lists top-level property names, including fields moved into rule branches', () => {
    const schema = { type: 'object', properties: { paymentMethod: {}, loanBank: {}, note: {} } };
    const compiled = compileRules(schema, [
      { field: 'loanBank', when: { field: 'paymentMethod', op: 'eq', value: 'loan' } },
    ]);
    expect(fieldNames(schema)).toEqual(['paymentMethod', 'loanBank', 'note']);
    expect(fieldNames(compiled).sort()).toEqual(['loanBank', 'note', 'paymentMethod']);
    expect(fieldNames({})).toEqual([]);
  });
});
