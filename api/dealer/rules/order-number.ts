/**
 * The order number rule: store code + `YYYYMMDD` + 4-digit daily sequence per store
 * (`BJ01202611220001`). Days are counted in China Standard Time (UTC+8, no daylight saving).
 * Work orders and complaints follow the same rule behind a series prefix with their own counters
 * (`WXBJ01202611220001`, `TSBJ01202611220001`), so no number is mistaken for another kind's.
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

/** The numbered series: sales orders (no prefix), work orders 维修 `WX`, complaints 投诉 `TS`. */
export const NUMBER_SERIES = { order: '', serviceOrder: 'WX', complaint: 'TS' } as const;
export type NumberSeries = (typeof NUMBER_SERIES)[keyof typeof NUMBER_SERIES];

/**
 * Formats an order number, or with a series prefix a work-order or complaint number.
 *
 * @example
 * formatOrderNo('BJ01', '2026-11-22', 1); // 'BJ01202611220001'
 * formatOrderNo('BJ01', '2026-11-22', 1, 'WX'); // 'WXBJ01202611220001'
 */
export function formatOrderNo(
  storeId: string,
  day: string,
  sequence: number,
  series: NumberSeries = '',
): string {
  if (!Number.isInteger(sequence) || sequence < 1) throw new RangeError(`bad sequence ${sequence}`);
  if (sequence > 9999)
    throw new AppError('conflict', `Store ${storeId} has used every ${series || 'order'} number of ${day}`);
  return `${series}${storeId}${day.replaceAll('-', '')}${String(sequence).padStart(4, '0')}`;
}

/** Splits an order number into its parts, or null when it does not follow the rule. */
export function parseOrderNo(orderNo: string): { storeId: string; day: string; sequence: number } | null {
  const m = /^([A-Z]{2}\d{2})(\d{4})(\d{2})(\d{2})(\d{4})$/.exec(orderNo);
  if (!m) return null;
  return { storeId: m[1]!, day: `${m[2]}-${m[3]}-${m[4]}`, sequence: Number(m[5]) };
}
