/**
 * Integer money helpers. Amounts are fen (分) held in JS numbers that stay integers: every
 * division is rounded explicitly here, so no float ever reaches a stored amount.
 */

/**
 * `numerator / denominator` rounded half away from zero, on integers.
 *
 * @example
 * divRound(17_699_115, 113); // 156629 (0.5 rounds up)
 */
export function divRound(numerator: number, denominator: number): number {
  if (!Number.isSafeInteger(numerator) || !Number.isSafeInteger(denominator) || denominator === 0) {
    throw new RangeError(
      `divRound needs safe integers and a non-zero denominator (${numerator}/${denominator})`,
    );
  }
  const sign = Math.sign(numerator) * Math.sign(denominator);
  const n = Math.abs(numerator);
  const d = Math.abs(denominator);
  // (2n + d) / 2d floored is n/d rounded half up, exactly, for non-negative integers.
  return sign * Math.floor((2 * n + d) / (2 * d));
}

/** Sum of integer amounts. */
export function sumFen(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

/** A ratio (0..1) rounded to 4 decimals for display and flow guards; never used for money. */
export function ratio(part: number, whole: number): number {
  if (whole <= 0) return 0;
  return divRound(part * 10_000, whole) / 10_000;
}

/** Formats fen as yuan for people: `formatYuan(18980000)` → `¥189,800.00`. */
export function formatYuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  const yuan = Math.floor(abs / 100).toLocaleString('en-US');
  const cents = String(abs % 100).padStart(2, '0');
  return `${sign}¥${yuan}.${cents}`;
}
