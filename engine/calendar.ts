/**
 * Working time on a business calendar (工作日历): pure arithmetic over a store's working hours,
 * weekends, public holidays and make-up working days, on the store's fixed UTC offset.
 *
 * A working day in a duration is one day's working time (`P1D` on 09:00–12:00 + 13:00–18:00 is 8 h of
 * working time), weeks are five working days, hours and smaller units are working time; months and
 * years move on the calendar first. So Friday 10:00 + `P1D` is Monday 10:00, and Friday 17:00 +
 * `PT2H` is Monday 10:00.
 */
import { type Duration, parse } from 'tinyduration';
import type { BusinessCalendar } from './types.ts';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
/** How far a walk looks for working time before it gives up (a calendar with none left). */
const MAX_DAYS = 3660;

/** 09:00–12:00 and 13:00–18:00, Monday to Friday, China Standard Time; no holidays configured. */
export const DEFAULT_CALENDAR: BusinessCalendar = {
  utcOffsetMinutes: 480,
  workingHours: [
    { start: '09:00', end: '12:00' },
    { start: '13:00', end: '18:00' },
  ],
  weekend: [0, 6],
  holidays: [],
  workdays: [],
};

const minutesOf = (hhmm: string): number => {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
};

/** The working periods of a day as [start, end) in ms from local midnight. */
function periods(cal: BusinessCalendar): [number, number][] {
  return cal.workingHours
    .map((p): [number, number] => [minutesOf(p.start) * MINUTE, minutesOf(p.end) * MINUTE])
    .filter(([s, e]) => e > s);
}

/** Working ms in one working day. */
export function workingDayMs(cal: BusinessCalendar): number {
  return periods(cal).reduce((sum, [s, e]) => sum + e - s, 0);
}

/** `YYYY-MM-DD` of a local day index (days since 1970-01-01 on the local clock). */
const dateOf = (day: number): string => new Date(day * DAY).toISOString().slice(0, 10);

/**
 * Whether the local date is worked: a make-up working day always, a holiday never, else not a weekend day.
 *
 * @example
 * isWorkingDate(DEFAULT_CALENDAR, '2026-12-05'); // false (a Saturday)
 */
export function isWorkingDate(cal: BusinessCalendar, date: string): boolean {
  if (cal.workdays.includes(date)) return true;
  if (cal.holidays.includes(date)) return false;
  const dow = new Date(`${date}T00:00:00Z`).getUTCDay();
  return !cal.weekend.includes(dow);
}

/**
 * `ms` of working time after `startMs` (UTC epoch ms); negative `ms` walks back. A start outside working
 * hours counts from the next (or, backwards, the previous) working moment.
 */
export function addWorkingMs(cal: BusinessCalendar, startMs: number, ms: number): number {
  const offset = cal.utcOffsetMinutes * MINUTE;
  const day = periods(cal);
  if (day.length === 0) return startMs + ms;
  const local = startMs + offset;
  let dayIndex = Math.floor(local / DAY);
  let cursor = local - dayIndex * DAY;
  let remaining = Math.abs(ms);
  const forward = ms >= 0;
  for (let walked = 0; walked < MAX_DAYS; walked++) {
    if (isWorkingDate(cal, dateOf(dayIndex))) {
      const ordered = forward ? day : [...day].reverse();
      for (const [s, e] of ordered) {
        if (forward ? cursor >= e : cursor <= s) continue;
        const from = forward ? Math.max(cursor, s) : Math.min(cursor, e);
        const available = forward ? e - from : from - s;
        if (remaining <= available) {
          const at = forward ? from + remaining : from - remaining;
          return dayIndex * DAY + at - offset;
        }
        remaining -= available;
        cursor = forward ? e : s;
      }
    }
    dayIndex += forward ? 1 : -1;
    cursor = forward ? 0 : DAY;
  }
  // No working time in ten years: the calendar is unusable; count natural time rather than never.
  return startMs + ms;
}

function parsed(iso: string): Duration {
  const d = parse(iso);
  if (d.negative) throw new Error(`Negative duration ${iso}`);
  return d;
}

/** Working ms in the day-and-smaller part of a duration (weeks = 5 working days). */
function workingPartMs(cal: BusinessCalendar, d: Duration): number {
  const days = (d.weeks ?? 0) * 5 + (d.days ?? 0);
  const small = ((d.hours ?? 0) * 60 + (d.minutes ?? 0)) * MINUTE + (d.seconds ?? 0) * 1000;
  return Math.round(days * workingDayMs(cal) + small);
}

/**
 * Adds an ISO-8601 duration in working time and returns the ISO due time (UTC).
 *
 * @example
 * addWorkingDuration(DEFAULT_CALENDAR, '2026-12-04T09:00:00.000Z', 'PT2H'); // Fri 17:00 CST + 2 h → Mon 10:00 CST
 */
export function addWorkingDuration(cal: BusinessCalendar, startIso: string, iso: string): string {
  const d = parsed(iso);
  const start = new Date(startIso);
  const months = (d.years ?? 0) * 12 + (d.months ?? 0);
  if (months !== 0) start.setUTCMonth(start.getUTCMonth() + Math.trunc(months));
  return new Date(addWorkingMs(cal, start.getTime(), workingPartMs(cal, d))).toISOString();
}

/** Subtracts the day-and-smaller part of a duration in working time (months and years count as none). */
export function subtractWorkingDuration(cal: BusinessCalendar, endIso: string, iso: string): string {
  const ms = workingPartMs(cal, parsed(iso));
  return new Date(addWorkingMs(cal, new Date(endIso).getTime(), -ms)).toISOString();
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The due time a context value names: a date-time as is; a date (`2026-12-31`) at the end of that day's
 * last working period, or (without a calendar) at the end of the day in UTC+8. Undefined when the value
 * is no date.
 *
 * @example
 * dueFromDate(DEFAULT_CALENDAR, '2026-12-31'); // '2026-12-31T10:00:00.000Z' (18:00 CST)
 */
export function dueFromDate(cal: BusinessCalendar | undefined, value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  if (DATE_ONLY.test(value)) {
    const midnight = Date.parse(`${value}T00:00:00Z`);
    if (Number.isNaN(midnight)) return undefined;
    const offset = (cal ?? DEFAULT_CALENDAR).utcOffsetMinutes * MINUTE;
    const ends = cal ? periods(cal).map(([, e]) => e) : [];
    const end = ends.length > 0 ? Math.max(...ends) : DAY - 1000;
    return new Date(midnight + end - offset).toISOString();
  }
  if (!/^\d{4}-\d{2}-\d{2}T/.test(value)) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}
