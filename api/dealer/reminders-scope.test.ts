import { and, count, eq, isNotNull, lt } from 'drizzle-orm';
import { tasks } from '../../engine/store/schema.ts';
import { DATABASES, type TestDatabase } from '../../test/fixtures/databases.ts';
import { users } from '../store/schema.ts';
import { customers, maintenanceReminders, surveys } from './schema.ts';
import { createDealerTestApp, type DealerTestApp, EXAMPLE_ORDER } from './testing.ts';

interface Reminder {
  id: string;
  status: string;
  customerName: string | null;
  mobile: string | null;
  overdue: boolean;
  note: string | null;
  doneBy: string | null;
}
interface Order {
  id: string;
  instanceId: string;
}
interface Sales {
  rows: { key: string; volume: number }[];
}

describe.each(DATABASES)('maintenance reminders and analytics scope on $name', ({ open }) => {
  let db: TestDatabase;
  let t: DealerTestApp;
  const userId = async (username: string) =>
    (await db.database.db.select({ id: users.id }).from(users).where(eq(users.username, username)))[0]!.id;
  beforeAll(async () => {
    db = await open();
    t = await createDealerTestApp(db);
  });
  afterAll(() => db.close());

  describe('maintenance reminders', () => {
    // The clock starts on 2026-11-23 (Beijing).
    const ids: Record<string, string> = {};
    beforeAll(async () => {
      const d = db.database.db;
      const [customer] = await d
        .insert(customers)
        .values({ storeId: 'BJ01', name: '张伟', mobile: '13800138000' })
        .returning();
      const rows = await d
        .insert(maintenanceReminders)
        .values([
          { storeId: 'BJ01', customerId: customer!.id, vin: 'LSVAU2189N2000001', dueDate: '2026-11-20' },
          { storeId: 'BJ01', dueDate: '2026-11-27' },
          { storeId: 'BJ01', dueDate: '2026-12-15' },
          { storeId: 'BJ01', dueDate: '2027-03-01' },
          { storeId: 'SH01', dueDate: '2026-11-01' },
        ])
        .returning();
      ['overdue', 'week', 'month', 'later', 'otherStore'].forEach((k, i) => {
        ids[k] = rows[i]!.id;
      });
    });
    const list = async (query: string) =>
      (await t.json<{ items: Reminder[] }>('GET', `/api/maintenance-reminders${query}`, 'service', 200))
        .items;

    it('lists the store’s open reminders by due window, with the customer to contact', async () => {
      const overdue = await list('?due=overdue');
      expect(overdue.map((r) => r.id)).toEqual([ids.overdue]);
      expect(overdue[0]).toMatchObject({ customerName: '张伟', mobile: '13800138000', overdue: true });
      expect((await list('?due=week')).map((r) => r.id)).toEqual([ids.overdue, ids.week]);
      expect((await list('?due=month')).map((r) => r.id)).toEqual([ids.overdue, ids.week, ids.month]);
      expect((await list('')).map((r) => r.id)).toEqual([ids.overdue, ids.week, ids.month, ids.later]);
      expect((await t.call('GET', '/api/maintenance-reminders', 'consultant')).status).toBe(403);
    });

    it('marks a reminder done once with a note, and hides another store’s reminder (404)', async () => {
      const done = await t.json<Reminder>(
        'POST',
        `/api/maintenance-reminders/${ids.week}/done`,
        'service',
        200,
        {
          note: '已电话预约 11-28 到店',
        },
      );
      expect(done).toMatchObject({ status: 'done', note: '已电话预约 11-28 到店', doneBy: 'service' });
      const again = await t.call('POST', `/api/maintenance-reminders/${ids.week}/done`, 'service', {});
      expect(again.status).toBe(409);
      expect((await list('?due=week')).map((r) => r.id)).toEqual([ids.overdue]);
      const foreign = await t.call(
        'POST',
        `/api/maintenance-reminders/${ids.otherStore}/done`,
        'service',
        {},
      );
      expect(foreign.status).toBe(404);
    });
  });

  describe('analytics scope', () => {
    beforeAll(async () => {
      for (const as of ['consultant', 'consultant2', 'consultant2']) {
        const order = await t.json<Order>('POST', '/api/orders', as, 201, EXAMPLE_ORDER);
        await t.completeOpenTask(order.instanceId, 'manager', 'approve', { reviewComment: '同意' });
      }
      await db.database.db.insert(surveys).values([
        { storeId: 'BJ01', kind: 'csi', score: 9 },
        { storeId: 'BJ01', kind: 'ssi', score: 7 },
        { storeId: 'SH01', kind: 'csi', score: 2 },
      ]);
    });

    it('gives a consultant only their own orders, whatever the query asks', async () => {
      const own = await userId('consultant');
      const mine = await t.json<Sales>(
        'GET',
        '/api/analytics/sales?groupBy=consultant&consultantId=x',
        'consultant',
        200,
      );
      expect(mine.rows).toEqual([expect.objectContaining({ key: own, volume: 1 })]);
      const all = await t.json<Sales>('GET', '/api/analytics/sales?groupBy=consultant', 'manager', 200);
      expect(all.rows.map((r) => r.volume).sort()).toEqual([1, 2]);
      // The funnel's leads are the consultant's own customers, not the store's.
      const funnel = await t.json<{ stages: { stage: string; count: number }[] }>(
        'GET',
        '/api/analytics/funnel',
        'consultant2',
        200,
      );
      const [theirs] = await db.database.db
        .select({ n: count() })
        .from(customers)
        .where(eq(customers.consultantId, await userId('consultant2')));
      const [store] = await db.database.db
        .select({ n: count() })
        .from(customers)
        .where(eq(customers.storeId, 'BJ01'));
      expect(theirs!.n).toBeLessThan(store!.n);
      expect(funnel.stages.find((s) => s.stage === 'leads')?.count).toBe(theirs!.n);
      expect((await t.call('GET', '/api/analytics/sales?storeId=SH01', 'consultant')).status).toBe(403);
    });

    it('gives a service advisor the CSI of their store and no sales figures', async () => {
      const csi = await t.json<{ overall: { kind: string; count: number }[] }>(
        'GET',
        '/api/analytics/csi',
        'service',
        200,
      );
      expect(csi.overall).toEqual([expect.objectContaining({ kind: 'csi', count: 1 })]);
      expect((await t.call('GET', '/api/analytics/sales', 'service')).status).toBe(403);
    });

    it('counts open tasks past due per store for store users and across stores for group roles', async () => {
      await t.json('POST', '/api/orders', 'consultant_sh', 201, EXAMPLE_ORDER);
      const overdue = async (as: string) =>
        (await t.json<{ count: number }>('GET', '/api/analytics/overdue-tasks', as, 200)).count;
      expect(await overdue('manager_sh')).toBe(0);
      t.advance(3 * 86_400_000);
      const now = t.now().toISOString();
      const [bj] = await db.database.db
        .select({ n: count() })
        .from(tasks)
        .where(
          and(
            eq(tasks.status, 'open'),
            eq(tasks.storeId, 'BJ01'),
            isNotNull(tasks.dueAt),
            lt(tasks.dueAt, now),
          ),
        );
      expect(Number(bj!.n)).toBeGreaterThan(0);
      expect(await overdue('manager')).toBe(Number(bj!.n));
      expect(await overdue('manager_sh')).toBe(1);
      expect(await overdue('gm')).toBe(Number(bj!.n) + 1);
      expect((await t.call('GET', '/api/analytics/overdue-tasks?storeId=BJ01', 'manager_sh')).status).toBe(
        403,
      );
    });
  });
});
