import { divRound, formatYuan } from './money.ts';
import { purchaseTax } from './pricing.ts';

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

describe('formatYuan', () => {
  it('shows fen as yuan with two decimals', () => {
    expect(formatYuan(18_980_000)).toBe('¥189,800.00');
    expect(formatYuan(-5)).toBe('-¥0.05');
  });
});
