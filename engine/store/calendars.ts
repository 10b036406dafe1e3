/**
 * Per-store business calendars (`store_calendars`): read with the default for a store that has none,
 * replaced whole by an admin, and cached for a short while per process for the steps that compute
 * working-time deadlines (another process sees a change within `CALENDAR_TTL_MS`).
 */
import { eq } from 'drizzle-orm';
import { DEFAULT_CALENDAR } from '../calendar.ts';
import { notFound } from '../errors.ts';
import type { Actor, BusinessCalendar, StateConfig, WorkflowDefinition } from '../types.ts';
import { nowIso, type StoreContext } from './context.ts';
import type { Executor } from './db.ts';
import { storeCalendars } from './schema.ts';

/** How long a process trusts its cached copy of a store's calendar. */
export const CALENDAR_TTL_MS = 30_000;

/** A store's calendar as the API shows it. */
export interface CalendarView {
  storeId: string;
  calendar: BusinessCalendar;
  /** False: the store has none of its own and uses the default. */
  custom: boolean;
  updatedAt: string | null;
  updatedBy: string | null;
}

/** The store's calendar (the default when it has none); 404 for an unknown store. */
export async function getCalendar(ctx: StoreContext, db: Executor, storeId: string): Promise<CalendarView> {
  if (!(await ctx.ports.directory.storeExists(db, storeId))) throw notFound('Store', storeId);
  const [row] = await db.select().from(storeCalendars).where(eq(storeCalendars.storeId, storeId));
  if (!row) return { storeId, calendar: DEFAULT_CALENDAR, custom: false, updatedAt: null, updatedBy: null };
  return {
    storeId,
    calendar: row.calendar,
    custom: true,
    updatedAt: new Date(row.updatedAt).toISOString(),
    updatedBy: row.updatedBy,
  };
}

/** Replaces the store's calendar; the caller checked the document and the actor. */
export async function putCalendar(
  ctx: StoreContext,
  storeId: string,
  calendar: BusinessCalendar,
  actor: Actor,
): Promise<CalendarView> {
  const db = ctx.database.db;
  await getCalendar(ctx, db, storeId);
  const now = nowIso(ctx);
  await db
    .insert(storeCalendars)
    .values({ storeId, calendar, updatedAt: now, updatedBy: actor.id })
    .onConflictDoUpdate({
      target: storeCalendars.storeId,
      set: { calendar, updatedAt: now, updatedBy: actor.id },
    });
  ctx.calendars.delete(storeId);
  return getCalendar(ctx, db, storeId);
}

const working = new WeakMap<WorkflowDefinition, boolean>();

/** Whether some task of the definition counts its deadline in working time (cached per definition). */
export function usesWorkingTime(def: WorkflowDefinition): boolean {
  let known = working.get(def);
  if (known === undefined) {
    const visit = (node: StateConfig): boolean =>
      node.meta?.task?.deadline?.calendar === 'working' || Object.values(node.states ?? {}).some(visit);
    known = visit(def.machine);
    working.set(def, known);
  }
  return known;
}

/** The calendar a step of an instance in `storeId` computes with (cached; default without a store). */
export async function calendarFor(
  ctx: StoreContext,
  db: Executor,
  storeId: string | null,
): Promise<BusinessCalendar> {
  if (storeId === null) return DEFAULT_CALENDAR;
  const now = ctx.clock().getTime();
  const cached = ctx.calendars.get(storeId);
  if (cached && Math.abs(now - cached.at) < CALENDAR_TTL_MS) return cached.calendar;
  const [row] = await db
    .select({ calendar: storeCalendars.calendar })
    .from(storeCalendars)
    .where(eq(storeCalendars.storeId, storeId));
  const calendar = row?.calendar ?? DEFAULT_CALENDAR;
  ctx.calendars.set(storeId, { calendar, at: now });
  return calendar;
}
