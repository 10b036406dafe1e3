/** Mainland mobile numbers as the server normalises them (api/dealer/rules/mobile.ts, not importable here). */

const MOBILE = /^1[3-9]\d{9}$/;

/**
 * The 11-digit form of a mainland mobile number, or null: spaces and dashes ignored, +86 dropped.
 *
 * @example
 * normalizeMobile('+86 138-0013-8000'); // '13800138000'
 */
export function normalizeMobile(input: string): string | null {
  const local = input.replace(/[\s-]/g, '').replace(/^\+?86(?=1\d{10}$)/, '');
  return MOBILE.test(local) ? local : null;
}
