import { projectForm } from './project.ts';
import type { FormDefinition } from './types.ts';

const form: FormDefinition = {
  key: 'order-review',
  title: '订单审核',
  schema: {
    type: 'object',
    required: ['discount', 'cost'],
    properties: {
      price: { type: 'integer', title: '成交价' },
      discount: { type: 'integer', title: '优惠金额' },
      cost: { type: 'integer', title: '采购成本' },
      paymentMethod: { type: 'string', enum: ['cash', 'loan'] },
      loanBank: { type: 'string' },
      customer: {
        type: 'object',
        properties: { name: { type: 'string' }, mobile: { type: 'string', format: 'mobile' } },
      },
      reviewComment: { type: 'string' },
      total: { type: 'integer' },
    },
  },
  uiSchema: {
    'ui:order': ['price', 'discount', 'cost', '*'],
    cost: { 'ui:widget': 'money' },
    customer: { 'ui:order': ['name', 'mobile'], mobile: { 'ui:placeholder': '手机号' } },
    total: { 'ui:options': { formula: 'price - discount' } },
  },
  rules: [{ field: 'loanBank', when: { field: 'paymentMethod', op: 'eq', value: 'loan' } }],
};

const context = {
  orderId: 'o-1',
  price: 18980000,
  discount: 500000,
  cost: 17000000,
  paymentMethod: 'cash',
  customer: { name: '张伟', mobile: '13800138000' },
  total: 1,
};

describe('projectForm', () => {
  const projected = projectForm(
    form,
    { cost: 'hidden', discount: 'readonly', reviewComment: 'required', 'customer.mobile': 'hidden' },
    context,
  );

  it('removes a hidden field from the schema, its required list, the UI schema and ui:order', () => {
    expect(projected.schema.properties).not.toHaveProperty('cost');
    expect(projected.schema.required).not.toContain('cost');
    expect(projected.uiSchema).not.toHaveProperty('cost');
    expect(projected.uiSchema['ui:order']).toEqual(['price', 'discount', '*']);
  });

  it('removes a hidden field from the data', () => {
    expect(projected.data).not.toHaveProperty('cost');
  });

  it('hides a nested field given as a dotted key everywhere', () => {
    expect(projected.schema.properties.customer.properties).not.toHaveProperty('mobile');
    expect(projected.uiSchema.customer).toEqual({ 'ui:order': ['name'] });
    expect(projected.data.customer).toEqual({ name: '张伟' });
  });

  it('marks read-only fields in the schema and the UI schema', () => {
    expect(projected.schema.properties.discount).toEqual({
      type: 'integer',
      title: '优惠金额',
      readOnly: true,
    });
    expect(projected.uiSchema.discount).toEqual({ 'ui:readonly': true });
  });

  it('adds the required permission to the schema', () => {
    expect(projected.schema.required).toEqual(['discount', 'reviewComment']);
  });

  it('sends only form fields, with computed fields recomputed and read-only', () => {
    expect(projected.data).not.toHaveProperty('orderId');
    expect(projected.data.total).toBe(18480000);
    expect(projected.uiSchema.total).toMatchObject({ 'ui:readonly': true });
  });

  it('compiles show/hide rules into if/then for rjsf', () => {
    expect(projected.schema.properties).not.toHaveProperty('loanBank');
    expect(projected.schema.allOf).toEqual([
      {
        if: { properties: { paymentMethod: { const: 'loan' } }, required: ['paymentMethod'] },
        // biome-ignore lint/suspicious/noThenProperty: JSON Schema if/then
        then: { properties: { loanBank: { type: 'string' } } },
      },
    ]);
  });

  it('decides a rule on the server when the field it looks at is hidden from the step', () => {
    const cash = projectForm(form, { paymentMethod: 'hidden' }, { ...context, loanBank: 'ICBC' });
    expect(cash.schema.properties).not.toHaveProperty('loanBank');
    expect(cash.schema.allOf).toBeUndefined();
    expect(cash.data).not.toHaveProperty('loanBank');
    const loan = projectForm(form, { paymentMethod: 'hidden' }, { ...context, paymentMethod: 'loan' });
    expect(loan.schema.properties).toHaveProperty('loanBank');
    expect(loan.schema.allOf).toBeUndefined();
  });

  it('leaves the form itself untouched', () => {
    expect(form.schema.properties).toHaveProperty('cost');
    expect(form.uiSchema?.['ui:order']).toContain('cost');
  });

  it('shows everything as editable when no permissions are given', () => {
    const open = projectForm(form, {}, context);
    expect(Object.keys(open.schema.properties)).toHaveLength(7);
    expect(open.data.cost).toBe(17000000);
  });
});
