import { applyComputed, checkFormulas, computedFields, formulaVariables } from './computed.ts';
import type { FormDefinition } from './types.ts';

const form: FormDefinition = {
  key: 'order',
  title: '订单',
  schema: {
    type: 'object',
    properties: {
      price: { type: 'integer' },
      discount: { type: 'integer' },
      accessories: {
        type: 'array',
        items: { type: 'object', properties: { name: { type: 'string' }, price: { type: 'integer' } } },
      },
      tax: { type: 'integer', readOnly: true },
      total: { type: 'integer', readOnly: true },
    },
  },
  uiSchema: {
    total: { 'ui:options': { formula: 'price - discount + accessoriesTotal + tax' } },
    tax: { 'ui:options': { formula: '(price - discount) / 1.13 * 0.1' } },
  },
};

describe('computed fields', () => {
  it('finds the fields that carry a formula', () => {
    expect(computedFields(form)).toEqual({
      total: 'price - discount + accessoriesTotal + tax',
      tax: '(price - discount) / 1.13 * 0.1',
    });
  });

  it('exposes <array>Total and defaults absent numbers to 0', () => {
    const variables = formulaVariables(form, { accessories: [{ price: 300000 }, { price: 500000 }] });
    expect(variables).toMatchObject({ accessoriesTotal: 800000, price: 0, discount: 0 });
  });

  it('computes a chain of formulas and rounds integer fields to whole fen', () => {
    const data = { price: 18980000, discount: 500000, accessories: [{ name: '基础包', price: 300000 }] };
    const tax = Math.round(((18980000 - 500000) / 1.13) * 0.1);
    expect(applyComputed(form, data)).toEqual({ ...data, tax, total: 18980000 - 500000 + 300000 + tax });
  });

  it('replaces a value the client sent for a computed field', () => {
    expect(applyComputed(form, { price: 1000, discount: 0, total: 1 }).total).toBe(1000 + 88);
  });

  it('offers sum(list, key) and mixed int/double arithmetic', () => {
    const withSum: FormDefinition = {
      ...form,
      uiSchema: { total: { 'ui:options': { formula: 'sum(accessories, "price") * 2 + 100' } } },
    };
    expect(applyComputed(withSum, { accessories: [{ price: 1 }, { price: 2 }] }).total).toBe(106);
  });

  it('leaves a field unset when its formula fails', () => {
    const broken: FormDefinition = {
      ...form,
      uiSchema: { total: { 'ui:options': { formula: 'price + nope' } } },
    };
    expect(applyComputed(broken, { price: 1, total: 5 })).toEqual({ price: 1 });
  });

  it('accepts formulas over known names', () => {
    expect(checkFormulas(form)).toEqual([]);
  });

  it('reports syntax errors and unknown names with the field path', () => {
    const broken: FormDefinition = {
      ...form,
      uiSchema: {
        total: { 'ui:options': { formula: 'price -' } },
        tax: { 'ui:options': { formula: 'prize * 0.1' } },
      },
    };
    const errors = checkFormulas(broken);
    expect(errors.map((e) => e.path)).toEqual(['/total', '/tax']);
    expect(errors[1]?.message).toMatch(/prize/);
  });
});
