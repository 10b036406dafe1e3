import { iso } from './context.ts';

describe('iso', () => {
  it('answers what Date parsing answers for every shape the drivers send', () => {
    const stamps = [
      '2026-11-23 10:45:12.04+00',
      '2026-11-23T10:45:12.045678+00:00',
      '2026-11-23T10:45:12.0459+0000',
      '2026-11-23 10:45:12+00',
      '2026-11-23T10:45:12.4Z',
      '2026-11-23T10:45:12.459Z',
      '2026-11-23T10:45:12Z',
      '2026-11-23 18:45:12.5+08',
      '2026-11-23T10:45:12.123-05:30',
      '2026-11-23',
    ];
    for (const stamp of stamps) expect(iso(stamp)).toBe(new Date(stamp).toISOString());
    expect(iso(null)).toBeNull();
  });
});
