import { retrieveSchema } from '@rjsf/utils';
import validator from '@rjsf/validator-ajv8';
import Ajv from 'ajv';
import { compileRules, isRuleSatisfied, ruleHiddenFields, visibleFields } from './rules.ts';
import type { FormDefinition, VisibilityRule } from './types.ts';

const form: FormDefinition = {
  key: 'payment',
  title: '付款',
  schema: {
    type: 'object',
    required: ['paymentMethod', 'loanBank'],
    properties: {
      paymentMethod: { type: 'string', enum: ['cash', 'loan', 'card'] },
      loanBank: { type: 'string', title: '贷款银行' },
      loanTerm: { type: 'integer', title: '贷款期数' },
      note: { type: 'string' },
    },
  },
  rules: [
    { field: 'loanBank', when: { field: 'paymentMethod', op: 'eq', value: 'loan' } },
    { field: 'loanTerm', when: { field: 'loanBank', op: 'notEmpty' } },
  ],
};

const rule = (op: VisibilityRule['when']['op'], value?: unknown): VisibilityRule => ({
  field: 'x',
  when: { field: 'customer.type', op, value },
});

describe('isRuleSatisfied', () => {
  it.each([
    ['eq', 'company', { customer: { type: 'company' } }, true],
    ['eq', 'company', { customer: { type: 'person' } }, false],
    ['eq', 'company', {}, false],
    ['neq', 'company', { customer: { type: 'person' } }, true],
    ['neq', 'company', {}, true],
    ['neq', 'company', { customer: { type: 'company' } }, false],
    ['in', ['a', 'b'], { customer: { type: 'b' } }, true],
    ['in', ['a', 'b'], { customer: { type: 'c' } }, false],
    ['notEmpty', undefined, { customer: { type: 'x' } }, true],
    ['notEmpty', undefined, { customer: { type: '' } }, false],
    ['notEmpty', undefined, { customer: { type: [] } }, false],
    ['notEmpty', undefined, { customer: {} }, false],
  ] as const)('%s %j over %j holds: %s', (op, value, data, expected) => {
    expect(isRuleSatisfied(rule(op, value), data)).toBe(expected);
  });
});

describe('visibleFields', () => {
  it('shows loanBank when paymentMethod is loan', () => {
    expect(visibleFields(form, { paymentMethod: 'loan' })).toEqual(['paymentMethod', 'loanBank', 'note']);
  });

  it('hides loanBank and what depends on it when paymentMethod is cash', () => {
    expect(ruleHiddenFields(form, { paymentMethod: 'cash', loanBank: 'ICBC' })).toEqual([
      'loanBank',
      'loanTerm',
    ]);
  });

  it('shows a dependent field once its controller is visible and filled', () => {
    expect(visibleFields(form, { paymentMethod: 'loan', loanBank: 'ICBC' })).toContain('loanTerm');
  });

  it('hides fields whose rules form a cycle', () => {
    const cyclic: FormDefinition = {
      ...form,
      rules: [
        { field: 'loanBank', when: { field: 'loanTerm', op: 'notEmpty' } },
        { field: 'loanTerm', when: { field: 'loanBank', op: 'notEmpty' } },
      ],
    };
    expect(ruleHiddenFields(cyclic, { loanBank: 'x', loanTerm: 12 })).toEqual(['loanBank', 'loanTerm']);
  });
});

describe('compileRules', () => {
  const compiled = compileRules(form.schema, form.rules);

  it('moves ruled fields out of properties and required into if/then branches', () => {
    expect(Object.keys(compiled.properties)).toEqual(['paymentMethod', 'note']);
    expect(compiled.required).toEqual(['paymentMethod']);
    expect(compiled.allOf[0]).toEqual({
      if: { properties: { paymentMethod: { const: 'loan' } }, required: ['paymentMethod'] },
      // biome-ignore lint/suspicious/noThenProperty: JSON Schema if/then
      then: { properties: { loanBank: { type: 'string', title: '贷款银行' } }, required: ['loanBank'] },
    });
  });

  it('leaves the source schema untouched', () => {
    expect(Object.keys(form.schema.properties)).toHaveLength(4);
  });

  it('returns the schema unchanged when there are no rules', () => {
    expect(compileRules(form.schema, undefined)).toEqual(form.schema);
  });

  const ajv = new Ajv({ allErrors: true });
  const validate = ajv.compile(compiled);
  it.each([
    { paymentMethod: 'loan' },
    { paymentMethod: 'cash' },
    { paymentMethod: 'loan', loanBank: 'ICBC' },
    { paymentMethod: 'cash', loanBank: 'ICBC' },
    {},
  ])('requires loanBank in the browser exactly when the server sees it visible, for %j', (data) => {
    validate(data);
    const requiresLoanBank = (validate.errors ?? []).some((e) => e.params.missingProperty === 'loanBank');
    const visible = visibleFields(form, data).includes('loanBank');
    expect(requiresLoanBank).toBe(visible && !('loanBank' in data));
  });
});

describe('rules in the browser', () => {
  // The designer renders with rjsf: its resolution of the compiled schema must match the server's.
  const compiled = compileRules(form.schema, form.rules);
  it.each([
    {},
    { paymentMethod: 'loan' },
    { paymentMethod: 'loan', loanBank: 'ICBC' },
    { paymentMethod: 'cash', loanBank: 'ICBC' },
    { paymentMethod: 'loan', loanBank: '' },
  ])('rjsf shows the fields visibleFields names for %j', (data) => {
    const resolved = retrieveSchema(validator, compiled, compiled, data);
    expect(Object.keys(resolved.properties ?? {}).sort()).toEqual(visibleFields(form, data).sort());
  });
});
