/**
 * After-sales work orders (维修工单) and complaints (投诉): creating one inserts the row and starts
 * its flow in the same transaction; lists and details are store-scoped.
 */
import { and, count, desc, eq, type SQL } from 'drizzle-orm';
import { invalid, notFound } from '../../../engine/errors.ts';
import type { Tx } from '../../../engine/store/db.ts';
import { mapDbError } from '../../../engine/store/db-errors.ts';
import type { Actor } from '../../../engine/types.ts';
import { normalizeMobile } from '../../../forms/formats.ts';
import { assertVisible, listScope, writeStore } from '../access.ts';
import type { ResolvedDealerDeps } from '../deps.ts';
import { checkVin } from '../inventory/vehicle-repo.ts';
import { allocateNumber } from '../orders/allocate-number.ts';
import { NUMBER_SERIES } from '../rules/order-number.ts';
import {
  type ComplaintRow,
  complaints,
  customers,
  orders,
  type ServiceOrderRow,
  serviceOrders,
  surveys,
} from '../schema.ts';
import { normalizePlate } from './sold-cars.ts';

const iso = (v: string | null) => (v === null ? null : new Date(v).toISOString());

export interface ListQuery {
  page: number;
  pageSize: number;
  storeId?: string | undefined;
  status?: string | undefined;
}

async function customerIdByMobile(
  tx: Tx,
  storeId: string,
  mobile: string | undefined,
): Promise<string | null> {
  const normal = mobile ? normalizeMobile(mobile) : null;
  if (!normal) return null;
  const [row] = await tx
    .select({ id: customers.id })
    .from(customers)
    .where(and(eq(customers.storeId, storeId), eq(customers.mobile, normal)));
  return row?.id ?? null;
}

/** The API shape of a service order. */
export function toServiceOrderView(s: ServiceOrderRow) {
  return {
    id: s.id,
    serviceNo: s.serviceNo,
    storeId: s.storeId,
    customerId: s.customerId,
    customerName: s.customerName,
    mobile: s.mobile,
    vin: s.vin,
    plate: s.plate,
    mileage: s.mileage,
    complaint: s.complaint,
    kind: s.kind,
    settlement: s.settlement,
    amount: s.amount,
    status: s.status,
    advisorId: s.advisorId,
    instanceId: s.instanceId,
    createdAt: iso(s.createdAt)!,
    completedAt: iso(s.completedAt),
  };
}

export interface NewServiceOrder {
  storeId?: string | undefined;
  customerName: string;
  mobile: string;
  vin: string;
  plate?: string | undefined;
  mileage?: number | undefined;
  complaint: string;
  kind?: 'repair' | 'maintenance' | 'warranty' | undefined;
}

/** Opens a work order and starts the after-sales flow with the advisor as its owner. */
export async function createServiceOrder(deps: ResolvedDealerDeps, actor: Actor, body: NewServiceOrder) {
  const storeId = writeStore(actor, body.storeId);
  const now = deps.clock();
  const at = now.toISOString();
  try {
    return await deps.database.db.transaction(async (tx) => {
      const vin = body.vin.trim().toUpperCase();
      checkVin(vin, false, actor);
      const { number } = await allocateNumber(tx, storeId, now, NUMBER_SERIES.serviceOrder);
      const [row] = await tx
        .insert(serviceOrders)
        .values({
          serviceNo: number,
          storeId,
          customerId: await customerIdByMobile(tx, storeId, body.mobile),
          customerName: body.customerName,
          mobile: normalizeMobile(body.mobile) ?? body.mobile,
          vin,
          plate: body.plate ? normalizePlate(body.plate) : null,
          mileage: body.mileage ?? null,
          complaint: body.complaint,
          kind: body.kind ?? 'repair',
          status: 'open',
          advisorId: actor.id,
          createdAt: at,
          updatedAt: at,
        })
        .returning();
      const input = {
        serviceOrderId: row!.id,
        serviceNo: number,
        storeId,
        advisor: actor.username,
        vin: row!.vin,
        customerName: row!.customerName,
        // Reception opens with what the desk already took down.
        complaint: row!.complaint,
        ...(row!.plate ? { plate: row!.plate } : {}),
        ...(row!.mileage !== null ? { mileage: row!.mileage } : {}),
      };
      const instance = await deps.service.startInstance(
        {
          workflowKey: 'after-sales',
          input,
          // The inbox shows the business key: the work-order number, not the row's UUID.
          businessKey: number,
          record: { type: 'serviceOrder', id: row!.id },
          storeId,
        },
        actor,
        tx,
      );
      const [updated] = await tx
        .update(serviceOrders)
        .set({ instanceId: instance.id })
        .where(eq(serviceOrders.id, row!.id))
        .returning();
      return toServiceOrderView(updated!);
    });
  } catch (error) {
    throw mapDbError(error);
  }
}

/** A page of work orders, newest first. */
export async function listServiceOrders(deps: ResolvedDealerDeps, actor: Actor, q: ListQuery) {
  const db = deps.database.db;
  const store = listScope(actor, q.storeId);
  const where = and(
    store ? eq(serviceOrders.storeId, store) : undefined,
    q.status ? eq(serviceOrders.status, q.status) : undefined,
  );
  const [rows, [total]] = await Promise.all([
    db
      .select()
      .from(serviceOrders)
      .where(where)
      .orderBy(desc(serviceOrders.createdAt))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db.select({ n: count() }).from(serviceOrders).where(where),
  ]);
  return { items: rows.map(toServiceOrderView), total: Number(total?.n ?? 0) };
}

