/**
 * Effects of the after-sales flows: service order and complaint status, maintenance reminders,
 * satisfaction surveys.
 */
import { and, eq, sql } from 'drizzle-orm';
import { AppError, notFound } from '../../../engine/errors.ts';
import type { EffectContext, EffectHandler } from '../../../engine/store/context.ts';
import type { JsonObject } from '../../../engine/types.ts';
import { normalizePlate } from '../after-sales/sold-cars.ts';
import { nextMaintenance } from '../rules/maintenance.ts';
import { complaints, maintenanceReminders, orders, serviceOrders, surveys } from '../schema.ts';
import { intArg, optionalStringArg, stringArg } from './args.ts';
import type { DealerEffectOptions } from './order-effects.ts';

/** Statuses after which a service order or complaint counts as finished. */
const FINISHED = ['completed', 'closed', 'done', 'picked_up', 'resolved', 'cancelled'];

async function setServiceOrderStatus(args: JsonObject, ctx: EffectContext, at: string): Promise<void> {
  const id = stringArg(args, 'serviceOrderId');
  const status = stringArg(args, 'status');
  // Settlement carries who pays (self_pay / warranty / claim) and the amount in fen.
  const settlement = optionalStringArg(args, 'settlement');
  const amount = args.amount === undefined || args.amount === null ? undefined : intArg(args, 'amount', 0);
  // Reception records the odometer and the plate: the next reminder counts from that mileage and the
  // desk finds the car by that plate next time.
  const mileage =
    args.mileage === undefined || args.mileage === null ? undefined : intArg(args, 'mileage', 0);
  const plate = optionalStringArg(args, 'plate');
  const updated = await ctx.tx
    .update(serviceOrders)
    .set({
      status,
      updatedAt: at,
      ...(FINISHED.includes(status)
        ? { completedAt: sql`coalesce(${serviceOrders.completedAt}, ${at})` }
        : {}),
      ...(settlement ? { settlement } : {}),
      ...(amount !== undefined ? { amount } : {}),
      ...(mileage !== undefined ? { mileage } : {}),
      ...(plate ? { plate: normalizePlate(plate) } : {}),
    })
    .where(eq(serviceOrders.id, id))
    .returning({ id: serviceOrders.id });
  if (updated.length === 0) throw notFound('Service order', id);
}

async function setComplaintStatus(args: JsonObject, ctx: EffectContext, at: string): Promise<void> {
  const id = stringArg(args, 'complaintId');
  const status = stringArg(args, 'status');
  const updated = await ctx.tx
    .update(complaints)
    // A reopened complaint is open again: closedAt follows the status both ways.
    .set({ status, closedAt: status === 'closed' ? at : null })
    .where(eq(complaints.id, id))
    .returning({ id: complaints.id });
  if (updated.length === 0) throw notFound('Complaint', id);
}

/** The interval the flow names (`months` and `km` both given), else undefined: the rule's default. */
function namedInterval(args: JsonObject): { months: number; km: number } | undefined {
  const months = args.months === undefined || args.months === null ? 0 : intArg(args, 'months', 0);
  const km = args.km === undefined || args.km === null ? 0 : intArg(args, 'km', 0);
  return months > 0 && km > 0 ? { months, km } : undefined;
}

interface ReminderTarget {
  storeId: string;
  vin: string | null;
  customerId: string | null;
  due: { dueDate: string; dueKm: number };
}

/**
 * The next maintenance of a car (rules/maintenance.ts): after a delivery (`orderId`) the first
 * service, after a completed work order (`serviceOrderId`) the interval. The car's earlier open
 * maintenance reminder is superseded, so the list shows one reminder per car: the latest.
 */
async function scheduleReminder(args: JsonObject, ctx: EffectContext, now: Date): Promise<void> {
  const serviceOrderId = optionalStringArg(args, 'serviceOrderId');
  const orderId = optionalStringArg(args, 'orderId');
  let target: ReminderTarget;
  if (serviceOrderId) {
    const [s] = await ctx.tx.select().from(serviceOrders).where(eq(serviceOrders.id, serviceOrderId));
    if (!s) throw notFound('Service order', serviceOrderId);
    const start = { at: now, mileage: s.mileage ?? 0, interval: namedInterval(args) };
    target = { ...s, due: nextMaintenance('service', start) };
  } else if (orderId) {
    const [o] = await ctx.tx.select().from(orders).where(eq(orders.id, orderId));
    if (!o) throw notFound('Order', orderId);
    target = { ...o, due: nextMaintenance('delivery', { at: now, mileage: 0 }) };
  } else {
    throw new AppError('invalid', 'serviceReminder.schedule needs serviceOrderId or orderId');
  }
  if (target.vin) {
    await ctx.tx
      .update(maintenanceReminders)
      .set({ status: 'superseded' })
      .where(
        and(
          eq(maintenanceReminders.vin, target.vin),
          eq(maintenanceReminders.kind, 'maintenance'),
          eq(maintenanceReminders.status, 'scheduled'),
        ),
      );
  }
  await ctx.tx.insert(maintenanceReminders).values({
    storeId: target.storeId,
    vin: target.vin,
    customerId: target.customerId,
    orderId: orderId ?? null,
    serviceOrderId: serviceOrderId ?? null,
    kind: 'maintenance',
    dueDate: target.due.dueDate,
    dueKm: target.due.dueKm,
    createdAt: now.toISOString(),
  });
}

async function recordSurvey(args: JsonObject, ctx: EffectContext, at: string): Promise<void> {
  const serviceOrderId = optionalStringArg(args, 'serviceOrderId');
  const orderId = optionalStringArg(args, 'orderId');
  const score = intArg(args, 'score', 0);
  if (score > 10)
    throw new AppError('invalid', 'Survey score is 0..10', [{ path: '/args/score', message: 'at most 10' }]);
  let storeId: string | undefined;
  if (serviceOrderId) {
    [storeId] = (
      await ctx.tx
        .select({ s: serviceOrders.storeId })
        .from(serviceOrders)
        .where(eq(serviceOrders.id, serviceOrderId))
    ).map((r) => r.s);
  } else if (orderId) {
    [storeId] = (await ctx.tx.select({ s: orders.storeId }).from(orders).where(eq(orders.id, orderId))).map(
      (r) => r.s,
    );
  }
  if (!storeId) throw new AppError('invalid', 'survey.record needs an existing serviceOrderId or orderId');
  await ctx.tx.insert(surveys).values({
    storeId,
    kind: optionalStringArg(args, 'kind') ?? (serviceOrderId ? 'csi' : 'ssi'),
    orderId: orderId ?? null,
    serviceOrderId: serviceOrderId ?? null,
    score,
    comment: optionalStringArg(args, 'comment') ?? null,
    at,
  });
}

/** `serviceOrder.setStatus`, `complaint.setStatus`, `serviceReminder.schedule`, `survey.record`. */
export function createAfterSalesEffects({ clock }: DealerEffectOptions): Record<string, EffectHandler> {
  const now = () => clock().toISOString();
  return {
    'serviceOrder.setStatus': (args, ctx) => setServiceOrderStatus(args, ctx, now()),
    'complaint.setStatus': (args, ctx) => setComplaintStatus(args, ctx, now()),
    'serviceReminder.schedule': (args, ctx) => scheduleReminder(args, ctx, clock()),
    'survey.record': (args, ctx) => recordSurvey(args, ctx, now()),
  };
}
