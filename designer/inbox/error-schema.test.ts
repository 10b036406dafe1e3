import { detailsToErrorSchema, pathSegments } from './error-schema.ts';

describe('422 details as rjsf errors', () => {
  it.each([
    ['/accessories/0/price', ['accessories', '0', 'price']],
    ['data.discount', ['data', 'discount']],
    ['accessories[1].name', ['accessories', '1', 'name']],
    ['/a~1b', ['a/b']],
    ['', []],
  ])('splits %j into %j', (path, segments) => {
    expect(pathSegments(path)).toEqual(segments);
  });

  it('nests messages under their field, drops the request body prefix and keeps root errors', () => {
    expect(
      detailsToErrorSchema([
        { path: '/discount', message: '超过上限' },
        { path: 'data.accessories.0.price', message: '必须为整数' },
        { path: '/discount', message: '需总经理审批' },
        { path: '', message: '表单无效' },
      ]),
    ).toEqual({
      __errors: ['表单无效'],
      discount: { __errors: ['超过上限', '需总经理审批'] },
      accessories: { 0: { price: { __errors: ['必须为整数'] } } },
    });
  });
});
