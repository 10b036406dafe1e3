import { detailsToErrorSchema } from './error-schema.ts';

describe('422 details as rjsf errors', () => {
  it('nests messages under their field, drops the request body prefix and keeps root errors', () => {
    expect(
      detailsToErrorSchema([
        { path: '/discount', message: '超过上限' },
        { path: '/data/accessories/0/price', message: '必须为整数' },
        { path: '/discount', message: '需总经理审批' },
        { path: '/a~1b', message: '含斜杠的字段' },
        { path: '', message: '表单无效' },
      ]),
    ).toEqual({
      __errors: ['表单无效'],
      discount: { __errors: ['超过上限', '需总经理审批'] },
      accessories: { 0: { price: { __errors: ['必须为整数'] } } },
      'a/b': { __errors: ['含斜杠的字段'] },
    });
  });
});
