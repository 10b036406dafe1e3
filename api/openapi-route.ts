/**
 * `createRoute` that also writes the roles its guard admits into the operation as `x-roles`, from the
 * guard itself (rbac.ts `requireRole` / `requireUser`), so the document says what the server enforces.
 *
 * @example
 * createRoute({ method: 'get', path: '/orders', middleware: requireRole('sales_manager'), ... })
 * // operation: { ..., "x-roles": ["sales_manager"] }
 */
import { createRoute as createBaseRoute, type RouteConfig } from '@hono/zod-openapi';
import { rolesOf } from './rbac.ts';

/** `@hono/zod-openapi`'s `createRoute`, plus `x-roles` from the route's guard. */
export function createRoute<P extends string, R extends Omit<RouteConfig, 'path'> & { path: P }>(config: R) {
  const roles = rolesOf(config.middleware);
  if (roles && !('x-roles' in config)) Object.assign(config, { 'x-roles': [...roles] });
  return createBaseRoute<P, R>(config);
}
