/**
 * The maintenance reminder rule (保养提醒, docs/dealership.md): the first service a number of months
 * or kilometres after delivery, whichever comes first; after each completed service the next one by
 * the interval (the model's, or the default). Days are the store's business days (UTC+8).
 */
import { businessDay } from './order-number.ts';

/** First service after delivery (*default*): 3 months or 5,000 km. */
export const FIRST_SERVICE = { months: 3, km: 5_000 } as const;
/** Between services (*default*, when the flow names no model interval): 6 months or 10,000 km. */
export const SERVICE_INTERVAL = { months: 6, km: 10_000 } as const;

/** What a reminder is counted from: a delivery (odometer ~0) or a completed service (its mileage). */
export interface MaintenanceStart {
  /** The instant of the delivery or of the completed service. */
  at: Date;
  /** Odometer reading then; a delivered car counts from 0. */
  mileage: number;
  /** The interval to use instead of the default (the model's), for services only. */
  interval?: { months: number; km: number } | undefined;
}

/**
 * `YYYY-MM-DD` of a business day plus whole months, the day clamped to the month's end.
 *
 * @example
 * addMonthsToDay('2026-11-30', 3); // '2027-02-28'
 */
export function addMonthsToDay(day: string, months: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const last = new Date(Date.UTC(y, m - 1 + months + 1, 0)).getUTCDate();
  return new Date(Date.UTC(y, m - 1 + months, Math.min(d, last))).toISOString().slice(0, 10);
}

/**
 * When the next maintenance is due: the date (by months) and the odometer reading (by km).
 *
 * @example
 * nextMaintenance('delivery', { at: new Date('2026-12-05T02:00:00Z'), mileage: 0 });
 * // { dueDate: '2027-03-05', dueKm: 5000 }
 */
export function nextMaintenance(
  after: 'delivery' | 'service',
  start: MaintenanceStart,
): { dueDate: string; dueKm: number } {
  const rule = after === 'delivery' ? FIRST_SERVICE : (start.interval ?? SERVICE_INTERVAL);
  return {
    dueDate: addMonthsToDay(businessDay(start.at), rule.months),
    dueKm: start.mileage + rule.km,
  };
}
