import { preferredVehicle } from './catalogue.ts';
import { discountFromRate, rateOfDiscount } from './DiscountInput.tsx';

describe('discount in 元 or %', () => {
  it.each([
    [189_800, 2, 3_796],
    [202_800, 1.5, 3_042],
    [99_900, 3.33, 3_326.67],
  ])('turns %s元 × %s%% into %s元', (msrp, percent, yuan) => {
    expect(discountFromRate(msrp, percent)).toBe(yuan);
  });

  it('shows a discount in 元 as its rate of the MSRP, and nothing without an MSRP', () => {
    expect(rateOfDiscount(189_800, 3_796)).toBe(2);
    expect(rateOfDiscount(undefined, 3_796)).toBeNull();
    expect(rateOfDiscount(189_800, null)).toBeNull();
  });
});

describe('the vehicle a customer prefers', () => {
  it('finds the catalogue model and colour the customer drawer recorded', () => {
    expect(preferredVehicle({ models: ['凯美瑞 2.0 HEV'], colour: '珍珠白' })).toEqual({
      model: { brand: 'GAC Toyota', model: '凯美瑞 2.0 HEV', msrp: 20_280_000, newEnergy: false, wmi: 'LVG' },
      color: '珍珠白',
    });
  });

  it('leaves out what the catalogue does not know', () => {
    expect(preferredVehicle({ models: ['Cybertruck'], colour: '荧光绿' })).toEqual({});
    expect(preferredVehicle(null)).toEqual({});
  });
});
