/**
 * What consultants record on a customer: follow-ups (which move the intent level and the next
 * due date), test drives, and lifecycle changes (lost needs a reason).
 */
import { and, eq } from 'drizzle-orm';
import { AppError } from '../../../engine/errors.ts';
import type { Db } from '../../../engine/store/db.ts';
import type { Actor } from '../../../engine/types.ts';
import { nextFollowUp } from '../rules/follow-up.ts';
import { customers, followUps, testDrives, vehicles } from '../schema.ts';
import { toCustomerView, visibleCustomer } from './customer-repo.ts';

export interface NewFollowUp {
  at?: string | undefined;
  channel: string;
  content: string;
  result?: string | undefined;
  nextAt?: string | undefined;
  intentLevel?: string | undefined;
}

const actorUuid = (actor: Actor) => (actor.id === 'system' ? null : actor.id);

/** Records a follow-up; the customer's level and next due date follow it (cadence by level). */
export async function addFollowUp(db: Db, actor: Actor, customerId: string, body: NewFollowUp, now: Date) {
  const customer = await visibleCustomer(db, actor, customerId);
  const at = body.at ?? now.toISOString();
  const level = body.intentLevel ?? customer.intentLevel;
  const nextAt = body.nextAt ?? nextFollowUp(level, new Date(at))?.toISOString() ?? null;
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(followUps)
      .values({
        customerId,
        storeId: customer.storeId,
        consultantId: actorUuid(actor),
        at,
        channel: body.channel,
        content: body.content,
        result: body.result ?? null,
        nextAt,
        levelFrom: customer.intentLevel,
        levelTo: level,
        createdAt: now.toISOString(),
      })
      .returning({ id: followUps.id });
    const grade =
      customer.grade === 'potential' && ['H', 'A', 'B', 'C'].includes(level) ? 'intent' : customer.grade;
    await tx
      .update(customers)
      .set({ intentLevel: level, grade, nextFollowUpAt: nextAt, updatedAt: now.toISOString() })
      .where(eq(customers.id, customerId));
    return { id: row!.id, nextAt };
  });
}

export interface NewTestDrive {
  at: string;
  model: string;
  vehicleId?: string | undefined;
  licenceChecked: boolean;
  odometerOut?: number | undefined;
  odometerIn?: number | undefined;
  feedback?: string | undefined;
}

/** The test-drive car must be a vehicle of the customer's store: 422 at `/vehicleId` otherwise. */
async function assertStoreVehicle(db: Db, storeId: string, vehicleId: string): Promise<void> {
  const [found] = await db
    .select({ id: vehicles.id })
    .from(vehicles)
    .where(and(eq(vehicles.id, vehicleId), eq(vehicles.storeId, storeId)));
  if (!found) {
    throw new AppError('invalid', 'The test-drive vehicle is not in the store', [
      { path: '/vehicleId', message: '不存在或不属于本门店' },
    ]);
  }
}

/** Records a test drive; the driving licence must have been checked. */
export async function addTestDrive(db: Db, actor: Actor, customerId: string, body: NewTestDrive) {
  const customer = await visibleCustomer(db, actor, customerId);
  if (!body.licenceChecked) {
    throw new AppError('invalid', 'The driving licence must be checked', [
      { path: '/licenceChecked', message: 'must be true' },
    ]);
  }
  if (body.odometerIn !== undefined && body.odometerOut !== undefined && body.odometerIn < body.odometerOut) {
    throw new AppError('invalid', 'Odometer in is below odometer out', [
      { path: '/odometerIn', message: 'below odometerOut' },
    ]);
  }
  if (body.vehicleId !== undefined) await assertStoreVehicle(db, customer.storeId, body.vehicleId);
  const [row] = await db
    .insert(testDrives)
    .values({
      customerId,
      storeId: customer.storeId,
      consultantId: actorUuid(actor),
      vehicleId: body.vehicleId ?? null,
      model: body.model,
      at: body.at,
      licenceChecked: body.licenceChecked,
      odometerOut: body.odometerOut ?? null,
      odometerIn: body.odometerIn ?? null,
      feedback: body.feedback ?? null,
    })
    .returning({ id: testDrives.id });
  return { id: row!.id };
}

export interface CustomerChange {
  grade?: string | undefined;
  intentLevel?: string | undefined;
  value?: string | undefined;
  purchaseType?: string | undefined;
  lostReason?: string | undefined;
  email?: string | undefined;
  address?: string | undefined;
}

/** Updates lifecycle fields; marking a customer lost (战败) needs a reason. */
export async function updateCustomer(
  db: Db,
  actor: Actor,
  customerId: string,
  body: CustomerChange,
  now: Date,
) {
  const customer = await visibleCustomer(db, actor, customerId);
  if (body.grade === 'lost' && !(body.lostReason ?? customer.lostReason)) {
    throw new AppError('invalid', 'A lost customer needs a reason', [
      { path: '/lostReason', message: 'required' },
    ]);
  }
  const change = Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined));
  const [row] = await db
    .update(customers)
    .set({
      ...change,
      ...(body.grade === 'lost' ? { nextFollowUpAt: null } : {}),
      updatedAt: now.toISOString(),
    })
    .where(eq(customers.id, customerId))
    .returning();
  return toCustomerView(row!, now);
}
