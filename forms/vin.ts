/**
 * Vehicle identification numbers (ISO 3779; China GB 16735), as docs/dealership.md describes them:
 * 17 characters, never I, O or Q, position 9 a check digit over the other 16.
 */

/** Which rule a VIN breaks, in the order they are checked. */
export type VinProblem = 'length' | 'forbidden-letter' | 'invalid-character' | 'check-digit';

// biome-ignore format: a lookup table reads best as a table
const TRANSLITERATION: Readonly<Record<string, number>> = {
  A: 1, B: 2, C: 3, D: 4, E: 5, F: 6, G: 7, H: 8,
  J: 1, K: 2, L: 3, M: 4, N: 5, P: 7, R: 9,
  S: 2, T: 3, U: 4, V: 5, W: 6, X: 7, Y: 8, Z: 9,
};

const WEIGHTS = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2] as const;

const VIN_LENGTH = 17;
const CHECK_POSITION = 8; // zero-based index of the 9th character

/** Value of one VIN character in the check-digit sum; undefined for characters a VIN cannot contain. */
function charValue(char: string): number | undefined {
  if (char >= '0' && char <= '9') return char.charCodeAt(0) - 48;
  return TRANSLITERATION[char];
}

/**
 * The check digit (position 9) a 17-character VIN must carry, computed from its other 16 characters;
 * `undefined` when the input is not 17 characters or contains a character a VIN cannot hold.
 * Lower case is accepted (VINs are case-insensitive when typed).
 *
 * @example vinCheckDigit('LSVAU2189N2000001') // '9'
 */
export function vinCheckDigit(vin: string): string | undefined {
  const upper = vin.toUpperCase();
  if (upper.length !== VIN_LENGTH) return undefined;
  let sum = 0;
  for (let i = 0; i < VIN_LENGTH; i++) {
    const value = charValue(upper.charAt(i));
    if (value === undefined) return undefined;
    sum += value * (WEIGHTS[i] ?? 0);
  }
  const remainder = sum % 11;
  return remainder === 10 ? 'X' : String(remainder);
}

/**
 * The first rule `vin` breaks, or `undefined` when it is a valid VIN.
 *
 * @example vinProblem('LSVAU2189N200000') // 'length'
 * @example vinProblem('LSVAU2180N2000001') // 'check-digit'
 */
export function vinProblem(vin: string): VinProblem | undefined {
  const upper = vin.toUpperCase();
  if (upper.length !== VIN_LENGTH) return 'length';
  if (/[IOQ]/.test(upper)) return 'forbidden-letter';
  if (!/^[A-Z0-9]+$/.test(upper)) return 'invalid-character';
  return upper.charAt(CHECK_POSITION) === vinCheckDigit(upper) ? undefined : 'check-digit';
}

/**
 * Whether `vin` is a well-formed VIN with a correct check digit.
 *
 * @example isValidVin('LFV2A21KXP3000123') // true
 */
export function isValidVin(vin: string): boolean {
  return vinProblem(vin) === undefined;
}
