import { AppError } from '../../../engine/errors.ts';
import { divRound, formatYuan, ratio } from './money.ts';
import { computeOrderAmounts, purchaseTax } from './pricing.ts';

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

describe('divRound', () => {
  it.each([
    [10, 4, 3],
    [9, 4, 2],
    [-10, 4, -3],
    [184_800_000, 113, 1_635_398],
    [0, 7, 0],
  ])('rounds %i / %i half away from zero to %i', (n, d, expected) => {
    expect(divRound(n, d)).toBe(expected);
  });

  it('refuses non-integers so a float never becomes money', () => {
    expect(() => divRound(1.5, 2)).toThrow(RangeError);
  });
});

describe('purchaseTax', () => {
  it('is the deal price ÷ 1.13 × 10% rounded to the fen', () => {
    expect(purchaseTax(18_480_000)).toBe(1_635_398);
    expect(purchaseTax(11_300)).toBe(1_000);
  });

  it('exempts new-energy vehicles up to the cap', () => {
    expect(purchaseTax(18_480_000, { newEnergy: true })).toBe(1_635_398 - 1_500_000);
    expect(purchaseTax(9_990_000, { newEnergy: true })).toBe(0);
    expect(purchaseTax(18_480_000, { newEnergy: true, newEnergyTaxCap: 3_000_000 })).toBe(0);
  });
});

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

describe('formatYuan', () => {
  it('shows fen as yuan with two decimals', () => {
    expect(formatYuan(18_980_000)).toBe('¥189,800.00');
    expect(formatYuan(-5)).toBe('-¥0.05');
  });
});
