/**
 * Field formats a dealership form needs beyond JSON Schema's own (docs/dealership.md): mainland mobile
 * numbers, VINs, resident ID numbers and money in integer fen, and their registration on an ajv
 * instance — the server's (validate.ts) and, through `CUSTOM_FORMATS`, the browser's rjsf validator.
 */
import type Ajv from 'ajv';
import { isValidVin } from './vin.ts';

/** The VIN rule (ISO 3779 / GB 16735 check digit) beside the mobile rule, for browser and server alike. */
export { isValidVin, type VinProblem, vinCheckDigit, vinProblem } from './vin.ts';

const MOBILE = /^1[3-9]\d{9}$/;

/**
 * The one mobile-number rule of browser and server: the 11-digit form of a mainland mobile number,
 * or null when it is not one. Spaces and dashes are ignored and a `+86` / `86` prefix is dropped, so
 * `138-0013-8000` is accepted everywhere and stored as `13800138000`.
 *
 * @example
 * normalizeMobile('+86 138-0013-8000'); // '13800138000'
 */
export function normalizeMobile(input: string): string | null {
  const local = input.replace(/[\s-]/g, '').replace(/^\+?86(?=1\d{10}$)/, '');
  return MOBILE.test(local) ? local : null;
}

/** Whether `value` is a mainland mobile number (see {@link normalizeMobile}). */
export function isValidMobile(value: string): boolean {
  return normalizeMobile(value) !== null;
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const ID_CHECK_CHARS = '10X98765432';

/** The GB 11643 check character for the first 17 digits of a resident ID number; undefined if not 17 digits. */
export function cnIdCheckChar(first17: string): string | undefined {
  if (!/^\d{17}$/.test(first17)) return undefined;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17.charAt(i)) * (ID_WEIGHTS[i] ?? 0);
  return ID_CHECK_CHARS.charAt(sum % 11);
}

/** Whether `yyyymmdd` is a real calendar date (no clock needed: the calendar is arithmetic). */
function isRealDate(yyyymmdd: string): boolean {
  const year = Number(yyyymmdd.slice(0, 4));
  const month = Number(yyyymmdd.slice(4, 6));
  const day = Number(yyyymmdd.slice(6, 8));
  if (year < 1900 || month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
  return day <= days;
}

/**
 * Whether `value` is an 18-character resident ID number (居民身份证号码, GB 11643): 17 digits with a real
 * birth date at positions 7–14, then the check character (`X` for 10, either case).
 *
 * @example isValidCnId('11010519491231002X') // true
 */
export function isValidCnId(value: string): boolean {
  if (!/^\d{17}[\dXx]$/.test(value)) return false;
  if (!isRealDate(value.slice(6, 14))) return false;
  return cnIdCheckChar(value.slice(0, 17)) === value.charAt(17).toUpperCase();
}

/** Whether `value` is an amount of money in integer fen (分): a non-negative safe integer. */
export function isValidMoney(value: number): boolean {
  return Number.isSafeInteger(value) && value >= 0;
}

/**
 * The custom string formats by name, as plain predicates: give them to rjsf's
 * `customizeValidator({ customFormats: CUSTOM_FORMATS })` in the browser so both sides agree.
 */
export const CUSTOM_FORMATS: Readonly<Record<'mobile' | 'vin' | 'cn-id', (value: string) => boolean>> = {
  mobile: isValidMobile,
  vin: isValidVin,
  'cn-id': isValidCnId,
};

/**
 * Registers the formats `mobile`, `vin`, `cn-id` (strings) and `money` (numbers), and the keyword
 * `money` (`{ "type": "integer", "money": true }`: an integer amount of fen ≥ 0) on an ajv instance.
 * Call it after `ajv-formats`. Returns the same instance.
 */
export function addDealerflowFormats(ajv: Ajv): Ajv {
  for (const [name, validate] of Object.entries(CUSTOM_FORMATS)) {
    ajv.addFormat(name, { type: 'string', validate });
  }
  ajv.addFormat('money', { type: 'number', validate: isValidMoney });
  ajv.addKeyword({
    keyword: 'money',
    schemaType: 'boolean',
    errors: false,
    validate: (enabled: boolean, data: unknown) =>
      !enabled || (typeof data === 'number' && isValidMoney(data)),
  });
  return ajv;
}
