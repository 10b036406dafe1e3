/**
 * The funnel, inventory aging and satisfaction reports, aggregated in SQL. Timestamps are bounded
 * by the scope's dates taken as whole days in China Standard Time.
 */
import { and, asc, eq, gte, inArray, lt, type SQL, sql } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { Db } from '../../../engine/store/db.ts';
import { tasks } from '../../../engine/store/schema.ts';
import { stockCoefficient } from '../rules/inventory.ts';
import { businessDay } from '../rules/order-number.ts';
import { complaints, customers, followUps, orders, surveys, testDrives, vehicles } from '../schema.ts';
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

/** The funnel's stages, each a subset of the one before. */
export const FUNNEL_STAGES = ['leads', 'visits', 'test_drives', 'orders', 'deliveries'] as const;

/** Order statuses that are not a deal (yet or any more): no funnel stage counts them. */
const NOT_A_DEAL = sql.raw(`('cancelled', 'draft')`);

/**
 * A cohort funnel: the leads (customers created in the period, in scope) and how far each of them
 * went, whenever that happened — 线索 → 到店 (walk-in source, a visit follow-up, a test drive or an
 * order) → 试驾 → 订单 (test-drove and ordered) → 交车 (test-drove and took delivery). Each stage is a
 * subset of the one before, so the rates never exceed 100 %; leads who ordered without a test
 * drive are counted beside the funnel. Also the lost-deal reasons of the period.
 */
