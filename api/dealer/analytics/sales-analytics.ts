/**
 * Sales figures for managers (docs/dealership.md "What managers look at"), aggregated in SQL (GROUP BY),
 * never row by row in Node. A sale is an order that passed review and was not cancelled
 * (approved, paid, in transit, arrived, delivered); revenue is deal price + accessories (taxes and
 * fees collected for others are not revenue); amounts in fen.
 */
import { and, asc, eq, gte, inArray, lte, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../../engine/store/db.ts';
import { users } from '../../store/schema.ts';
import { orders, teams } from '../schema.ts';

/** Statuses that count as a sale. */
export const SOLD_STATUSES = ['approved', 'paid', 'in_transit', 'arrived', 'delivered'];

export interface AnalyticsScope {
  /** null: every store (group users). */
  storeId: string | null;
  dateFrom?: string | undefined;
  dateTo?: string | undefined;
  /** Set for a sales consultant: only their own orders (forced by the server). */
  consultantId?: string | null | undefined;
}

export type SalesGroupBy = 'model' | 'consultant' | 'team' | 'source' | 'month';

/** The order filter of a scope on `order_date`. */
export function orderScope(scope: AnalyticsScope, extra: (SQL | undefined)[] = []): SQL | undefined {
  return and(
    scope.storeId ? eq(orders.storeId, scope.storeId) : undefined,
    scope.consultantId ? eq(orders.consultantId, scope.consultantId) : undefined,
    scope.dateFrom ? gte(orders.orderDate, scope.dateFrom) : undefined,
    scope.dateTo ? lte(orders.orderDate, scope.dateTo) : undefined,
    ...extra,
  );
}

/** `sum(...)` comes back as text (numeric); the values stay far below 2^53. */
const toInt = (v: string | number | null) => (v === null ? 0 : Number(v));

const revenue = sql<string>`coalesce(sum(${orders.dealPrice} + ${orders.accessoriesTotal}), 0)`;
const grossProfit = sql<string>`coalesce(sum(${orders.grossProfit}), 0)`;
const volume = sql<number>`count(*)::int`;

function groupKey(groupBy: SalesGroupBy): { key: SQL<string | null>; label: SQL<string | null> } {
  switch (groupBy) {
    case 'model':
      return {
        key: sql`${orders.brand} || ' ' || ${orders.model}`,
        label: sql`${orders.brand} || ' ' || ${orders.model}`,
      };
    case 'consultant':
      return { key: sql`${orders.consultantId}::text`, label: sql`max(${users.displayName})` };
    case 'team':
      return { key: sql`${orders.teamId}::text`, label: sql`max(${teams.name})` };
    case 'source':
      return { key: sql`${orders.source}`, label: sql`${orders.source}` };
    case 'month':
      return {
        key: sql`to_char(${orders.orderDate}, 'YYYY-MM')`,
        label: sql`to_char(${orders.orderDate}, 'YYYY-MM')`,
      };
  }
}

/**
 * Volume, revenue, gross profit and margin per group.
 *
 * @example
 * await salesReport(db, { storeId: 'BJ01' }, 'model'); // { rows: [{ key: 'BYD 海豹', volume: 3, revenue: ..., ... }], totals }
 */
export async function salesReport(db: Db, scope: AnalyticsScope, groupBy: SalesGroupBy) {
  const { key, label } = groupKey(groupBy);
  const rows = await db
    .select({ key, label, volume, revenue, grossProfit })
    .from(orders)
    .leftJoin(users, eq(users.id, orders.consultantId))
    .leftJoin(teams, eq(teams.id, orders.teamId))
    .where(orderScope(scope, [inArray(orders.status, SOLD_STATUSES)]))
    .groupBy(key)
    .orderBy(asc(key));
  const shaped = rows.map((r) => {
    const rev = toInt(r.revenue);
    const gp = toInt(r.grossProfit);
    return {
      key: r.key ?? '',
      label: r.label ?? '',
      volume: r.volume,
      revenue: rev,
      grossProfit: gp,
      grossMargin: margin(gp, rev),
    };
  });
  const totals = shaped.reduce(
    (t, r) => ({
      volume: t.volume + r.volume,
      revenue: t.revenue + r.revenue,
      grossProfit: t.grossProfit + r.grossProfit,
    }),
    { volume: 0, revenue: 0, grossProfit: 0 },
  );
  return {
    groupBy,
    rows: shaped,
    totals: { ...totals, grossMargin: margin(totals.grossProfit, totals.revenue) },
  };
}

/** Gross profit ÷ revenue, 4 decimals (a ratio, not money). */
export function margin(grossProfitFen: number, revenueFen: number): number {
  return revenueFen > 0 ? Math.round((grossProfitFen / revenueFen) * 10_000) / 10_000 : 0;
}

/** Orders per model × trim × colour (which configurations sell). */
export async function configPreferences(db: Db, scope: AnalyticsScope) {
  const rows = await db
    .select({ brand: orders.brand, model: orders.model, trim: orders.trim, color: orders.color, volume })
    .from(orders)
    .where(orderScope(scope, [sql`${orders.status} not in ('cancelled', 'draft')`]))
    .groupBy(orders.brand, orders.model, orders.trim, orders.color)
    .orderBy(sql`count(*) desc`, asc(orders.model), asc(orders.trim), asc(orders.color));
  const byTrim = await db
    .select({ trim: orders.trim, volume })
    .from(orders)
    .where(orderScope(scope, [sql`${orders.status} not in ('cancelled', 'draft')`]))
    .groupBy(orders.trim)
    .orderBy(sql`count(*) desc`, asc(orders.trim));
  const byColor = await db
    .select({ color: orders.color, volume })
    .from(orders)
    .where(orderScope(scope, [sql`${orders.status} not in ('cancelled', 'draft')`]))
    .groupBy(orders.color)
    .orderBy(sql`count(*) desc`, asc(orders.color));
  return { rows, byTrim, byColor };
}

/** Days from order date to hand-over (China Standard Time), for delivered orders. */
export async function deliveryLeadTime(db: Db, scope: AnalyticsScope) {
  const days = sql`((${orders.deliveredAt} at time zone 'UTC') + interval '8 hours')::date - ${orders.orderDate}`;
  const stats = {
    delivered: volume,
    avgDays: sql<string | null>`round(avg(${days})::numeric, 1)`,
    minDays: sql<number | null>`min(${days})`,
    maxDays: sql<number | null>`max(${days})`,
  };
  const where = orderScope(scope, [eq(orders.status, 'delivered'), sql`${orders.deliveredAt} is not null`]);
  const [overall] = await db.select(stats).from(orders).where(where);
  const byModel = await db
    .select({ model: orders.model, ...stats })
    .from(orders)
    .where(where)
    .groupBy(orders.model)
    .orderBy(asc(orders.model));
  const shape = (r: {
    delivered: number;
    avgDays: string | null;
    minDays: number | null;
    maxDays: number | null;
  }) => ({
    delivered: r.delivered,
    avgDays: r.avgDays === null ? null : Number(r.avgDays),
    minDays: r.minDays === null ? null : Number(r.minDays),
    maxDays: r.maxDays === null ? null : Number(r.maxDays),
  });
  return {
    ...shape(overall ?? { delivered: 0, avgDays: null, minDays: null, maxDays: null }),
    byModel: byModel.map((r) => ({ model: r.model, ...shape(r) })),
  };
}
