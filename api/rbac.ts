/**
 * Roles and who may do what. Every route declares its callers with `requireUser` or `requireRole`;
 * group roles (admin, and the application's roles marked `seesEveryStore`) span stores, the others see
 * their own store. The platform knows one role, admin; the application brings its catalogue.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { AppError } from '../engine/errors.ts';
import type { Actor } from '../engine/types.ts';
import type { AppEnv } from './context.ts';

/**
 * A role of the application's catalogue (seeded into `roles`). `seesEveryStore`: its holders work at
 * group level and see every store's rows; everyone else sees their own store.
 */
export interface RoleDefinition {
  code: string;
  labelZh: string;
  labelEn: string;
  seesEveryStore?: boolean;
  /**
   * Its holders may read any task without being among its people: of every store, or of their own
   * store's instances (a store manager). The service's `oversight` (`taskOversight`).
   */
  overseesTasks?: 'everyStore' | 'ownStore';
}

/** The catalogue's task oversight, for `new WorkflowService({ oversight })`. */
export function taskOversight(catalogue: readonly RoleDefinition[]): {
  everyStore: string[];
  ownStore: string[];
} {
  const holding = (scope: RoleDefinition['overseesTasks']) =>
    catalogue.filter((role) => role.overseesTasks === scope).map((role) => role.code);
  return { everyStore: holding('everyStore'), ownStore: holding('ownStore') };
}

/** The platform's own role: publishes flows and forms, manages users, moves and cancels instances. */
export const ADMIN_ROLE = {
  code: 'admin',
  labelZh: '系统管理员',
  labelEn: 'Administrator',
  seesEveryStore: true,
} as const satisfies RoleDefinition;

let groupRoles: readonly string[] = [ADMIN_ROLE.code];

/**
 * Takes the application's role catalogue: from now on its `seesEveryStore` roles (and admin) are the
 * group roles. `createApp({ roles })` calls it; one catalogue per process.
 *
 * @example
 * setRoleCatalogue([ADMIN_ROLE, { code: 'hr', labelZh: '人事', labelEn: 'HR', seesEveryStore: true }]);
 */
export function setRoleCatalogue(catalogue: readonly RoleDefinition[]): void {
  groupRoles = [ADMIN_ROLE.code, ...catalogue.filter((r) => r.seesEveryStore).map((r) => r.code)];
}

/** The roles whose holders see every store, from the application's catalogue. */
export function groupRoleCodes(): readonly string[] {
  return groupRoles;
}

/** Whether the actor holds at least one of the roles. */
export function hasRole(actor: Actor, ...roles: readonly string[]): boolean {
  return actor.roles.some((r) => roles.includes(r));
}

/** Whether the actor works at group level (sees every store). */
export function isGroupActor(actor: Actor): boolean {
  return hasRole(actor, ...groupRoles);
}

/** Whether the actor may see rows of a store (`null`: group-level rows, visible to group actors only). */
export function canAccessStore(actor: Actor, storeId: string | null): boolean {
  return isGroupActor(actor) || (storeId !== null && storeId === actor.storeId);
}

/** The logged-in actor, or a 401. */
export function currentActor(c: Context<AppEnv>): Actor {
  const actor = c.get('actor');
  if (!actor) throw new AppError('unauthorized', 'Not logged in');
  return actor;
}

/**
 * Lets any logged-in user through; 401 otherwise.
 *
 * @example
 * createRoute({ method: 'get', path: '/tasks', middleware: [requireUser] as const, ... })
 */
export const requireUser: MiddlewareHandler<AppEnv> = withRoles(
  async function requireUser(c, next) {
    currentActor(c);
    await next();
  },
  ['*'],
);

/** A middleware that says which roles it admits (`*`: any logged-in user), for the OpenAPI document. */
export type RoleGuard = MiddlewareHandler<AppEnv> & { readonly roles: readonly string[] };

function withRoles(middleware: MiddlewareHandler<AppEnv>, roles: readonly string[]): RoleGuard {
  return Object.assign(middleware, { roles });
}

/**
 * The roles a route's middleware admits, when it is (or includes) a guard of this module; undefined for
 * a public route. `openapi-route.ts` writes them into the document as `x-roles`.
 */
export function rolesOf(middleware: unknown): readonly string[] | undefined {
  const list = Array.isArray(middleware) ? middleware : [middleware];
  const guard = list.find(
    (m): m is RoleGuard => typeof m === 'function' && Array.isArray((m as Partial<RoleGuard>).roles),
  );
  return guard?.roles;
}

/**
 * Lets through logged-in users holding one of the roles: 401 when not logged in, 403 otherwise.
 *
 * @example
 * createRoute({ method: 'post', path: '/workflows/{key}/publish', middleware: [requireRole('admin')] as const, ... })
 */
export function requireRole(...roles: string[]): RoleGuard {
  return withRoles(async function requireRoleMiddleware(c, next) {
    const actor = currentActor(c);
    if (!hasRole(actor, ...roles)) throw new AppError('forbidden', `Requires role: ${roles.join(' or ')}`);
    await next();
  }, roles);
}

/**
 * Route access for `createRoute`: the guard, plus `x-roles` in the OpenAPI document so the
 * authorization matrix can be generated from `/api/openapi.json` (`["*"]`: any logged-in user).
 *
 * @example
 * createRoute({ ...allowRoles('admin'), method: 'post', path: '/workflows/{key}/publish', ... })
 */
export function allowRoles<const R extends string[]>(...roles: R) {
  return { middleware: requireRole(...roles), 'x-roles': roles };
}

/** Route access for any logged-in user (see `allowRoles`). */
export function allowAnyUser() {
  return { middleware: requireUser, 'x-roles': ['*'] };
}
