import { addMonthsToDay, FIRST_SERVICE, nextMaintenance, SERVICE_INTERVAL } from './maintenance.ts';

describe('the maintenance reminder rule', () => {
  it.each([
    ['2026-11-23', 3, '2027-02-23'],
    ['2026-11-30', 3, '2027-02-28'],
    ['2027-08-31', 6, '2028-02-29'],
    ['2026-01-15', 12, '2027-01-15'],
  ])('adds months to %s (+%i) clamping to the month’s end: %s', (day, months, expected) => {
    expect(addMonthsToDay(day, months)).toBe(expected);
  });

  it('puts the first service 3 months / 5,000 km after the hand-over, on the store’s calendar day', () => {
    expect(FIRST_SERVICE).toEqual({ months: 3, km: 5000 });
    // 17:30 UTC is already the next day in Beijing.
    expect(nextMaintenance('delivery', { at: new Date('2026-11-22T17:30:00Z'), mileage: 0 })).toEqual({
      dueDate: '2027-02-23',
      dueKm: 5000,
    });
  });

  it('puts later services by the interval past the mileage of the completed service, or the model’s own', () => {
    expect(SERVICE_INTERVAL).toEqual({ months: 6, km: 10_000 });
    const at = new Date('2027-02-20T02:00:00Z');
    expect(nextMaintenance('service', { at, mileage: 4800 })).toEqual({
      dueDate: '2027-08-20',
      dueKm: 14_800,
    });
    expect(nextMaintenance('service', { at, mileage: 4800, interval: { months: 12, km: 15_000 } })).toEqual({
      dueDate: '2028-02-20',
      dueKm: 19_800,
    });
  });
});
