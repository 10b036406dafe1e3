import {
  addWorkingDuration,
  DEFAULT_CALENDAR,
  dueFromDate,
  isWorkingDate,
  subtractWorkingDuration,
  workingDayMs,
} from './calendar.ts';
import type { BusinessCalendar } from './types.ts';

/** CST wall clock → ISO UTC. */
const cst = (local: string) => new Date(`${local}+08:00`).toISOString();

/** 2026-10-01..07 国庆 off; Sunday 2026-09-27 and Saturday 2026-10-10 worked (调休). */
const NATIONAL_DAY: BusinessCalendar = {
  ...DEFAULT_CALENDAR,
  holidays: ['2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06', '2026-10-07'],
  workdays: ['2026-09-27', '2026-10-10'],
};

describe('business calendar', () => {
  it('knows weekends, holidays and make-up working days', () => {
    expect(isWorkingDate(DEFAULT_CALENDAR, '2026-12-04')).toBe(true); // Friday
    expect(isWorkingDate(DEFAULT_CALENDAR, '2026-12-05')).toBe(false); // Saturday
    expect(isWorkingDate(NATIONAL_DAY, '2026-10-01')).toBe(false); // Thursday, holiday
    expect(isWorkingDate(NATIONAL_DAY, '2026-09-27')).toBe(true); // Sunday, worked
  });

  it('counts a working day as one day of working hours', () => {
    expect(workingDayMs(DEFAULT_CALENDAR)).toBe(8 * 3600_000);
  });

  it.each([
    ['within the morning', '2026-12-03T09:30', 'PT2H', '2026-12-03T11:30'],
    ['across lunch', '2026-12-03T11:00', 'PT2H', '2026-12-03T14:00'],
    ['across a weekend', '2026-12-04T17:00', 'PT2H', '2026-12-07T10:00'],
    ['a working day from Friday', '2026-12-04T10:00', 'P1D', '2026-12-07T10:00'],
    ['from a Saturday', '2026-12-05T15:00', 'PT1H', '2026-12-07T10:00'],
    ['before work starts', '2026-12-03T07:00', 'PT30M', '2026-12-03T09:30'],
    ['over the National Day week', '2026-09-30T17:00', 'PT2H', '2026-10-08T10:00'],
    ['a week as five working days', '2026-12-02T10:00', 'P1W', '2026-12-09T10:00'],
  ])('adds working time %s', (_name, from, duration, due) => {
    expect(addWorkingDuration(NATIONAL_DAY, cst(from), duration)).toBe(cst(due));
  });

  it('walks back over a weekend for a reminder before the due time', () => {
    expect(subtractWorkingDuration(DEFAULT_CALENDAR, cst('2026-12-07T10:00'), 'PT2H')).toBe(
      cst('2026-12-04T17:00'),
    );
  });

  it('reads a date as the end of that working day and a date-time as is', () => {
    expect(dueFromDate(DEFAULT_CALENDAR, '2026-12-31')).toBe(cst('2026-12-31T18:00'));
    expect(dueFromDate(undefined, '2026-12-31')).toBe(cst('2026-12-31T23:59:59'));
    expect(dueFromDate(DEFAULT_CALENDAR, '2026-12-31T08:00:00Z')).toBe('2026-12-31T08:00:00.000Z');
    expect(dueFromDate(DEFAULT_CALENDAR, 'soon')).toBeUndefined();
    expect(dueFromDate(DEFAULT_CALENDAR, 42)).toBeUndefined();
  });
});
