/**
 * The funnel, inventory aging and satisfaction reports, aggregated in SQL. Timestamps are bounded
 * by the scope's dates taken as whole days in China Standard Time.
 */
import { and, asc, eq, gte, inArray, lt, type SQL, sql } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { Db } from '../../../engine/store/db.ts';
import { tasks } from '../../../engine/store/schema.ts';
import { businessDay } from '../rules/order-number.ts';
import { customers, orders, surveys, testDrives, vehicles } from '../schema.ts';
import type { AnalyticsScope } from './sales-analytics.ts';

/** `[from 00:00, to+1 00:00)` in UTC+8 on a timestamptz column. */
function instantRange(column: PgColumn, scope: AnalyticsScope): (SQL | undefined)[] {
  const next = (day: string) => new Date(Date.parse(`${day}T00:00:00+08:00`) + 86_400_000).toISOString();
  return [
    scope.dateFrom ? gte(column, new Date(`${scope.dateFrom}T00:00:00+08:00`).toISOString()) : undefined,
    scope.dateTo ? lt(column, next(scope.dateTo)) : undefined,
  ];
}

const n = sql<number>`count(*)::int`;

/**
 * Leads (customers created) → test drives (customers who drove) → orders (created) → deliveries
 * (handed over), plus the lost-deal reasons of the period.
 */
export async function funnel(db: Db, scope: AnalyticsScope) {
  const store = <T extends PgColumn>(column: T) => (scope.storeId ? eq(column, scope.storeId) : undefined);
  const mine = <T extends PgColumn>(column: T) =>
    scope.consultantId ? eq(column, scope.consultantId) : undefined;
  const [leads] = await db
    .select({ n })
    .from(customers)
    .where(
      and(
        store(customers.storeId),
        mine(customers.consultantId),
        ...instantRange(customers.createdAt, scope),
      ),
    );
  const [drives] = await db
    .select({ n: sql<number>`count(distinct ${testDrives.customerId})::int` })
    .from(testDrives)
    .where(
      and(store(testDrives.storeId), mine(testDrives.consultantId), ...instantRange(testDrives.at, scope)),
    );
  const [ordered] = await db
    .select({ n })
    .from(orders)
    .where(
      and(
        store(orders.storeId),
        mine(orders.consultantId),
        sql`${orders.status} <> 'draft'`,
        scope.dateFrom ? gte(orders.orderDate, scope.dateFrom) : undefined,
        scope.dateTo ? sql`${orders.orderDate} <= ${scope.dateTo}` : undefined,
      ),
    );
  const [delivered] = await db
    .select({ n })
    .from(orders)
    .where(
      and(
        store(orders.storeId),
        mine(orders.consultantId),
        eq(orders.status, 'delivered'),
        ...instantRange(orders.deliveredAt, scope),
      ),
    );
  const lost = await db
    .select({ reason: sql<string>`coalesce(${customers.lostReason}, '')`, n })
    .from(customers)
    .where(
      and(
        store(customers.storeId),
        mine(customers.consultantId),
        eq(customers.grade, 'lost'),
        ...instantRange(customers.updatedAt, scope),
      ),
    )
    .groupBy(sql`coalesce(${customers.lostReason}, '')`)
    .orderBy(sql`count(*) desc`);
  const stages = [
    { stage: 'leads', count: leads?.n ?? 0 },
    { stage: 'test_drives', count: drives?.n ?? 0 },
    { stage: 'orders', count: ordered?.n ?? 0 },
    { stage: 'deliveries', count: delivered?.n ?? 0 },
  ];
  return { stages, lostReasons: lost.map((l) => ({ reason: l.reason, count: l.n })) };
}

const BUCKETS = ['0-30', '31-60', '61-90', '91-180', '180+'] as const;

/** Unsold vehicles per aging bucket (age from the production date to today, UTC+8) and per model. */
export async function inventoryAging(db: Db, storeId: string | null, now: Date) {
  const today = businessDay(now);
  // Inlined (a checked YYYY-MM-DD), not bound: GROUP BY must see the very same expression as SELECT.
  if (!/^\d{4}-\d{2}-\d{2}$/.test(today)) throw new RangeError(`bad day ${today}`);
  const age = sql`(${sql.raw(`'${today}'::date`)} - ${vehicles.productionDate})`;
  const bucket = sql<string>`case when ${age} <= 30 then '0-30' when ${age} <= 60 then '31-60' when ${age} <= 90 then '61-90' when ${age} <= 180 then '91-180' else '180+' end`;
  const rows = await db
    .select({
      model: vehicles.model,
      bucket,
      count: n,
      cost: sql<string>`coalesce(sum(${vehicles.cost}), 0)`,
    })
    .from(vehicles)
    .where(
      and(
        storeId ? eq(vehicles.storeId, storeId) : undefined,
        inArray(vehicles.status, ['in_stock', 'reserved', 'in_transit']),
      ),
    )
    .groupBy(vehicles.model, bucket)
    .orderBy(asc(vehicles.model), asc(bucket));
  const totals = BUCKETS.map((b) => {
    const inBucket = rows.filter((r) => r.bucket === b);
    return {
      bucket: b,
      count: inBucket.reduce((s, r) => s + r.count, 0),
      cost: inBucket.reduce((s, r) => s + Number(r.cost), 0),
    };
  });
  return {
    asOf: today,
    buckets: totals,
    byModel: rows.map((r) => ({ model: r.model, bucket: r.bucket, count: r.count, cost: Number(r.cost) })),
  };
}

/** Average satisfaction scores (CSI after service, SSI after delivery) overall and per month. */
export async function satisfaction(db: Db, scope: AnalyticsScope) {
  const where = and(
    scope.storeId ? eq(surveys.storeId, scope.storeId) : undefined,
    // A consultant sees the SSI of their own orders only (CSI surveys carry no order).
    scope.consultantId
      ? inArray(
          surveys.orderId,
          db.select({ id: orders.id }).from(orders).where(eq(orders.consultantId, scope.consultantId)),
        )
      : undefined,
    ...instantRange(surveys.at, scope),
  );
  const month = sql<string>`to_char((${surveys.at} at time zone 'UTC') + interval '8 hours', 'YYYY-MM')`;
  const avgScore = sql<string | null>`round(avg(${surveys.score})::numeric, 2)`;
  const overall = await db
    .select({ kind: surveys.kind, count: n, avgScore })
    .from(surveys)
    .where(where)
    .groupBy(surveys.kind)
    .orderBy(asc(surveys.kind));
  const byMonth = await db
    .select({ kind: surveys.kind, month, count: n, avgScore })
    .from(surveys)
    .where(where)
    .groupBy(surveys.kind, month)
    .orderBy(asc(surveys.kind), asc(month));
  const num = (v: string | null) => (v === null ? null : Number(v));
  return {
    overall: overall.map((r) => ({ kind: r.kind, count: r.count, avgScore: num(r.avgScore) })),
    byMonth: byMonth.map((r) => ({
      kind: r.kind,
      month: r.month,
      count: r.count,
      avgScore: num(r.avgScore),
    })),
  };
}

/** Open tasks past their due time in scope (one store, or every store when `storeId` is null). */
export async function overdueTasks(db: Db, storeId: string | null, now: Date) {
  const [row] = await db
    .select({ n })
    .from(tasks)
    .where(
      and(
        eq(tasks.status, 'open'),
        lt(tasks.dueAt, now.toISOString()),
        storeId ? eq(tasks.storeId, storeId) : undefined,
      ),
    );
  return { count: row?.n ?? 0, asOf: now.toISOString() };
}
