/**
 * What the store's modules share: the database, the injected clock, the effect registry, the
 * cached user directory and the ports to the API's tables. `WorkflowService` builds one and hands it to each module.
 */
import type { Actor, BusinessCalendar, Json, JsonObject, WorkflowDefinition } from '../types.ts';
import type { Database, Executor, Tx } from './db.ts';
import type { DirectoryCache } from './directory-cache.ts';
import type { EnginePorts } from './ports.ts';
import type { RecentInstances } from './recent-instances.ts';
import type { ReferenceCheckers } from './references.ts';
import type { RecordLink } from './types.ts';

/** Where an effect runs: inside the step's transaction, on behalf of the acting user. */
export interface EffectContext<S = unknown> {
  tx: Tx;
  instance: {
    id: string;
    workflowKey: string;
    businessKey: string | null;
    /** The business record (engine/store/types.ts `RecordLink`), or null. */
    record: RecordLink | null;
    storeId: string | null;
    context: JsonObject;
  };
  actor: Actor;
  /** The state node that declared the effect, when the engine knows it. */
  state?: string;
  /** The `WorkflowService` (typed loosely here to avoid an import cycle; see service.ts). */
  service: S;
}

/** Named effect handlers (`notify`, `order.setStatus`, ...). They run inside the step's transaction. */
export type EffectHandler<S = unknown> = (args: JsonObject, ctx: EffectContext<S>) => Promise<void>;
export type EffectRegistry<S = unknown> = Record<string, EffectHandler<S>>;

/**
 * What a domain hook hears when an admin ends or relocates an instance by hand (not through its flow):
 * it runs in the same transaction, so the domain's rows change with the instance or not at all.
 */
export interface InstanceHookContext<S = unknown> extends EffectContext<S> {
  /** The state value before. */
  from: Json;
  /** The state value after (a move); absent for a cancellation. */
  to?: Json;
  reason: string;
}

/**
 * Hooks the application registers (the dealership in api/dealer/) so its records follow instances an
 * admin cancels or moves; the engine stays free of their names.
 */
export interface InstanceHooks<S = unknown> {
  cancelled?(ctx: InstanceHookContext<S>): Promise<void>;
  moved?(ctx: InstanceHookContext<S>): Promise<void>;
}

/** The minimal logger the service needs (pino fits). */
export interface StoreLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export interface StoreContext {
  database: Database;
  clock: () => Date;
  effects: EffectRegistry;
  logger: StoreLogger;
  directory: DirectoryCache;
  /** The service itself, handed to effects. */
  service: unknown;
  /** Identifies this process when it claims timers. */
  workerId: string;
  /** Checks of the ids task data refers to (files, users, customers, vehicles); see references.ts. */
  references: ReferenceCheckers;
  /** Published definitions by `key@version` — immutable, so cached forever (and compiled once per object). */
  versions: Map<string, WorkflowDefinition>;
  /** Business calendars by store id, cached briefly (calendars.ts). */
  calendars: Map<string, { calendar: BusinessCalendar; at: number }>;
  /** The application's hooks on admin cancellations and moves. */
  hooks: InstanceHooks;
  /** The directory, CC and file references: the API's tables, reached through its ports (ports.ts). */
  ports: EnginePorts;
  /** Roles whose holders may read any task (of every store, or of their own): the application's. */
  oversight: TaskOversight;
  /** Instances this process last wrote on the fast path, so a completion may skip its read. */
  recent: RecentInstances;
}

/**
 * Roles whose holders may read a task without being among its people (managers): in `everyStore` any
 * task, in `ownStore` the tasks of instances of their own store. The application's, from its role
 * catalogue (api/rbac.ts `taskOversight`); the engine names no role but admin.
 */
export interface TaskOversight {
  everyStore: readonly string[];
  ownStore: readonly string[];
}

export const NO_OVERSIGHT: TaskOversight = { everyStore: [], ownStore: [] };

/** Whether `actor` oversees the work of `storeId` under `oversight`. */
export function oversees(oversight: TaskOversight, actor: Actor, storeId: string | null): boolean {
  if (actor.roles.some((role) => oversight.everyStore.includes(role))) return true;
  return (
    actor.storeId !== null &&
    actor.storeId === storeId &&
    actor.roles.some((role) => oversight.ownStore.includes(role))
  );
}

/** The clock as an ISO string. */
export const nowIso = (ctx: StoreContext): string => ctx.clock().toISOString();

/** A UTC timestamp: date, time, optional fraction, `Z` or a zero offset. */
const UTC_STAMP = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}:\d{2})(?:\.(\d+))?(?:Z|\+00(?::?00)?)$/;

/** Normalises a timestamp as the drivers return it (`2026-11-23 10:45:12.04+00`) to ISO 8601. */
export function iso(value: string): string;
export function iso(value: string | null): string | null;
export function iso(value: string | null): string | null {
  if (value === null) return null;
  // A UTC stamp (what PostgreSQL sends with the server in UTC, and what this app writes) is rewritten
  // without parsing a Date: seven times cheaper, the same string (fractions truncated to milliseconds,
  // as Date parsing does). Anything else goes through Date.
  const utc = UTC_STAMP.exec(value);
  if (utc) return `${utc[1]}T${utc[2]}.${utc[3] ? `${utc[3]}00`.slice(0, 3) : '000'}Z`;
  return new Date(value).toISOString();
}

/** The actor timers and other unattended steps act as. */
export const SYSTEM_ACTOR: Actor = { id: 'system', username: 'system', roles: [], storeId: null };

/** Whether the actor is an administrator (sees and may cancel everything). */
/** The record link of an instance row (both columns or neither). */
export function recordOf(row: { recordType: string | null; recordId: string | null }): RecordLink | null {
  return row.recordType !== null && row.recordId !== null ? { type: row.recordType, id: row.recordId } : null;
}

export const isAdmin = (actor: Actor): boolean => actor.roles.includes('admin');

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Whether `id` can be compared with uuid columns (the system actor's id cannot). */
export const isUuid = (id: string): boolean => UUID.test(id);

export type { Executor };
