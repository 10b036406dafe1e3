import { normalizeMobile } from '../../forms/formats.ts';
import { toNewCustomer } from './CustomerCreateDrawer.tsx';

describe('new customer body', () => {
  it('sends the budget in fen and gathers the preferences, leaving empty fields out', () => {
    expect(
      toNewCustomer({
        name: ' 张伟 ',
        mobile: '13800138000',
        email: '',
        budgetMin: 150_000,
        budgetMax: null,
        preferredModel: 'BYD 海豹',
        preferredColor: undefined,
        notes: '',
      }),
    ).toEqual({
      storeId: undefined,
      name: '张伟',
      mobile: '13800138000',
      email: undefined,
      address: undefined,
      grade: undefined,
      intentLevel: undefined,
      source: undefined,
      value: undefined,
      purchaseType: undefined,
      budgetMin: 15_000_000,
      budgetMax: undefined,
      preferences: { models: ['BYD 海豹'] },
    });
  });

  it.each([
    ['+86 138-0013-8000', '13800138000'],
    ['8613800138000', '13800138000'],
    ['12800138000', null],
    ['1380013800', null],
  ])('normalises the mobile %s to %s', (input, expected) => {
    expect(normalizeMobile(input)).toBe(expected);
  });
});
