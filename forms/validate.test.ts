import type { FormVersion } from './types.ts';
import { validateData, validateSubmission } from './validate.ts';

const form: FormVersion = {
  key: 'order-review',
  version: 1,
  title: '订单审核',
  schema: {
    type: 'object',
    required: ['customerName', 'paymentMethod', 'loanBank'],
    properties: {
      customerName: { type: 'string', title: '客户姓名' },
      mobile: { type: 'string', title: '手机号', format: 'mobile' },
      idNumber: { type: 'string', title: '身份证号', format: 'cn-id' },
      vin: { type: 'string', title: '车架号', format: 'vin' },
      price: { type: 'integer', title: '成交价', minimum: 0 },
      discount: { type: 'integer', title: '优惠金额', minimum: 0 },
      paymentMethod: { type: 'string', title: '付款方式', enum: ['cash', 'loan'] },
      loanBank: { type: 'string', title: '贷款银行' },
      accessories: {
        type: 'array',
        title: '精品',
        items: {
          type: 'object',
          required: ['name'],
          properties: {
            name: { type: 'string', title: '名称' },
            price: { type: 'integer', title: '价格', minimum: 0 },
          },
        },
      },
      customer: {
        type: 'object',
        title: '客户',
        properties: {
          name: { type: 'string', title: '姓名' },
          mobile: { type: 'string', title: '客户手机' },
        },
      },
      reviewComment: { type: 'string', title: '审核意见' },
      total: { type: 'integer', title: '合计', readOnly: true },
    },
  },
  uiSchema: { total: { 'ui:options': { formula: 'price - discount + accessoriesTotal' } } },
  rules: [{ field: 'loanBank', when: { field: 'paymentMethod', op: 'eq', value: 'loan' } }],
};

const base = { customerName: '张伟', paymentMethod: 'cash' };

describe('validateData', () => {
  it('reports a missing required field at its own path with its title, in Chinese and English', () => {
    const schema = {
      type: 'object',
      required: ['discount'],
      properties: { discount: { type: 'integer', title: '优惠金额' } },
    };
    expect(validateData(schema, {}, 'zh-CN')).toEqual([
      { path: '/discount', message: '请填写优惠金额', keyword: 'required' },
    ]);
    expect(validateData(schema, {}, 'en')).toEqual([
      { path: '/discount', message: '优惠金额 is required', keyword: 'required' },
    ]);
  });

  it('falls back to the field name when there is no title', () => {
    const schema = { type: 'object', required: ['discount'], properties: { discount: { type: 'integer' } } };
    expect(validateData(schema, {}, 'en')[0]?.message).toBe('discount is required');
  });

  it('points into repeating rows', () => {
    const errors = validateData(
      form.schema,
      { ...base, loanBank: 'x', accessories: [{ name: 'a' }, { price: -1 }] },
      'zh-CN',
    );
    expect(errors).toEqual([
      { path: '/accessories/1/name', message: '请填写名称', keyword: 'required' },
      { path: '/accessories/1/price', message: '价格 应当为 >= 0', keyword: 'minimum' },
    ]);
  });

  it('reports every problem at once with readable type messages', () => {
    const errors = validateData(form.schema, { price: 'cheap', discount: 1.5 }, 'en');
    expect(errors.map((e) => e.path)).toEqual([
      '/customerName',
      '/paymentMethod',
      '/loanBank',
      '/price',
      '/discount',
    ]);
    expect(errors[3]?.message).toBe('成交价 must be an integer');
    expect(validateData(form.schema, { ...base, loanBank: 'x', price: 'cheap' }, 'zh-CN')[0]?.message).toBe(
      '成交价 应为整数',
    );
  });

  it.each([
    ['mobile', '12345', '手机号 应为有效的手机号码', '手机号 must be a valid mobile number'],
    [
      'idNumber',
      '440304199001011234',
      '身份证号 应为有效的身份证号码',
      '身份证号 must be a valid resident ID number',
    ],
    [
      'vin',
      'LSVAU2180N2000001',
      '车架号 校验位（第 9 位）不正确',
      '车架号 has a wrong check digit (position 9)',
    ],
    ['vin', 'LSVAU2189N200000', '车架号 应为 17 位车架号', '车架号 must have 17 characters'],
    [
      'vin',
      'LSVAU2189N200000I',
      '车架号 不能包含字母 I、O、Q',
      '车架号 must not contain the letters I, O or Q',
    ],
  ])('explains a bad %s %j in both languages', (field, value, zh, en) => {
    const data = { ...base, loanBank: 'x', [field]: value };
    expect(validateData(form.schema, data, 'zh-CN')).toEqual([
      { path: `/${field}`, message: zh, keyword: 'format' },
    ]);
    expect(validateData(form.schema, data, 'en')).toEqual([
      { path: `/${field}`, message: en, keyword: 'format' },
    ]);
  });

  it('accepts valid mobile, ID and VIN values', () => {
    const data = {
      ...base,
      loanBank: 'x',
      mobile: '+8613800138000',
      idNumber: '11010519491231002X',
      vin: 'LRW3E7FA6PC000789',
    };
    expect(validateData(form.schema, data, 'en')).toEqual([]);
  });

  it('does not require a field its rule hides, and ignores its value', () => {
    expect(validateData(form.schema, { ...base, loanBank: 42 }, 'en', { rules: form.rules })).toEqual([]);
    expect(
      validateData(form.schema, { ...base, paymentMethod: 'loan' }, 'en', { rules: form.rules }),
    ).toEqual([{ path: '/loanBank', message: '贷款银行 is required', keyword: 'required' }]);
  });

  it('uses ajv-i18n for messages it has no own wording for', () => {
    const errors = validateData(form.schema, { ...base, loanBank: 'x', paymentMethod: 'bitcoin' }, 'zh-CN');
    expect(errors).toEqual([
      { path: '/paymentMethod', message: '付款方式 应当是预设定的枚举值之一', keyword: 'enum' },
    ]);
  });
});