export async function funnel(db: Db, scope: AnalyticsScope) {
  const store = <T extends PgColumn>(column: T) => (scope.storeId ? eq(column, scope.storeId) : undefined);
  const mine = <T extends PgColumn>(column: T) =>
    scope.consultantId ? eq(column, scope.consultantId) : undefined;
  const leadFilter = and(
    store(customers.storeId),
    mine(customers.consultantId),
    ...instantRange(customers.createdAt, scope),
  );
  const drove = sql`exists (select 1 from ${testDrives} where ${testDrives.customerId} = ${customers.id})`;
  const ordered = sql`exists (select 1 from ${orders} where ${orders.customerId} = ${customers.id} and ${orders.status} not in ${NOT_A_DEAL})`;
  const delivered = sql`exists (select 1 from ${orders} where ${orders.customerId} = ${customers.id} and ${orders.status} = 'delivered')`;
  const visitedByHand = sql`exists (select 1 from ${followUps} where ${followUps.customerId} = ${customers.id} and ${followUps.channel} = 'visit')`;
  const visited = sql`(${customers.source} = 'walk_in' or ${visitedByHand} or ${drove} or ${ordered})`;
  const [row] = await db
    .select({
      leads: n,
      visits: sql<number>`(count(*) filter (where ${visited}))::int`,
      test_drives: sql<number>`(count(*) filter (where ${drove}))::int`,
      orders: sql<number>`(count(*) filter (where ${drove} and ${ordered}))::int`,
      deliveries: sql<number>`(count(*) filter (where ${drove} and ${delivered}))::int`,
      withoutTestDrive: sql<number>`(count(*) filter (where ${ordered} and not ${drove}))::int`,
    })
    .from(customers)
    .where(leadFilter);
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
  const counts = FUNNEL_STAGES.map((stage) => row?.[stage] ?? 0);
  const ratio = (part: number, whole: number) =>
    whole > 0 ? Math.round((part / whole) * 1000) / 1000 : null;
  const stages = FUNNEL_STAGES.map((stage, i) => ({
    stage,
    count: counts[i]!,
    /** Of the stage before (null for the first stage or when it is empty). */
    rate: i === 0 ? null : ratio(counts[i]!, counts[i - 1]!),
    /** Of the leads. */
    ofLeads: ratio(counts[i]!, counts[0]!),
  }));
  return {
    stages,
    ordersWithoutTestDrive: row?.withoutTestDrive ?? 0,
    lostReasons: lost.map((l) => ({ reason: l.reason, count: l.n })),
  };
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
  // 库存系数: vehicles in stock (or on their way) ÷ monthly sales (orders of the last 90 days ÷ 3).
  const since = new Date(now.getTime() - 90 * 86_400_000).toISOString().slice(0, 10);
  const [sold] = await db
    .select({ n })
    .from(orders)
    .where(
      and(
        storeId ? eq(orders.storeId, storeId) : undefined,
        gte(orders.orderDate, since),
        sql`${orders.status} not in ${NOT_A_DEAL}`,
      ),
    );
  const stock = totals.reduce((sum, b) => sum + b.count, 0);
  const monthlySales = Math.round(((sold?.n ?? 0) / 3) * 100) / 100;
  return {
    asOf: today,
    stock,
    monthlySales,
    coefficient: stockCoefficient(stock, monthlySales),
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
  const distribution = await db
    .select({ kind: surveys.kind, score: surveys.score, count: n })
    .from(surveys)
    .where(where)
    .groupBy(surveys.kind, surveys.score)
    .orderBy(asc(surveys.kind), asc(surveys.score));
  const num = (v: string | null) => (v === null ? null : Number(v));
  return {
    /** How many surveys gave each score (1–10), per kind; scores nobody gave are left out. */
    distribution,
    overall: overall.map((r) => ({ kind: r.kind, count: r.count, avgScore: num(r.avgScore) })),
    byMonth: byMonth.map((r) => ({
      kind: r.kind,
      month: r.month,
      count: r.count,
      avgScore: num(r.avgScore),
    })),
  };
}

/**
 * How complaints of the period (created in it) were handled: how many are closed, how many of those
 * within their level's deadline, the average and median hours to close, and the open ones already
 * past their deadline; overall and per level.
 */
export async function complaintHandling(db: Db, scope: AnalyticsScope, now: Date) {
  const hours = sql`extract(epoch from (${complaints.closedAt} - ${complaints.createdAt})) / 3600`;
  const round1 = (v: string | null) => (v === null ? null : Math.round(Number(v) * 10) / 10);
  const rows = await db
    .select({
      level: complaints.level,
      total: n,
      closed: sql<number>`(count(*) filter (where ${complaints.closedAt} is not null))::int`,
      closedInTime: sql<number>`(count(*) filter (where ${complaints.closedAt} is not null and ${complaints.closedAt} <= ${complaints.dueAt}))::int`,
      openOverdue: sql<number>`(count(*) filter (where ${complaints.closedAt} is null and ${complaints.dueAt} < ${now.toISOString()}))::int`,
      avgHours: sql<string | null>`avg(${hours})`,
      medianHours: sql<string | null>`percentile_cont(0.5) within group (order by ${hours})`,
    })
    .from(complaints)
    .where(
      and(
        scope.storeId ? eq(complaints.storeId, scope.storeId) : undefined,
        ...instantRange(complaints.createdAt, scope),
      ),
    )
    .groupBy(complaints.level)
    .orderBy(asc(complaints.level));
  const byLevel = rows.map((r) => ({
    level: r.level,
    total: r.total,
    closed: r.closed,
    closedInTime: r.closedInTime,
    openOverdue: r.openOverdue,
    avgHours: round1(r.avgHours),
    medianHours: round1(r.medianHours),
  }));
  const sum = (key: 'total' | 'closed' | 'closedInTime' | 'openOverdue') =>
    byLevel.reduce((acc, r) => acc + r[key], 0);
  const closed = sum('closed');
  // The overall average weights each level by its closed complaints; the median needs the rows.
  const [overall] = await db
    .select({ medianHours: sql<string | null>`percentile_cont(0.5) within group (order by ${hours})` })
    .from(complaints)
    .where(
      and(
        scope.storeId ? eq(complaints.storeId, scope.storeId) : undefined,
        ...instantRange(complaints.createdAt, scope),
        sql`${complaints.closedAt} is not null`,
      ),
    );
  const weighted = byLevel.reduce((acc, r) => acc + (r.avgHours ?? 0) * r.closed, 0);
  return {
    total: sum('total'),
    closed,
    closedInTime: sum('closedInTime'),
    /** Closed within the deadline ÷ closed (null when none is closed). */
    inTimeRate: closed > 0 ? Math.round((sum('closedInTime') / closed) * 1000) / 1000 : null,
    openOverdue: sum('openOverdue'),
    avgHours: closed > 0 ? Math.round((weighted / closed) * 10) / 10 : null,
    medianHours: round1(overall?.medianHours ?? null),
    byLevel,
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
