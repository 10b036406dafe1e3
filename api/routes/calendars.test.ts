import { DEFAULT_CALENDAR } from '../../engine/calendar.ts';
import { DATABASES, type TestDatabase } from '../../test/fixtures/databases.ts';
import { createTestApp, type TestApp } from '../test-support.ts';

const pglite = DATABASES.find((d) => d.name === 'pglite')!;

describe('store business calendars over HTTP', () => {
  let db: TestDatabase;
  let t: TestApp;
  beforeAll(async () => {
    db = await pglite.open();
    t = await createTestApp(db);
  });
  afterAll(() => db.close());

  it('shows the default calendar to the store’s people until an admin sets one', async () => {
    const res = await t.call('GET', '/api/stores/BJ01/calendar', { as: 'manager' });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ storeId: 'BJ01', custom: false, calendar: DEFAULT_CALENDAR });
    expect((await t.call('GET', '/api/stores/SH01/calendar', { as: 'manager' })).status).toBe(403);
    expect((await t.call('GET', '/api/stores/XX99/calendar', { as: 'admin' })).status).toBe(404);
  });

  it('lets an admin replace it, and no one else', async () => {
    const calendar = { ...DEFAULT_CALENDAR, holidays: ['2027-01-01'], workdays: ['2026-12-27'] };
    expect((await t.call('PUT', '/api/stores/BJ01/calendar', { as: 'manager', body: calendar })).status).toBe(
      403,
    );
    const res = await t.call('PUT', '/api/stores/BJ01/calendar', { as: 'admin', body: calendar });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ custom: true, calendar });
    const read = await t.call('GET', '/api/stores/BJ01/calendar', { as: 'consultant' });
    expect(await read.json()).toMatchObject({ custom: true, calendar: { holidays: ['2027-01-01'] } });
  });

  it('refuses a bad calendar with JSON pointers', async () => {
    const res = await t.call('PUT', '/api/stores/BJ01/calendar', {
      as: 'admin',
      body: {
        ...DEFAULT_CALENDAR,
        workingHours: [
          { start: '09:00', end: '08:00' },
          { start: '25:00', end: '26:00' },
        ],
        holidays: ['next friday'],
      },
    });
    expect(res.status).toBe(422);
    const { error } = (await res.json()) as { error: { details: { path: string }[] } };
    expect(error.details.map((d) => d.path)).toEqual(
      expect.arrayContaining(['/workingHours/0/end', '/workingHours/1/start', '/holidays/0']),
    );
  });
});