describe('validateSubmission', () => {
  const previous = { ...base, price: 18980000, discount: 500000, reviewComment: '' };
  const fields = {
    discount: 'readonly',
    price: 'readonly',
    mobile: 'hidden',
    reviewComment: 'required',
  } as const;

  it('accepts an unchanged read-only field and returns only editable fields with recomputed totals', () => {
    const result = validateSubmission(
      form,
      { ...previous, reviewComment: '同意', total: 1 },
      fields,
      previous,
      'en',
    );
    expect(result).toEqual({ ok: true, data: { ...base, reviewComment: '同意', total: 18480000 } });
  });

  it('accepts an omitted read-only field', () => {
    expect(validateSubmission(form, { ...base, reviewComment: 'ok' }, fields, previous, 'en').ok).toBe(true);
  });

  it('rejects any change to a read-only field with its path', () => {
    const result = validateSubmission(
      form,
      { ...base, discount: 0, reviewComment: 'ok' },
      fields,
      previous,
      'zh-CN',
    );
    expect(result).toEqual({
      ok: false,
      errors: [{ path: '/discount', message: '优惠金额 为只读字段，不可修改', keyword: 'readonly' }],
    });
  });

  it('takes a read-only field sent back empty or with its default as unchanged when nothing was stored', () => {
    const withDefault: FormVersion = {
      ...form,
      schema: {
        ...form.schema,
        properties: { ...form.schema.properties, price: { type: 'integer', default: 0 } },
      },
    };
    const sent = { ...base, price: 0, reviewComment: 'ok', vin: '' };
    const result = validateSubmission(withDefault, sent, { ...fields, vin: 'readonly' }, base, 'en');
    expect(result).toEqual({ ok: true, data: { ...base, reviewComment: 'ok', total: 0 } });
    const changed = validateSubmission(withDefault, { ...sent, price: 5 }, fields, base, 'en');
    expect(changed.ok ? [] : changed.errors.map((e) => e.path)).toEqual(['/price']);
  });

  it('rejects a submitted hidden field', () => {
    const result = validateSubmission(
      form,
      { ...base, mobile: '13800138000', reviewComment: 'ok' },
      fields,
      previous,
      'en',
    );
    expect(result).toEqual({
      ok: false,
      errors: [{ path: '/mobile', message: '手机号 is hidden and must not be submitted', keyword: 'hidden' }],
    });
  });

  it('rejects properties the form does not have', () => {
    const result = validateSubmission(
      form,
      { ...base, reviewComment: 'ok', isAdmin: true },
      fields,
      previous,
      'en',
    );
    expect(result).toEqual({
      ok: false,
      errors: [
        { path: '/isAdmin', message: 'isAdmin is not a field of this form', keyword: 'additionalProperties' },
      ],
    });
  });

  it('makes a field with the required permission required even though the schema does not', () => {
    const result = validateSubmission(form, { ...base, reviewComment: '' }, fields, previous, 'zh-CN');
    expect(result).toEqual({
      ok: false,
      errors: [{ path: '/reviewComment', message: '请填写审核意见', keyword: 'required' }],
    });
  });

  it('validates editable fields against the schema', () => {
    const result = validateSubmission(
      form,
      { ...base, reviewComment: 'ok', vin: 'bad' },
      fields,
      previous,
      'en',
    );
    expect(result.ok ? [] : result.errors.map((e) => e.path)).toEqual(['/vin']);
  });

  it('drops a field its rule hides instead of requiring it', () => {
    const result = validateSubmission(
      form,
      { ...base, loanBank: 'ICBC', reviewComment: 'ok' },
      fields,
      previous,
      'en',
    );
    expect(result.ok && result.data).not.toHaveProperty('loanBank');
  });

  it('decides rules on the previous data merged with the submission', () => {
    const loan = { ...previous, paymentMethod: 'loan' };
    const result = validateSubmission(
      form,
      { reviewComment: 'ok' },
      { ...fields, paymentMethod: 'readonly' },
      loan,
      'en',
    );
    expect(result.ok ? [] : result.errors).toEqual([
      { path: '/loanBank', message: '贷款银行 is required', keyword: 'required' },
    ]);
  });

  it('checks nested permissions given as dotted keys', () => {
    const prev = { ...previous, customer: { name: '张伟', mobile: '13800138000' } };
    const nested = { 'customer.mobile': 'readonly' } as const;
    const changed = validateSubmission(
      form,
      { ...base, customer: { name: '张伟', mobile: '13900139000' } },
      nested,
      prev,
      'en',
    );
    expect(changed.ok ? [] : changed.errors.map((e) => e.path)).toEqual(['/customer/mobile']);
    const same = validateSubmission(
      form,
      { ...base, customer: { name: '张三', mobile: '13800138000' } },
      nested,
      prev,
      'en',
    );
    expect(same.ok && same.data.customer).toEqual({ name: '张三', mobile: '13800138000' });
  });

  it('rejects data that is not an object', () => {
    expect(validateSubmission(form, [], {}, {}, 'zh-CN')).toEqual({
      ok: false,
      errors: [{ path: '', message: '表单数据应为对象' }],
    });
  });
});
