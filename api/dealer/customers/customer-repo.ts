/**
 * CRM: customers with their follow-ups and test drives (docs/dealership.md "Customers"). Store-scoped;
 * one customer per mobile number per store.
 */
import { and, asc, count, desc, eq, like, or, type SQL, sql } from 'drizzle-orm';
import { AppError, notFound } from '../../../engine/errors.ts';
import type { Db } from '../../../engine/store/db.ts';
import { sqlState } from '../../../engine/store/db-errors.ts';
import type { Actor } from '../../../engine/types.ts';
import { normalizeMobile } from '../../../forms/formats.ts';
import { assertVisible, listScope, writeStore } from '../access.ts';
import { prefixPattern } from '../orders/order-queries.ts';
import { nextFollowUp } from '../rules/follow-up.ts';
import { type CustomerRow, customers, followUps, testDrives } from '../schema.ts';
import { customerHistory } from './customer-history.ts';

export interface CustomerListQuery {
  page: number;
  pageSize: number;
  storeId?: string | undefined;
  grade?: string | undefined;
  intentLevel?: string | undefined;
  source?: string | undefined;
  consultantId?: string | undefined;
  q?: string | undefined;
}

const iso = (v: string | null) => (v === null ? null : new Date(v).toISOString());

/** The API shape of a customer; `overdue` when the next follow-up is in the past. */
export function toCustomerView(c: CustomerRow, now: Date) {
  return {
    id: c.id,
    storeId: c.storeId,
    name: c.name,
    mobile: c.mobile,
    email: c.email,
    address: c.address,
    grade: c.grade,
    intentLevel: c.intentLevel,
    value: c.value,
    purchaseType: c.purchaseType,
    source: c.source,
    budgetMin: c.budgetMin,
    budgetMax: c.budgetMax,
    preferences: c.preferences,
    consultantId: c.consultantId,
    nextFollowUpAt: iso(c.nextFollowUpAt),
    overdue: c.nextFollowUpAt !== null && Date.parse(c.nextFollowUpAt) < now.getTime(),
    lostReason: c.lostReason,
    createdAt: iso(c.createdAt)!,
  };
}

/** A page of customers, overdue follow-ups first, then the soonest due. */
export async function listCustomers(db: Db, actor: Actor, q: CustomerListQuery, now: Date) {
  const conditions: (SQL | undefined)[] = [];
  const store = listScope(actor, q.storeId);
  if (store) conditions.push(eq(customers.storeId, store));
  if (q.grade) conditions.push(eq(customers.grade, q.grade));
  if (q.intentLevel) conditions.push(eq(customers.intentLevel, q.intentLevel));
  if (q.source) conditions.push(eq(customers.source, q.source));
  if (q.consultantId) conditions.push(eq(customers.consultantId, q.consultantId));
  if (q.q)
    conditions.push(or(like(customers.name, prefixPattern(q.q)), like(customers.mobile, prefixPattern(q.q))));
  const where = and(...conditions);
  const overdueFirst = sql`case when ${customers.nextFollowUpAt} < ${now.toISOString()} then 0 else 1 end`;
  const [rows, [total]] = await Promise.all([
    db
      .select()
      .from(customers)
      .where(where)
      .orderBy(overdueFirst, sql`${customers.nextFollowUpAt} asc nulls last`, desc(customers.createdAt))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db.select({ n: count() }).from(customers).where(where),
  ]);
  return { items: rows.map((r) => toCustomerView(r, now)), total: Number(total?.n ?? 0) };
}

export interface NewCustomer {
  storeId?: string | undefined;
  name: string;
  mobile: string;
  email?: string | undefined;
  address?: string | undefined;
  grade?: string | undefined;
  intentLevel?: string | undefined;
  value?: string | undefined;
  purchaseType?: string | undefined;
  source?: string | undefined;
  budgetMin?: number | undefined;
  budgetMax?: number | undefined;
  preferences?: Record<string, unknown> | undefined;
}

/** Creates a customer; 409 when the mobile number is already a customer of the store. */
export async function createCustomer(db: Db, actor: Actor, body: NewCustomer, now: Date) {
  const storeId = writeStore(actor, body.storeId);
  const mobile = normalizeMobile(body.mobile);
  if (!mobile)
    throw new AppError('invalid', 'Invalid mobile', [
      { path: '/mobile', message: 'not a mainland mobile number' },
    ]);
  const level = body.intentLevel ?? 'N';
  const at = now.toISOString();
  try {
    const [row] = await db
      .insert(customers)
      .values({
        storeId,
        name: body.name,
        mobile,
        email: body.email ?? null,
        address: body.address ?? null,
        grade: body.grade ?? 'potential',
        intentLevel: level,
        value: body.value ?? 'normal',
        purchaseType: body.purchaseType ?? 'first',
        source: body.source ?? 'walk_in',
        budgetMin: body.budgetMin ?? null,
        budgetMax: body.budgetMax ?? null,
        preferences: body.preferences ?? {},
        consultantId: actor.id === 'system' ? null : actor.id,
        nextFollowUpAt: nextFollowUp(level, now)?.toISOString() ?? null,
        createdAt: at,
        updatedAt: at,
      })
      .returning();
    return toCustomerView(row!, now);
  } catch (error) {
    if (sqlState(error) === '23505') {
      throw new AppError('conflict', 'A customer with this mobile number already exists', [
        { path: '/mobile', message: 'duplicate' },
      ]);
    }
    throw error;
  }
}

/** Loads a visible customer or 404. */
export async function visibleCustomer(db: Db, actor: Actor, id: string): Promise<CustomerRow> {
  const [row] = await db.select().from(customers).where(eq(customers.id, id));
  if (!row) throw notFound('Customer', id);
  assertVisible(actor, row.storeId, 'Customer', id);
  return row;
}

/** One customer with follow-ups (newest first) and test drives. */
export async function getCustomer(db: Db, actor: Actor, id: string, now: Date) {
  const row = await visibleCustomer(db, actor, id);
  const [fus, drives, history] = await Promise.all([
    db.select().from(followUps).where(eq(followUps.customerId, id)).orderBy(desc(followUps.at)),
    db.select().from(testDrives).where(eq(testDrives.customerId, id)).orderBy(asc(testDrives.at)),
    customerHistory(db, id),
  ]);
  return {
    ...toCustomerView(row, now),
    ...history,
    followUps: fus.map((f) => ({
      id: f.id,
      at: iso(f.at)!,
      channel: f.channel,
      content: f.content,
      result: f.result,
      nextAt: iso(f.nextAt),
      levelFrom: f.levelFrom,
      levelTo: f.levelTo,
      consultantId: f.consultantId,
    })),
    testDrives: drives.map((d) => ({
      id: d.id,
      at: iso(d.at)!,
      model: d.model,
      vehicleId: d.vehicleId,
      licenceChecked: d.licenceChecked,
      odometerOut: d.odometerOut,
      odometerIn: d.odometerIn,
      feedback: d.feedback,
    })),
  };
}