/** One work order with its surveys. */
export async function getServiceOrder(deps: ResolvedDealerDeps, actor: Actor, id: string) {
  const db = deps.database.db;
  const [row] = await db.select().from(serviceOrders).where(eq(serviceOrders.id, id));
  if (!row) throw notFound('Service order', id);
  assertVisible(actor, row.storeId, 'Service order', id);
  const found = await db.select().from(surveys).where(eq(surveys.serviceOrderId, id));
  return {
    ...toServiceOrderView(row),
    surveys: found.map((s) => ({ score: s.score, comment: s.comment, at: iso(s.at)! })),
  };
}

/** Deadline per complaint level (docs/dealership.md): 24 h / 8 h / 4 h / 4 h. */
export const COMPLAINT_HOURS = { normal: 24, escalated: 8, important: 4, urgent: 4 } as const;
export type ComplaintLevel = keyof typeof COMPLAINT_HOURS;

/** The API shape of a complaint. */
export function toComplaintView(c: ComplaintRow) {
  return {
    id: c.id,
    complaintNo: c.complaintNo,
    storeId: c.storeId,
    customerId: c.customerId,
    customerName: c.customerName,
    mobile: c.mobile,
    channel: c.channel,
    category: c.category,
    level: c.level,
    description: c.description,
    status: c.status,
    orderId: c.orderId,
    serviceOrderId: c.serviceOrderId,
    instanceId: c.instanceId,
    dueAt: iso(c.dueAt),
    createdAt: iso(c.createdAt)!,
    closedAt: iso(c.closedAt),
  };
}

export interface NewComplaint {
  storeId?: string | undefined;
  customerName: string;
  mobile?: string | undefined;
  channel: string;
  category: 'purchase' | 'repair' | 'maintenance' | 'other';
  level: ComplaintLevel;
  description: string;
  orderId?: string | undefined;
  serviceOrderId?: string | undefined;
}

/**
 * A complaint may name an order or a work order only of its own store that exists: another store's
 * record, or an id that names nothing, is refused with 422 at its field.
 */
async function checkComplaintLinks(tx: Tx, storeId: string, body: NewComplaint): Promise<void> {
  const links = [
    { path: '/orderId', id: body.orderId, table: orders },
    { path: '/serviceOrderId', id: body.serviceOrderId, table: serviceOrders },
  ] as const;
  for (const { path, id, table } of links) {
    if (!id) continue;
    const [row] = await tx.select({ storeId: table.storeId }).from(table).where(eq(table.id, id));
    if (!row || row.storeId !== storeId) {
      throw invalid('The complaint names a record outside its store', [
        { path, message: '不存在或不属于本门店' },
      ]);
    }
  }
}

/** Records a complaint with its deadline and starts the complaint flow. */
export async function createComplaint(deps: ResolvedDealerDeps, actor: Actor, body: NewComplaint) {
  const storeId = writeStore(actor, body.storeId);
  const now = deps.clock();
  try {
    return await deps.database.db.transaction(async (tx) => {
      await checkComplaintLinks(tx, storeId, body);
      const { number } = await allocateNumber(tx, storeId, now, NUMBER_SERIES.complaint);
      const [row] = await tx
        .insert(complaints)
        .values({
          complaintNo: number,
          storeId,
          customerId: await customerIdByMobile(tx, storeId, body.mobile),
          customerName: body.customerName,
          mobile: body.mobile ? (normalizeMobile(body.mobile) ?? body.mobile) : null,
          channel: body.channel,
          category: body.category,
          level: body.level,
          description: body.description,
          status: 'open',
          orderId: body.orderId ?? null,
          serviceOrderId: body.serviceOrderId ?? null,
          createdBy: actor.id === 'system' ? null : actor.id,
          dueAt: new Date(now.getTime() + COMPLAINT_HOURS[body.level] * 3_600_000).toISOString(),
          createdAt: now.toISOString(),
        })
        .returning();
      // The record task opens with what the drawer took down, so nobody types it twice.
      const input = {
        complaintId: row!.id,
        complaintNo: number,
        storeId,
        level: body.level,
        category: body.category,
        customerName: body.customerName,
        channel: body.channel,
        description: body.description,
        ...(row!.mobile ? { mobile: row!.mobile } : {}),
      };
      const instance = await deps.service.startInstance(
        {
          workflowKey: 'complaint',
          input,
          businessKey: number,
          record: { type: 'complaint', id: row!.id },
          storeId,
        },
        actor,
        tx,
      );
      const [updated] = await tx
        .update(complaints)
        .set({ instanceId: instance.id })
        .where(eq(complaints.id, row!.id))
        .returning();
      return toComplaintView(updated!);
    });
  } catch (error) {
    throw mapDbError(error);
  }
}

/** A page of complaints, newest first. */
export async function listComplaints(deps: ResolvedDealerDeps, actor: Actor, q: ListQuery) {
  const db = deps.database.db;
  const store = listScope(actor, q.storeId);
  const conditions: (SQL | undefined)[] = [store ? eq(complaints.storeId, store) : undefined];
  if (q.status) conditions.push(eq(complaints.status, q.status));
  const where = and(...conditions);
  const [rows, [total]] = await Promise.all([
    db
      .select()
      .from(complaints)
      .where(where)
      .orderBy(desc(complaints.createdAt))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db.select({ n: count() }).from(complaints).where(where),
  ]);
  return { items: rows.map(toComplaintView), total: Number(total?.n ?? 0) };
}

/** One complaint. */
export async function getComplaint(deps: ResolvedDealerDeps, actor: Actor, id: string) {
  const [row] = await deps.database.db.select().from(complaints).where(eq(complaints.id, id));
  if (!row) throw notFound('Complaint', id);
  assertVisible(actor, row.storeId, 'Complaint', id);
  return toComplaintView(row);
}
