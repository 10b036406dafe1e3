import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import {
  addDealerflowFormats,
  cnIdCheckChar,
  isValidCnId,
  isValidMobile,
  isValidMoney,
  normalizeMobile,
} from './formats.ts';

describe('mobile format', () => {
  it.each([
    '13800138000',
    '19912345678',
    '+8613800138000',
    '8613800138000',
    '138-0013-8000',
    '86 139 1234 5678',
  ])('accepts %s', (mobile) => {
    expect(isValidMobile(mobile)).toBe(true);
  });

  it('normalises to the 11 digits the server stores', () => {
    expect(normalizeMobile('+86 138-0013-8000')).toBe('13800138000');
    expect(normalizeMobile('12800138000')).toBeNull();
  });

  it.each(['12800138000', '1380013800', '138001380000', '+8513800138000', '+1 13800138000', 'abc', ''])(
    'rejects %j',
    (mobile) => {
      expect(isValidMobile(mobile)).toBe(false);
    },
  );
});

describe('resident ID number format', () => {
  it.each(['11010519491231002X', '11010519491231002x', '440304199001011233', '310115200002290013'])(
    'accepts %s',
    (id) => {
      expect(isValidCnId(id)).toBe(true);
    },
  );

  it.each([
    ['440304199001011234', 'a wrong check digit'],
    ['11010519491231002', '17 characters'],
    ['1101051949123100X2', 'X in the middle'],
    ['310115190002290013', 'the 29th of February in a non-leap year'],
    ['110105194913310026', 'month 13'],
  ])('rejects %s (%s)', (id) => {
    expect(isValidCnId(id)).toBe(false);
  });

  it('computes X for a remainder of 2', () => {
    expect(cnIdCheckChar('11010519491231002')).toBe('X');
  });
});

describe('money', () => {
  it.each([
    [0, true],
    [18980000, true],
    [-1, false],
    [1.5, false],
    [Number.NaN, false],
  ])('treats %s fen as valid: %s', (amount, valid) => {
    expect(isValidMoney(amount)).toBe(valid);
  });
});

describe('addDealerflowFormats', () => {
  const ajv = addDealerflowFormats(addFormats(new Ajv({ allErrors: true })));

  it.each([
    [{ type: 'string', format: 'mobile' }, '13800138000', 'not a mobile'],
    [{ type: 'string', format: 'vin' }, 'LSVAU2189N2000001', 'LSVAU2180N2000001'],
    [{ type: 'string', format: 'cn-id' }, '11010519491231002X', '110105194912310021'],
    [{ type: 'integer', format: 'money' }, 500000, -500000],
    [{ type: 'integer', money: true }, 0, -1],
  ])('registers %j on ajv', (schema, good, bad) => {
    const validate = ajv.compile(schema);
    expect(validate(good)).toBe(true);
    expect(validate(bad)).toBe(false);
  });
});
