/**
 * Reading orders: the filtered, sorted, paginated table, one order with its timeline, and the
 * rows of the Excel export. Every query is scoped to the stores the actor may see.
 */
import { and, asc, count, desc, eq, gte, inArray, like, lte, or, type SQL, sql } from 'drizzle-orm';
import {
  isOrderStatus,
  type Lang,
  type OrderStatus,
  orderNoteText,
  orderStatusLabel,
  systemName,
} from '../../../dealer-rules/labels.ts';
import { invalid, notFound } from '../../../engine/errors.ts';
import type { Db } from '../../../engine/store/db.ts';
import { instances, tasks } from '../../../engine/store/schema.ts';
import type { Actor } from '../../../engine/types.ts';
import { shippedText } from '../../../workflows/index.ts';
import { displayNames } from '../../store/directory.ts';
import { users } from '../../store/schema.ts';
import { assertVisible, canSeeCost, listScope } from '../access.ts';
import { orderEvents, orders, payments, teams } from '../schema.ts';
import { orderApprovalView } from './order-approval-view.ts';
import { type OrderProgress, orderProgress, type ProgressFacts } from './order-progress.ts';
import type { OrderListQuery } from './order-schemas.ts';

/** `LIKE` pattern of a prefix, with the wildcards of the input escaped. */
export function prefixPattern(q: string): string {
  return `${q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
}

/** The WHERE clause of a list query (store scope included). */
export function orderFilter(
  actor: Actor,
  q: Omit<OrderListQuery, 'page' | 'pageSize' | 'sort'>,
): SQL | undefined {
  const conditions: (SQL | undefined)[] = [];
  const store = listScope(actor, q.storeId);
  if (store) conditions.push(eq(orders.storeId, store));
  const statuses = (q.status ?? '').split(',').filter((s): s is OrderStatus => isOrderStatus(s));
  if (q.status) conditions.push(statuses.length > 0 ? inArray(orders.status, statuses) : sql`false`);
  if (q.dateFrom) conditions.push(gte(orders.orderDate, q.dateFrom));
  if (q.dateTo) conditions.push(lte(orders.orderDate, q.dateTo));
  if (q.consultantId) conditions.push(eq(orders.consultantId, q.consultantId));
  if (q.teamId) conditions.push(eq(orders.teamId, q.teamId));
  if (q.model) conditions.push(eq(orders.model, q.model));
  if (q.source) conditions.push(eq(orders.source, q.source));
  if (q.q) {
    // Prefix matches served by the text_pattern_ops indexes (no pg_trgm on PGlite).
    const p = prefixPattern(q.q);
    conditions.push(
      or(
        like(orders.orderNo, prefixPattern(q.q.toUpperCase())),
        like(orders.customerMobile, p),
        like(orders.customerName, p),
        like(orders.vin, prefixPattern(q.q.toUpperCase())),
      ),
    );
  }
  return and(...conditions);
}

const SORTS = {
  orderDate: orders.orderDate,
  createdAt: orders.createdAt,
  total: orders.total,
  orderNo: orders.orderNo,
} as const;

function orderBy(sort: OrderListQuery['sort']): SQL[] {
  const key = sort.replace('-', '') as keyof typeof SORTS;
  const dir = sort.startsWith('-') ? desc : asc;
  return [dir(SORTS[key]), dir(orders.orderNo)];
}

const summaryColumns = {
  order: orders,
  consultantName: users.displayName,
  teamName: teams.name,
};

type SummaryRow = {
  order: typeof orders.$inferSelect;
  consultantName: string | null;
  teamName: string | null;
};

const NO_PROGRESS: OrderProgress = { text: '', taskName: null, people: [], dueAt: null };

/** The list/table shape of an order; `progress` says in words where it stands (order-progress.ts). */
export function toSummary(row: SummaryRow, lang: Lang, progress: OrderProgress = NO_PROGRESS) {
  const o = row.order;
  return {
    id: o.id,
    orderNo: o.orderNo,
    storeId: o.storeId,
    orderDate: o.orderDate,
    status: o.status as OrderStatus,
    statusLabel: orderStatusLabel(o.status, lang),
    customerId: o.customerId,
    customerName: o.customerName,
    customerMobile: o.customerMobile,
    brand: o.brand,
    model: o.model,
    trim: o.trim,
    color: o.color,
    vin: o.vin,
    msrp: o.msrp,
    discount: o.discount,
    dealPrice: o.dealPrice,
    accessoriesTotal: o.accessoriesTotal,
    total: o.total,
    deposit: o.deposit,
    paymentMethod: o.paymentMethod,
    source: o.source,
    consultantId: o.consultantId,
    consultantName: row.consultantName,
    teamId: o.teamId,
    teamName: row.teamName,
    instanceId: o.instanceId,
    progress,
    createdAt: new Date(o.createdAt).toISOString(),
    updatedAt: new Date(o.updatedAt).toISOString(),
  };
}
export type OrderSummary = ReturnType<typeof toSummary>;

function baseSelect(db: Db) {
  return db
    .select(summaryColumns)
    .from(orders)
    .leftJoin(users, eq(users.id, orders.consultantId))
    .leftJoin(teams, eq(teams.id, orders.teamId));
}

/**
 * How far the order table counts: beyond it `total` is this cap and `totalCapped` is true (the page
 * shows "10,000+"). An exact count of a million orders costs more than the page itself.
 */
export const ORDER_COUNT_CAP = 10_000;

/**
 * A page that starts at or beyond the count cap is refused (422 on `page`): the table never links
 * there, and an offset that deep walks the whole index (about 1 s at a million orders). The export
 * is the way to every row.
 */
export function assertPageWithinCap(
  q: Pick<OrderListQuery, 'page' | 'pageSize'>,
  countCap = ORDER_COUNT_CAP,
) {
  if ((q.page - 1) * q.pageSize < countCap) return;
  throw invalid('Invalid request', [
    {
      path: '/page',
      message: `beyond the first ${countCap} orders: narrow the filters or export them`,
    },
  ]);
}

/**
 * One page of the order table: `{ items, total, totalCapped }`. The page's ids are chosen on the
 * orders table alone (an index walk for the sort), then joined to consultant and team: an offset
 * skips bare rows, not joined ones. The count stops at `countCap` + 1 rows.
 */
export async function listOrders(
  db: Db,
  actor: Actor,
  q: OrderListQuery,
  lang: Lang,
  countCap = ORDER_COUNT_CAP,
) {
  assertPageWithinCap(q, countCap);
  const where = orderFilter(actor, q);
  const pageIds = db
    .select({ id: orders.id })
    .from(orders)
    .where(where)
    .orderBy(...orderBy(q.sort))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  const matching = db
    .select({ one: sql`1`.as('one') })
    .from(orders)
    .where(where)
    .limit(countCap + 1)
    .as('matching');
  const [rows, [totalRow]] = await Promise.all([
    baseSelect(db)
      .where(inArray(orders.id, pageIds))
      .orderBy(...orderBy(q.sort)),
    db.select({ n: count() }).from(matching),
  ]);
  const n = Number(totalRow?.n ?? 0);
  const progress = await orderProgress(db, rows.map(progressFacts), lang);
  return {
    items: rows.map((r) => toSummary(r, lang, progress.get(r.order.id))),
    total: Math.min(n, countCap),
    totalCapped: n > countCap,
  };
}

/** Every row matching the filters (for the export), capped. */
export async function exportOrders(db: Db, actor: Actor, q: OrderListQuery, lang: Lang, cap = 50_000) {
  const rows = await baseSelect(db)
    .where(orderFilter(actor, q))
    .orderBy(...orderBy(q.sort))
    .limit(cap);
  return rows.map((r) => ({
    ...toSummary(r, lang),
    purchaseTax: r.order.purchaseTax,
    insurance: r.order.insurance,
  }));
}

function progressFacts(row: SummaryRow): ProgressFacts {
  const o = row.order;
  const eta = o.eta ? new Date(o.eta).toISOString() : null;
  return { id: o.id, orderNo: o.orderNo, status: o.status, total: o.total, deposit: o.deposit, eta };
}

/** The decisions taken on the order's flows (approvals with their comments), oldest first. */
async function decisionsOf(db: Db, instanceIds: string[], lang: Lang) {
  if (instanceIds.length === 0) return [];
  const rows = await db
    .select({
      taskName: tasks.name,
      outcome: tasks.outcome,
      comment: tasks.comment,
      completedBy: tasks.completedBy,
      completedAt: tasks.completedAt,
    })
    .from(tasks)
    .where(and(inArray(tasks.instanceId, instanceIds), eq(tasks.status, 'completed')))
    .orderBy(asc(tasks.completedAt));
  const names = await displayNames(
    db,
    rows.map((r) => r.completedBy),
  );
  return rows.map((r) => ({
    taskName: shippedText(r.taskName, lang),
    outcome: r.outcome,
    comment: r.comment,
    actorName: r.completedBy ? (names.get(r.completedBy) ?? r.completedBy) : null,
    at: r.completedAt ? new Date(r.completedAt).toISOString() : null,
  }));
}

/** One order with payments and timeline; 404 when unknown or in a store the actor may not see. */
export async function getOrder(db: Db, actor: Actor, id: string, lang: Lang) {
  const [row] = await baseSelect(db).where(eq(orders.id, id));
  if (!row) throw notFound('Order', id);
  assertVisible(actor, row.order.storeId, 'Order', id);
  const [events, paid, flows] = await Promise.all([
    db.select().from(orderEvents).where(eq(orderEvents.orderId, id)).orderBy(asc(orderEvents.id)),
    db.select().from(payments).where(eq(payments.orderId, id)).orderBy(asc(payments.at)),
    // Approval, payment and delivery all carry the order number as business key.
    db
      .select({
        id: instances.id,
        workflowKey: instances.workflowKey,
        status: instances.status,
        state: instances.stateValue,
        context: instances.context,
      })
      .from(instances)
      .where(eq(instances.businessKey, row.order.orderNo))
      .orderBy(asc(instances.startedAt)),
  ]);
  const o = row.order;
  const [progress, decisions, recorders] = await Promise.all([
    orderProgress(db, [progressFacts(row)], lang),
    decisionsOf(
      db,
      flows.map((f) => f.id),
      lang,
    ),
    displayNames(
      db,
      paid.map((p) => p.recordedBy),
    ),
  ]);
  const approvalFlow = flows.find((f) => f.id === o.instanceId);
  const paidTotal = paid.reduce((sum, p) => sum + (p.kind === 'refund' ? -p.amount : p.amount), 0);
  return {
    ...toSummary(row, lang, progress.get(o.id)),
    customerEmail: o.customerEmail,
    customerAddress: o.customerAddress,
    interiorColor: o.interiorColor,
    newEnergy: o.newEnergy,
    accessories: o.accessories.map((a) => ({
      name: a.name,
      price: a.price,
      ...(a.charged !== undefined ? { charged: a.charged } : {}),
    })),
    purchaseTax: o.purchaseTax,
    insurance: o.insurance,
    registrationFee: o.registrationFee,
    financeFee: o.financeFee,
    tradeInCredit: o.tradeInCredit,
    concession: o.concession,
    grossProfit: canSeeCost(actor) ? o.grossProfit : null,
    loan: o.loan,
    queueJump: o.queueJump,
    afterSalesPackage: o.afterSalesPackage,
    note: o.note,
    eta: o.eta ? new Date(o.eta).toISOString() : null,
    draftVin: o.draftVin,
    deliveredAt: o.deliveredAt ? new Date(o.deliveredAt).toISOString() : null,
    paid: paidTotal,
    payments: paid.map((p) => ({
      kind: p.kind,
      amount: p.amount,
      method: p.method,
      at: new Date(p.at).toISOString(),
      recordedBy: p.recordedBy,
      recordedByName: recorders.get(p.recordedBy) ?? null,
      receiptNo: p.receiptNo,
      paidOn: p.paidOn,
    })),
    decisions,
    flows: flows.map((f) => ({
      instanceId: f.id,
      workflowKey: f.workflowKey,
      status: f.status,
      state: f.state,
    })),
    approval: orderApprovalView(o, approvalFlow?.context ?? null, lang),
    timeline: events.map((e) => ({
      from: e.fromStatus,
      to: e.toStatus,
      toLabel: orderStatusLabel(e.toStatus, lang),
      actor: { id: e.actorId, name: e.actorId === 'system' ? systemName(lang) : e.actorName },
      at: new Date(e.at).toISOString(),
      note: orderNoteText(e.note, lang),
    })),
  };
}
