import { addDuration, durationToMs, isValidDuration } from './duration.ts';

describe('durations', () => {
  it.each([
    ['PT4H', true],
    ['P3D', true],
    ['P1Y2M3DT4H5M6.5S', true],
    ['P2W', true],
    ['4h', false],
    ['P', false],
    ['-P1D', false],
  ])('judges %s valid: %s', (iso, valid) => {
    expect(isValidDuration(iso)).toBe(valid);
  });

  it.each([
    ['PT1H30M', 5_400_000],
    ['P1D', 86_400_000],
    ['P1W', 604_800_000],
    ['PT0.5S', 500],
    ['P1M', 30 * 86_400_000],
  ])('converts %s to %i ms', (iso, ms) => {
    expect(durationToMs(iso)).toBe(ms);
  });

  it.each([
    ['2026-01-31T08:00:00.000Z', 'P1M', '2026-02-28T08:00:00.000Z'],
    ['2024-01-31T08:00:00.000Z', 'P1M', '2024-02-29T08:00:00.000Z'],
    ['2024-02-29T00:00:00.000Z', 'P1Y', '2025-02-28T00:00:00.000Z'],
    ['2026-03-01T08:00:00.000Z', 'P1MT2H', '2026-04-01T10:00:00.000Z'],
    ['2026-03-01T23:00:00.000Z', 'PT4H', '2026-03-02T03:00:00.000Z'],
  ])('adds to %s the duration %s on the UTC calendar', (from, iso, expected) => {
    expect(addDuration(from, iso)).toBe(expected);
  });

  it('refuses an invalid duration', () => {
    expect(() => addDuration('2026-01-01T00:00:00.000Z', 'soon')).toThrow(/ISO-8601/);
  });
});
