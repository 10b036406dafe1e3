/**
 * The order number rule: store code + `YYYYMMDD` + 4-digit daily sequence per store
 * (`BJ01202611220001`). Days are counted in China Standard Time (UTC+8, no daylight saving).
 */
import { AppError } from '../../../engine/errors.ts';

const CST_OFFSET_MS = 8 * 60 * 60 * 1000;

/**
 * The store's business day of an instant, as `YYYY-MM-DD` in UTC+8.
 *
 * @example
 * businessDay(new Date('2026-11-22T17:30:00Z')); // '2026-11-23'
 */
export function businessDay(now: Date): string {
  return new Date(now.getTime() + CST_OFFSET_MS).toISOString().slice(0, 10);
}

/**
 * Formats an order number.
 *
 * @example
 * formatOrderNo('BJ01', '2026-11-22', 1); // 'BJ01202611220001'
 */
export function formatOrderNo(storeId: string, day: string, sequence: number): string {
  if (!Number.isInteger(sequence) || sequence < 1) throw new RangeError(`bad sequence ${sequence}`);
  if (sequence > 9999)
    throw new AppError('conflict', `Store ${storeId} has used every order number of ${day}`);
  return `${storeId}${day.replaceAll('-', '')}${String(sequence).padStart(4, '0')}`;
}

/** Splits an order number into its parts, or null when it does not follow the rule. */
export function parseOrderNo(orderNo: string): { storeId: string; day: string; sequence: number } | null {
  const m = /^([A-Z]{2}\d{2})(\d{4})(\d{2})(\d{2})(\d{4})$/.exec(orderNo);
  if (!m) return null;
  return { storeId: m[1]!, day: `${m[2]}-${m[3]}-${m[4]}`, sequence: Number(m[5]) };
}
