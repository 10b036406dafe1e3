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
});
