import { toNewOrder } from './new-order-body.ts';
import { previewTotal } from './order-preview.ts';

describe('new order amounts', () => {
  it('previews deal price, accessories, purchase tax and total in fen', () => {
    const preview = previewTotal(
      {
        msrp: 189800,
        discount: 5000,
        accessories: [{ name: '基础包', price: 3000 }],
        insurance: 6500,
        registrationFee: 500,
      },
      false,
    );
    expect(preview).toMatchObject({
      dealPrice: 18_480_000,
      accessoriesTotal: 300_000,
      purchaseTax: 1_635_398,
      total: 18_480_000 + 300_000 + 1_635_398 + 650_000 + 50_000,
    });
  });

  it('exempts new-energy vehicles from purchase tax up to the cap, as the server does', () => {
    expect(previewTotal({ msrp: 189800, discount: 5000 }, true)?.purchaseTax).toBe(1_635_398 - 1_500_000);
  });

  it('charges no purchase tax on a cheap new-energy vehicle and subtracts trade-in credit', () => {
    const preview = previewTotal({ msrp: 100000, tradeInCredit: 20000 }, true);
    expect(preview?.purchaseTax).toBe(0);
    expect(preview?.total).toBe(8_000_000);
  });

  it('sends every amount in integer fen and drops incomplete accessory lines', () => {
    const body = toNewOrder({
      customer: { name: ' 张伟 ', mobile: '13800138000' },
      vehicle: { brand: 'BYD', model: '海豹', trim: '豪华版', color: '珍珠白' },
      pricing: {
        msrp: 189800,
        discount: 5000.5,
        accessories: [{ name: '基础包', price: 3000 }, { name: '' }],
        insurance: 6500,
      },
      paymentMethod: 'bank_transfer',
      source: 'walk_in',
    });
    expect(body.customer.name).toBe('张伟');
    expect(body.pricing).toEqual({
      msrp: 18_980_000,
      discount: 500_050,
      accessories: [{ name: '基础包', price: 300_000 }],
      insurance: 650_000,
      registrationFee: undefined,
      financeFee: undefined,
      tradeInCredit: undefined,
      deposit: undefined,
    });
    expect(body.loan).toBeUndefined();
  });
});
