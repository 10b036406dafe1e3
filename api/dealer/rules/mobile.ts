/**
 * Mainland China mobile numbers (docs/dealership.md): `^1[3-9]\d{9}$`, optionally prefixed with +86.
 */

const MOBILE = /^1[3-9]\d{9}$/;

/**
 * The 11-digit form of a mainland mobile number, or null when it is not one. Spaces and dashes are
 * ignored; a `+86` / `86` prefix is dropped.
 *
 * @example
 * normalizeMobile('+86 138-0013-8000'); // '13800138000'
 */
export function normalizeMobile(input: string): string | null {
  const compact = input.replace(/[\s-]/g, '');
  const local = compact.replace(/^\+?86(?=1\d{10}$)/, '');
  return MOBILE.test(local) ? local : null;
}

/** Whether the input is a mainland mobile number (see {@link normalizeMobile}). */
export function isValidMobile(input: string): boolean {
  return normalizeMobile(input) !== null;
}
