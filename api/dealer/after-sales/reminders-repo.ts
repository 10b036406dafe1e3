/**
 * Maintenance reminders (保养提醒) written by the `serviceReminder.schedule` effect: the open ones
 * by due window, with the customer to contact, and marking one done with a note.
 */
import { and, asc, eq, lte, type SQL } from 'drizzle-orm';
import { AppError, notFound } from '../../../engine/errors.ts';
import type { Db } from '../../../engine/store/db.ts';
import type { Actor } from '../../../engine/types.ts';
import { assertVisible, listScope } from '../access.ts';
import { customers, type MaintenanceReminderRow, maintenanceReminders } from '../schema.ts';

export type DueWindow = 'overdue' | 'week' | 'month';

/** The local calendar day (China Standard Time) `days` after `now`, as `YYYY-MM-DD`. */
export function cstDay(now: Date, days = 0): string {
  return new Date(now.getTime() + 8 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);
}

/** The instant of a calendar day's start in China Standard Time. */
function dayStart(day: string): Date {
  return new Date(`${day}T00:00:00+08:00`);
}

/** The due-date bound of a window: overdue = before today; week / month = up to 7 / 30 days ahead. */
export function dueFilter(due: DueWindow | undefined, now: Date): SQL | undefined {
  if (due === 'overdue') return lte(maintenanceReminders.dueDate, cstDay(now, -1));
  if (due === 'week') return lte(maintenanceReminders.dueDate, cstDay(now, 7));
  if (due === 'month') return lte(maintenanceReminders.dueDate, cstDay(now, 30));
  return undefined;
}

function toView(r: MaintenanceReminderRow, customerName: string | null, mobile: string | null, now: Date) {
  return { ...r, customerName, mobile, overdue: r.status === 'scheduled' && r.dueDate < cstDay(now) };
}

/**
 * Open reminders in scope, soonest first (each with the customer's name and mobile). The windows
 * count from `q.asOf` — the viewer's calendar day, so the desk sees what is due on its own calendar —
 * or from `now`.
 */
export async function listReminders(
  db: Db,
  actor: Actor,
  q: { due?: DueWindow | undefined; storeId?: string | undefined; asOf?: string | undefined },
  clockNow: Date,
) {
  const now = q.asOf ? dayStart(q.asOf) : clockNow;
  const store = listScope(actor, q.storeId);
  const rows = await db
    .select({ r: maintenanceReminders, name: customers.name, mobile: customers.mobile })
    .from(maintenanceReminders)
    .leftJoin(customers, eq(customers.id, maintenanceReminders.customerId))
    .where(
      and(
        eq(maintenanceReminders.status, 'scheduled'),
        store ? eq(maintenanceReminders.storeId, store) : undefined,
        dueFilter(q.due, now),
      ),
    )
    .orderBy(asc(maintenanceReminders.dueDate))
    .limit(500);
  return { items: rows.map((x) => toView(x.r, x.name, x.mobile, now)) };
}

/** Marks a reminder done (customer contacted) with a note; 409 when it is already done. */
export async function completeReminder(
  db: Db,
  actor: Actor,
  id: string,
  note: string | undefined,
  now: Date,
) {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(maintenanceReminders)
      .where(eq(maintenanceReminders.id, id))
      .for('update');
    if (!row) throw notFound('Reminder', id);
    assertVisible(actor, row.storeId, 'Reminder', id);
    if (row.status !== 'scheduled')
      throw new AppError('conflict', `Reminder ${id} is ${row.status}`, [
        { path: '/status', message: row.status },
      ]);
    const [updated] = await tx
      .update(maintenanceReminders)
      .set({ status: 'done', note: note ?? null, doneAt: now.toISOString(), doneBy: actor.username })
      .where(eq(maintenanceReminders.id, id))
      .returning();
    return toView(updated!, null, null, now);
  });
}
