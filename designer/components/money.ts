/** Converting between what people type (元, two decimals) and what the API stores (integer 分). */

/**
 * 元 → 分, rounded to a whole fen (so 0.29 元 is 29 分, not 28.999…).
 *
 * @example
 * yuanToFen(189800); // 18980000
 */
export function yuanToFen(yuan: number): number {
  return Math.round(yuan * 100);
}

/**
 * 分 → 元 for display and editing.
 *
 * @example
 * fenToYuan(12345); // 123.45
 */
export function fenToYuan(fen: number): number {
  return fen / 100;
}
