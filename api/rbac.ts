/**
 * Roles and who may do what. Every route declares its callers with `requireUser` or `requireRole`;
 * group roles (admin, general_manager) span stores, the others see their own store.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { AppError } from '../engine/errors.ts';
import type { Actor } from '../engine/types.ts';
import type { AppEnv } from './context.ts';

/** Role codes (docs/dealership.md). */
export const ROLES = [
  'admin',
  'general_manager',
  'sales_manager',
  'sales_consultant',
  'finance',
  'logistics',
  'service_advisor',
] as const;
/** A role code. */
export type Role = (typeof ROLES)[number];

/** Roles whose holders see every store. */
export const GROUP_ROLES: readonly Role[] = ['admin', 'general_manager'];

/** Whether the actor holds at least one of the roles. */
export function hasRole(actor: Actor, ...roles: readonly string[]): boolean {
  return actor.roles.some((r) => roles.includes(r));
}

/** Whether the actor works at group level (sees every store). */
export function isGroupActor(actor: Actor): boolean {
  return hasRole(actor, ...GROUP_ROLES);
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
export function requireRole(...roles: Role[]): RoleGuard {
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
export function allowRoles<const R extends Role[]>(...roles: R) {
  return { middleware: requireRole(...roles), 'x-roles': roles };
}

/** Route access for any logged-in user (see `allowRoles`). */
export function allowAnyUser() {
  return { middleware: requireUser, 'x-roles': ['*'] };
}
