import { ratio } from '../../../dealer-rules/money.ts';
import { purchaseTax } from '../../../dealer-rules/pricing.ts';
import { AppError } from '../../../engine/errors.ts';
import { computeOrderAmounts } from './pricing.ts';

const seal = {
  msrp: 18_980_000,
  discount: 500_000,
  accessories: [{ name: '基础包', price: 300_000 }],
  insurance: 650_000,
  registrationFee: 50_000,
};

function invalidPaths(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError && error.code === 'invalid')
      return (error.details ?? []).map((d) => d.path);
    throw error;
  }
  throw new Error('expected an invalid error');
}

describe('computeOrderAmounts', () => {
  it('computes the example order of the orders contract in integer fen', () => {
    const a = computeOrderAmounts(seal);
    expect(a.dealPrice).toBe(18_480_000);
    expect(a.accessoriesTotal).toBe(300_000);
    expect(a.purchaseTax).toBe(1_635_398);
    expect(a.total).toBe(18_480_000 + 300_000 + 1_635_398 + 650_000 + 50_000);
    for (const v of [a.dealPrice, a.accessoriesTotal, a.purchaseTax, a.total, a.concession]) {
      expect(Number.isInteger(v)).toBe(true);
    }
  });

  it('counts free and discounted accessories in the concession', () => {
    const a = computeOrderAmounts({
      msrp: 20_000_000,
      discount: 600_000,
      accessories: [
        { name: '尊享包', price: 1_500_000, free: true },
        { name: '基础包', price: 300_000, charged: 200_000 },
      ],
    });
    expect(a.accessoriesTotal).toBe(200_000);
    expect(a.accessoryDiscount).toBe(1_600_000);
    expect(a.concession).toBe(2_200_000);
    expect(a.concessionRate).toBe(0.11);
    expect(a.accessoryDiscountRate).toBe(ratio(1_600_000, 1_800_000));
  });

  it('subtracts the trade-in credit from the total', () => {
    const a = computeOrderAmounts({ msrp: 11_990_000, tradeInCredit: 3_000_000, insurance: 400_000 });
    expect(a.total).toBe(11_990_000 + purchaseTax(11_990_000) + 400_000 - 3_000_000);
  });

  it('gives gross profit against the vehicle cost only when the cost is known', () => {
    expect(computeOrderAmounts(seal).grossProfit).toBeNull();
    const a = computeOrderAmounts(
      { ...seal, accessories: [{ name: '基础包', price: 300_000, cost: 120_000 }] },
      { vehicleCost: 17_000_000 },
    );
    expect(a.grossProfit).toBe(18_480_000 - 17_000_000 + 300_000 - 120_000);
    expect(computeOrderAmounts(seal, { vehicleCost: 19_000_000 }).grossProfit).toBeLessThan(0);
  });

  it('accepts a deposit of exactly 20% of the contract value and refuses one fen more', () => {
    const contract = 18_480_000 + 300_000;
    expect(computeOrderAmounts({ ...seal, deposit: contract / 5 }).deposit).toBe(contract / 5);
    expect(invalidPaths(() => computeOrderAmounts({ ...seal, deposit: contract / 5 + 1 }))).toEqual([
      '/pricing/deposit',
    ]);
  });

  it('refuses fractional fen with the field path', () => {
    expect(invalidPaths(() => computeOrderAmounts({ ...seal, insurance: 650_000.5 }))).toEqual([
      '/pricing/insurance',
    ]);
    expect(
      invalidPaths(() => computeOrderAmounts({ ...seal, accessories: [{ name: 'x', price: 0.1 }] })),
    ).toEqual(['/pricing/accessories/0/price']);
  });

  it('refuses a discount above the MSRP', () => {
    expect(invalidPaths(() => computeOrderAmounts({ msrp: 100, discount: 101 }))).toContain(
      '/pricing/discount',
    );
  });
});
