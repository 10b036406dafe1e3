import {
  addField,
  columnsOf,
  type FormDoc,
  listFields,
  moveField,
  removeField,
  rulesWithout,
  setColumns,
  updateField,
} from './form-model.ts';

const empty = (): FormDoc => ({ schema: { type: 'object', properties: {} }, uiSchema: {} });
const names = (doc: FormDoc) => listFields(doc).map((f) => [f.name, f.children.map((c) => c.name)]);

function build(): FormDoc {
  let doc = empty();
  for (const type of ['text', 'money', 'select'] as const) doc = addField(doc, type).doc;
  return doc;
}

describe('addField', () => {
  it('adds palette fields with generated names, in order, with their UI options', () => {
    const doc = build();
    expect(names(doc)).toEqual([
      ['text1', []],
      ['money1', []],
      ['select1', []],
    ]);
    expect(doc.schema.properties.money1).toEqual({ title: '金额', type: 'integer', minimum: 0 });
    expect(doc.uiSchema.money1).toEqual({ 'ui:widget': 'money' });
    expect(doc.uiSchema['ui:order']).toEqual(['text1', 'money1', 'select1']);
  });

  it('inserts at an index and inside a section', () => {
    let doc = addField(build(), 'date', [], 1).doc;
    const section = addField(doc, 'section');
    doc = addField(section.doc, 'mobile', section.path).doc;
    expect(names(doc)).toEqual([
      ['text1', []],
      ['date1', []],
      ['money1', []],
      ['select1', []],
      ['section1', ['mobile1']],
    ]);
    expect(doc.schema.properties.section1.properties.mobile1.format).toBe('mobile');
  });

  it('never nests a section in a section and never reuses a name', () => {
    const s = addField(empty(), 'section');
    const inner = addField(s.doc, 'section', s.path);
    expect(inner.path).toEqual(['section2']);
    const t = addField(inner.doc, 'text', s.path);
    expect(addField(t.doc, 'text').path).toEqual(['text2']);
  });

  it('leaves the input untouched', () => {
    const doc = build();
    const before = structuredClone(doc);
    addField(doc, 'text');
    expect(doc).toEqual(before);
  });
});

describe('moveField and removeField', () => {
  it('reorders fields, counting the index in the list before the move', () => {
    const doc = moveField(build(), ['text1'], [], 3);
    expect(names(doc).map(([n]) => n)).toEqual(['money1', 'select1', 'text1']);
    expect(names(moveField(build(), ['select1'], [], 0)).map(([n]) => n)).toEqual([
      'select1',
      'text1',
      'money1',
    ]);
  });

  it('moves a field into a section keeping its UI schema and required flag', () => {
    let doc = updateField(build(), ['money1'], { required: true });
    const s = addField(doc, 'section');
    doc = moveField(s.doc, ['money1'], s.path, 0);
    expect(names(doc)).toEqual([
      ['text1', []],
      ['select1', []],
      ['section1', ['money1']],
    ]);
    expect(doc.uiSchema.section1.money1).toEqual({ 'ui:widget': 'money' });
    expect(doc.schema.properties.section1.required).toEqual(['money1']);
    expect(doc.schema.required).toBeUndefined();
  });

  it('removes a field with its order entry, UI schema and required flag', () => {
    const doc = removeField(updateField(build(), ['money1'], { required: true }), ['money1']);
    expect(doc.schema.properties.money1).toBeUndefined();
    expect(doc.uiSchema.money1).toBeUndefined();
    expect(doc.uiSchema['ui:order']).toEqual(['text1', 'select1']);
    expect(doc.schema.required).toBeUndefined();
  });
});

describe('updateField', () => {
  it('sets label, help, placeholder, limits and default, and removes them with null', () => {
    let doc = updateField(build(), ['text1'], {
      label: '客户姓名',
      help: '与身份证一致',
      placeholder: '张伟',
      minLength: 2,
      maxLength: 20,
      pattern: '^\\S+$',
      default: '张伟',
      required: true,
    });
    expect(doc.schema.properties.text1).toEqual({
      title: '客户姓名',
      type: 'string',
      minLength: 2,
      maxLength: 20,
      pattern: '^\\S+$',
      default: '张伟',
    });
    expect(doc.uiSchema.text1).toEqual({ 'ui:help': '与身份证一致', 'ui:placeholder': '张伟' });
    expect(doc.schema.required).toEqual(['text1']);
    doc = updateField(doc, ['text1'], { help: null, placeholder: null, pattern: null, required: false });
    expect(doc.uiSchema.text1).toBeUndefined();
    expect(doc.schema.properties.text1.pattern).toBeUndefined();
    expect(doc.schema.required).toBeUndefined();
  });

  it('sets the choices of a select and of a multi-select', () => {
    const options = [
      { value: 'cash', label: '现金' },
      { value: 'loan', label: '按揭' },
    ];
    const doc = updateField(build(), ['select1'], { options });
    expect(doc.schema.properties.select1.enum).toEqual(['cash', 'loan']);
    expect(doc.uiSchema.select1['ui:enumNames']).toEqual(['现金', '按揭']);
    const multi = addField(doc, 'multi-select');
    const m = updateField(multi.doc, multi.path, { options });
    expect(m.schema.properties.multiSelect1.items.enum).toEqual(['cash', 'loan']);
  });
});

describe('layout and rules', () => {
  it('switches the form between one and two columns', () => {
    const two = setColumns(build(), [], 2);
    expect(two.uiSchema['ui:options']).toEqual({ columns: 2 });
    expect(columnsOf(two)).toBe(2);
    expect(setColumns(two, [], 1).uiSchema['ui:options']).toBeUndefined();
  });

  it('drops rules for and about a removed field', () => {
    const rules = [
      { field: 'loanBank', when: { field: 'paymentMethod', op: 'eq' as const, value: 'loan' } },
      { field: 'note', when: { field: 'customer.type', op: 'notEmpty' as const } },
    ];
    expect(rulesWithout(rules, 'paymentMethod')).toEqual([rules[1]]);
    expect(rulesWithout(rules, 'customer')).toEqual([rules[0]]);
  });
});
