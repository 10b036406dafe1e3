/**
 * ISO-8601 durations (`PT4H`, `P3D`, `P1M`) for `after` timers and task SLAs.
 *
 * Weeks, days and smaller units are fixed lengths (a day is 24 h: UTC, no daylight saving).
 * Months and years have no fixed length: `addDuration` adds them on the UTC calendar and clamps the day
 * to the month's end (`2024-01-31` + `P1M` = `2024-02-29`); `durationToMs` approximates them as 30 and
 * 365 days, which only matters for XState's in-memory delay value, never for a stored due date.
 */
import { type Duration, parse } from 'tinyduration';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

function parseDuration(iso: string): Duration | undefined {
  try {
    const d = parse(iso);
    return d.negative ? undefined : d;
  } catch {
    return undefined;
  }
}

/**
 * Whether `iso` is a non-negative ISO-8601 duration.
 *
 * @example
 * isValidDuration('PT4H'); // true
 * isValidDuration('4h'); // false
 */
export function isValidDuration(iso: string): boolean {
  return parseDuration(iso) !== undefined;
}

function fixedMs(d: Duration): number {
  return (
    (d.weeks ?? 0) * 7 * DAY +
    (d.days ?? 0) * DAY +
    (d.hours ?? 0) * HOUR +
    (d.minutes ?? 0) * MINUTE +
    (d.seconds ?? 0) * SECOND
  );
}

/**
 * Milliseconds in a duration (months ≈ 30 days, years ≈ 365 days). Throws on an invalid duration.
 *
 * @example
 * durationToMs('PT1H30M'); // 5_400_000
 */
export function durationToMs(iso: string): number {
  const d = parseDuration(iso);
  if (!d) throw new Error(`Invalid ISO-8601 duration: ${iso}`);
  return Math.round(((d.years ?? 0) * 365 + (d.months ?? 0) * 30) * DAY + fixedMs(d));
}

/**
 * Adds a duration to an ISO date-time and returns an ISO string (UTC). Months and years use the calendar.
 *
 * @example
 * addDuration('2024-01-31T08:00:00.000Z', 'P1M'); // '2024-02-29T08:00:00.000Z'
 */
export function addDuration(isoDate: string, iso: string): string {
  const d = parseDuration(iso);
  if (!d) throw new Error(`Invalid ISO-8601 duration: ${iso}`);
  const date = new Date(isoDate);
  const months = (d.years ?? 0) * 12 + (d.months ?? 0);
  if (months !== 0) addCalendarMonths(date, Math.trunc(months));
  return new Date(date.getTime() + Math.round(fixedMs(d))).toISOString();
}

function addCalendarMonths(date: Date, months: number): void {
  const day = date.getUTCDate();
  date.setUTCDate(1);
  date.setUTCMonth(date.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0)).getUTCDate();
  date.setUTCDate(Math.min(day, lastDay));
}

let lastTime: { date: Date | undefined; ms: number; iso: string } = {
  date: undefined,
  ms: Number.NaN,
  iso: '',
};

/**
 * `date.toISOString()`, remembered for the last date: one step formats its `now` many times (tasks,
 * history, timers, expressions) and formatting is a measurable part of a step.
 */
export function isoTime(date: Date): string {
  const ms = date.getTime();
  if (date !== lastTime.date || ms !== lastTime.ms) lastTime = { date, ms, iso: date.toISOString() };
  return lastTime.iso;
}
