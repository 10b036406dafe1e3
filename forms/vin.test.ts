import { isValidVin, vinCheckDigit, vinProblem } from './vin.ts';

const VALID = [
  'LSVAU2189N2000001',
  'LFV2A21KXP3000123',
  'LVGBE40K2RG000456',
  'LGXC16DG9R0012345',
  'LRW3E7FA6PC000789',
];

describe('VIN check', () => {
  it.each(VALID)('accepts the valid example %s', (vin) => {
    expect(isValidVin(vin)).toBe(true);
    expect(vinProblem(vin)).toBeUndefined();
    expect(vinCheckDigit(vin)).toBe(vin.charAt(8));
  });

  it('accepts a valid VIN typed in lower case', () => {
    expect(isValidVin('lfv2a21kxp3000123')).toBe(true);
  });

  it('computes X when the remainder is 10', () => {
    expect(vinCheckDigit('LFV2A21K0P3000123')).toBe('X');
  });

  it.each(VALID)('rejects %s with any other check digit', (vin) => {
    for (const digit of '0123456789X') {
      if (digit === vin.charAt(8)) continue;
      const mutated = `${vin.slice(0, 8)}${digit}${vin.slice(9)}`;
      expect(vinProblem(mutated)).toBe('check-digit');
    }
  });

  it('rejects a VIN whose serial number was altered without fixing the check digit', () => {
    expect(vinProblem('LSVAU2189N2000002')).toBe('check-digit');
  });

  it.each([
    ['LSVAU2189N200000', 'length'],
    ['LSVAU2189N20000011', 'length'],
    ['', 'length'],
    ['LSVAU2189N200000I', 'forbidden-letter'],
    ['OSVAU2189N2000001', 'forbidden-letter'],
    ['LSVAQ2189N2000001', 'forbidden-letter'],
    ['LSVAU2189N200000-', 'invalid-character'],
    ['LSVAU2189N20000 1', 'invalid-character'],
  ] as const)('reports %j as breaking the %s rule', (vin, problem) => {
    expect(vinProblem(vin)).toBe(problem);
    expect(isValidVin(vin)).toBe(false);
  });

  it('gives no check digit for input that is not a VIN', () => {
    expect(vinCheckDigit('SHORT')).toBeUndefined();
    expect(vinCheckDigit('LSVAU2189N200000I')).toBeUndefined();
  });
});
