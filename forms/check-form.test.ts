import { createField, FIELD_TYPES } from './catalogue.ts';
import { checkForm } from './check-form.ts';
import type { FormDefinition } from './types.ts';

const good: FormDefinition = {
  key: 'payment',
  title: '付款',
  schema: {
    type: 'object',
    properties: {
      paymentMethod: { type: 'string', enum: ['cash', 'loan'] },
      loanBank: { type: 'string' },
      mobile: { type: 'string', format: 'mobile' },
      vin: { type: 'string', format: 'vin' },
      price: { type: 'integer' },
      total: { type: 'integer' },
    },
  },
  uiSchema: { 'ui:order': ['paymentMethod', '*'], total: { 'ui:options': { formula: 'price * 2' } } },
  rules: [{ field: 'loanBank', when: { field: 'paymentMethod', op: 'eq', value: 'loan' } }],
};

describe('checkForm', () => {
  it('accepts a sound form', () => {
    expect(checkForm(good)).toEqual([]);
  });

  it('requires an object schema with properties', () => {
    expect(checkForm({ ...good, schema: { type: 'string' } })).toEqual([
      { path: '/schema', message: 'the schema must be an object schema with properties', keyword: 'type' },
    ]);
  });

  it('reports meta-schema violations and unknown formats at their schema paths', () => {
    const schema = {
      type: 'object',
      properties: { m: { type: 'string', format: 'moblie' }, n: { type: 'strnig' } },
    };
    const paths = checkForm({ ...good, schema, rules: [], uiSchema: {} }).map((e) => e.path);
    expect(paths).toContain('/schema/properties/m/format');
    expect(paths.some((p) => p.startsWith('/schema/properties/n'))).toBe(true);
  });

  it('reports rules about unknown fields and bad operators', () => {
    const rules = [
      { field: 'nope', when: { field: 'paymentMethod', op: 'eq' as const, value: 'loan' } },
      { field: 'loanBank', when: { field: 'missing', op: 'in' as const, value: 'x' } },
    ];
    expect(checkForm({ ...good, rules }).map((e) => e.path)).toEqual([
      '/rules/0/field',
      '/rules/1/when/field',
      '/rules/1/when/value',
    ]);
  });

  it('reports broken formulas and ui:order entries naming unknown fields', () => {
    const uiSchema = {
      'ui:order': ['paymentMethod', 'ghost', '*'],
      total: { 'ui:options': { formula: 'prcie * 2' } },
    };
    expect(checkForm({ ...good, uiSchema }).map((e) => e.path)).toEqual([
      '/uiSchema/total',
      '/uiSchema/ui:order/1',
    ]);
  });

  const conditional: FormDefinition = {
    key: 'settle',
    title: '结算',
    schema: {
      type: 'object',
      definitions: {
        city: { type: 'object', properties: { name: { type: 'string' }, code: { type: 'string' } } },
      },
      properties: {
        payer: { type: 'string', enum: ['self', 'claim'] },
        city: { $ref: '#/definitions/city' },
      },
      if: { properties: { payer: { const: 'self' } }, required: ['payer'] },
      // biome-ignore lint/suspicious/noThenProperty: the JSON Schema keyword
      then: { properties: { method: { type: 'string' } } },
      dependencies: { payer: { oneOf: [{ properties: { note: { type: 'string' } } }, { required: [] }] } },
    },
    uiSchema: {
      'ui:order': ['payer', 'method', 'note', 'city'],
      method: { 'ui:widget': 'radio' },
      city: { 'ui:order': ['code', 'name'], code: { 'ui:widget': 'text' } },
    },
  };

  it('accepts fields of branches and $refs in ui:order and the UI schema', () => {
    expect(checkForm(conditional)).toEqual([]);
  });

  it('refuses a ui:order without "*" that leaves out a conditional field, naming where it comes from', () => {
    const uiSchema = { ...conditional.uiSchema, 'ui:order': ['payer', 'city', 'method'] };
    expect(checkForm({ ...conditional, uiSchema })).toEqual([
      {
        path: '/uiSchema/ui:order',
        message: '"note" (from dependencies/payer/oneOf/0) is missing: list it or add "*"',
        keyword: 'ui:order',
      },
    ]);
    expect(checkForm({ ...conditional, uiSchema: { ...uiSchema, 'ui:order': ['payer', '*'] } })).toEqual([]);
  });

  it('checks ui:order and widgets inside an object field reached through a $ref', () => {
    const uiSchema = {
      ...conditional.uiSchema,
      city: { 'ui:order': ['code', '*', '*'], name: { 'ui:widget': 'magic' } },
    };
    expect(checkForm({ ...conditional, uiSchema }).map((e) => e.path)).toEqual([
      '/uiSchema/city/ui:order/2',
      '/uiSchema/city/name/ui:widget',
    ]);
  });

  it('refuses $refs that point nowhere or outside the form', () => {
    const schema = {
      ...conditional.schema,
      properties: {
        a: { $ref: '#/definitions/nope' },
        b: { $ref: 'other.json#/x' },
        c: { $ref: '#/definitions/city' },
      },
    };
    expect(checkForm({ ...conditional, schema, uiSchema: {} }).map((e) => e.path)).toEqual([
      '/schema/properties/a/$ref',
      '/schema/properties/b/$ref',
    ]);
  });

  it('accepts every field the builder palette inserts (the builder autosaves right after)', () => {
    for (const type of FIELD_TYPES) {
      const { schema, uiSchema } = createField(type.id);
      const form: FormDefinition = {
        key: 'palette',
        title: type.id,
        schema: { type: 'object', properties: { f: schema } },
        uiSchema: { 'ui:order': ['f'], ...(Object.keys(uiSchema).length > 0 ? { f: uiSchema } : {}) },
      };
      expect([type.id, checkForm(form)]).toEqual([type.id, []]);
    }
  });
});
