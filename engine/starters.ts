/**
 * Who may start a flow by hand and who may send it which external event (the definition's `starters`
 * and `events`). Pure: the service calls these for `POST /api/instances` and `/events`; the
 * application's own paths (domain code, effects, timers) never do.
 */
import type { JSONSchema } from '../forms/types.ts';
import { validateData } from '../forms/validate.ts';
import type { Actor, EventRule, Problem, StarterSpec, WorkflowDefinition } from './types.ts';

/** The starter rules in force: `starters`, else the deprecated `starterRoles`, else anyone. */
export function effectiveStarters(def: Pick<WorkflowDefinition, 'starters' | 'starterRoles'>): StarterSpec {
  if (def.starters) return def.starters;
  return def.starterRoles && def.starterRoles.length > 0 ? { roles: def.starterRoles } : {};
}

/** Options of `mayStart`. */
export interface MayStartOptions {
  /** An administrator: admitted past roles, stores and users (never past `applicationOnly`). */
  privileged?: boolean;
}

/**
 * Whether `actor` may start the flow by hand: `applicationOnly` admits nobody; otherwise the named
 * `users` are admitted, and everyone else must pass every list present (roles AND stores).
 *
 * @example
 * mayStart({ starters: { roles: ['sales_consultant'], stores: ['BJ01'] } }, consultantOfSH01) // false
 */
export function mayStart(
  def: Pick<WorkflowDefinition, 'starters' | 'starterRoles'>,
  actor: Actor,
  options: MayStartOptions = {},
): boolean {
  const spec = effectiveStarters(def);
  if (spec.applicationOnly) return false;
  if (options.privileged) return true;
  if (spec.users?.includes(actor.username)) return true;
  const byRole = !spec.roles?.length || spec.roles.some((r) => actor.roles.includes(r));
  const byStore = !spec.stores?.length || (actor.storeId !== null && spec.stores.includes(actor.storeId));
  const onlyUsers = !!spec.users?.length && !spec.roles?.length && !spec.stores?.length;
  return byRole && byStore && !onlyUsers;
}

/** Why an event sent from outside is refused, or `undefined` when it is accepted. */
export type EventRefusal =
  | { code: 'forbidden'; message: string }
  | { code: 'invalid'; message: string; details: Problem[] };

/**
 * Checks an external event against the flow's `events`: undeclared → forbidden, application-only or a
 * sender it does not name → forbidden, data not fitting its schema (no schema: no data) → invalid with
 * JSON-pointer paths inside `data`. `startedBy` is the id of the user who started the instance.
 */
export function checkExternalEvent(
  def: Pick<WorkflowDefinition, 'events'>,
  event: { type: string; data?: unknown },
  actor: Actor,
  startedBy: string | null,
): EventRefusal | undefined {
  const rule: EventRule | undefined =
    def.events && Object.hasOwn(def.events, event.type) ? def.events[event.type] : undefined;
  if (!rule) return { code: 'forbidden', message: `The flow does not accept ${event.type} from outside` };
  if (!maySend(rule, actor, startedBy)) {
    return { code: 'forbidden', message: `${actor.username} may not send ${event.type}` };
  }
  const data = event.data ?? {};
  const schema: JSONSchema = rule.schema ?? { type: 'object', maxProperties: 0 };
  const errors = validateData(schema, data, 'zh-CN');
  if (errors.length === 0) return undefined;
  return {
    code: 'invalid',
    message: `The data of ${event.type} does not fit its schema`,
    details: errors.map((e) => ({ path: e.path, message: e.message, code: e.keyword ?? 'schema' })),
  };
}

function maySend(rule: EventRule, actor: Actor, startedBy: string | null): boolean {
  const from = rule.from;
  if (from.applicationOnly) return false;
  if (from.starter && startedBy !== null && startedBy === actor.id) return true;
  if (from.users?.includes(actor.username)) return true;
  return !!from.roles?.some((r) => actor.roles.includes(r));
}
