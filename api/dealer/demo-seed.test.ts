import { asc, count, eq, sql } from 'drizzle-orm';
import { WorkflowService } from '../../engine/store/service.ts';
import { vinProblem } from '../../forms/vin.ts';
import { DATABASES, type TestDatabase } from '../../test/fixtures/databases.ts';
import { FORMS, WORKFLOWS } from '../../workflows/index.ts';
import { publishShipped } from '../seed/index.ts';
import { apiPorts } from '../store/ports.ts';
import { seedDemoUsers } from './demo/users.ts';
import { seedDealerDemo } from './demo-seed.ts';
import { createDealerEffects } from './effects.ts';
import {
  customers,
  maintenanceReminders,
  orderEvents,
  orders,
  serviceOrders,
  surveys,
  vehicles,
} from './schema.ts';

const NOW = new Date('2026-11-23T02:00:00Z');

describe.each(DATABASES)('the dealership demo on $name', ({ open }) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await open();
    const service = new WorkflowService({
      ports: apiPorts,
      database: db.database,
      effects: createDealerEffects(),
    });
    await seedDemoUsers(db.database);
    const published = await publishShipped(service, { workflows: WORKFLOWS, forms: FORMS });
    expect(published.failed).toEqual([]);
    const report = await seedDealerDemo({ database: db.database, now: NOW });
    expect(report).toMatchObject({ skipped: false, vehicles: 60, customers: 40 });
  });
  afterAll(() => db.close());

  it('stocks vehicles with valid VINs, none dated after now', async () => {
    const rows = await db.database.db.select().from(vehicles);
    expect(rows.length).toBeGreaterThanOrEqual(60);
    expect(rows.filter((v) => vinProblem(v.vin) !== undefined)).toEqual([]);
    expect(rows.every((v) => v.productionDate <= '2026-11-23')).toBe(true);
  });

  it('has customers at every stage of the lifecycle', async () => {
    const grades = await db.database.db
      .select({ grade: customers.grade, n: count() })
      .from(customers)
      .groupBy(customers.grade);
    expect(grades.map((g) => g.grade).sort()).toEqual(['deal', 'intent', 'lost', 'potential']);
  });

  it('moves orders through their flows to every stage, with a timeline of real people', async () => {
    const statuses = await db.database.db
      .select({ status: orders.status, n: count() })
      .from(orders)
      .groupBy(orders.status);
    expect(statuses.map((s) => s.status).sort()).toEqual(
      ['approved', 'arrived', 'cancelled', 'delivered', 'in_transit', 'paid', 'pending', 'returned'].sort(),
    );
    const [delivered] = await db.database.db
      .select()
      .from(orders)
      .where(eq(orders.status, 'delivered'))
      .limit(1);
    const timeline = await db.database.db
      .select()
      .from(orderEvents)
      .where(eq(orderEvents.orderId, delivered!.id))
      .orderBy(asc(orderEvents.id));
    const path = timeline.map((e) => e.toStatus);
    // Cars from stock skip in_transit; factory orders pass through it.
    expect([path.join(), path.filter((st) => st !== 'in_transit').join()]).toContain(
      'pending,approved,paid,arrived,delivered',
    );
    expect(new Set(timeline.map((e) => e.actorName)).size).toBeGreaterThanOrEqual(3);
    expect(timeline.every((e) => Date.parse(e.at) < NOW.getTime())).toBe(true);
  });

  it('keeps every order’s car in step with the order: held, shipped, in store, sold', async () => {
    const rows = await db.database.db
      .select({ status: orders.status, vehicle: vehicles.status, eta: vehicles.eta })
      .from(orders)
      .leftJoin(vehicles, eq(vehicles.reservedOrderId, orders.id));
    const expected: Record<string, string> = {
      in_transit: 'in_transit',
      arrived: 'reserved',
      delivered: 'sold',
    };
    for (const [status, vehicle] of Object.entries(expected)) {
      const mine = rows.filter((r) => r.status === status);
      expect(mine.length).toBeGreaterThan(0);
      expect(mine.every((r) => r.vehicle === vehicle)).toBe(true);
    }
    expect(rows.filter((r) => r.status === 'in_transit').every((r) => r.eta !== null)).toBe(true);
    expect(rows.filter((r) => r.status === 'cancelled').every((r) => r.vehicle === null)).toBe(true);
  });

  it('leaves surveys and work orders at several stages', async () => {
    const kinds = await db.database.db.select({ kind: surveys.kind }).from(surveys).groupBy(surveys.kind);
    expect(kinds.map((k) => k.kind).sort()).toEqual(['csi', 'ssi']);
    const stages = await db.database.db
      .select({ n: sql<number>`count(distinct ${serviceOrders.status})::int` })
      .from(serviceOrders);
    expect(stages[0]!.n).toBeGreaterThanOrEqual(4);
    const closed = await db.database.db
      .select()
      .from(serviceOrders)
      .where(eq(serviceOrders.status, 'closed'));
    expect(closed.length).toBeGreaterThan(0);
    expect(
      closed.every((so) => so.settlement === 'self_pay' && (so.amount ?? 0) > 0 && so.completedAt !== null),
    ).toBe(true);
    const reminders = await db.database.db.select().from(maintenanceReminders);
    // A first-service reminder per hand-over, the next one per work order closed after service.
    const delivered = await db.database.db.select().from(orders).where(eq(orders.status, 'delivered'));
    expect(reminders.filter((m) => m.serviceOrderId !== null).length).toBe(closed.length);
    expect(reminders.filter((m) => m.orderId !== null).length).toBe(delivered.length);
    // One open reminder per car: a later one supersedes the earlier.
    const open = reminders.filter((m) => m.status === 'scheduled');
    expect(new Set(open.map((m) => m.vin)).size).toBe(open.length);
    expect(reminders.every((m) => m.dueDate > '2026-11-23' || m.dueDate > m.createdAt.slice(0, 10))).toBe(
      true,
    );
  });

  it('does nothing the second time', async () => {
    const before = await db.database.db.select({ n: count() }).from(orders);
    expect((await seedDealerDemo({ database: db.database, now: NOW })).skipped).toBe(true);
    expect(await db.database.db.select({ n: count() }).from(orders)).toEqual(before);
  });
});
