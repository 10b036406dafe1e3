/**
 * People and places: `GET /api/users` (user pickers, admin), `GET /api/stores`, `GET /api/roles`.
 */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { Db } from '../../engine/store/db.ts';
import type { AppEnv } from '../context.ts';
import { listRoles, listStores, listUsers } from '../directory.ts';
import { validationHook } from '../errors.ts';
import { allowAnyUser } from '../rbac.ts';
import { ERRORS, json, UserSchema } from '../schemas/common.ts';

const StoreSchema = z.object({ id: z.string(), name: z.string() }).openapi('Store');
const RoleSchema = z.object({ code: z.string(), labelZh: z.string(), labelEn: z.string() }).openapi('Role');

const usersRoute = createRoute({
  method: 'get',
  path: '/users',
  tags: ['directory'],
  summary: 'Active users (for user pickers and administration)',
  // Any logged-in user: the designer's and the inbox's user pickers need names, never secrets.
  ...allowAnyUser(),
  responses: {
    200: json(z.object({ items: z.array(UserSchema), total: z.number().int() }), 'Users'),
    401: ERRORS[401],
  },
});

const storesRoute = createRoute({
  method: 'get',
  path: '/stores',
  tags: ['directory'],
  summary: 'Stores of the dealer group',
  ...allowAnyUser(),
  responses: {
    200: json(z.object({ items: z.array(StoreSchema), total: z.number().int() }), 'Stores'),
    401: ERRORS[401],
  },
});

const rolesRoute = createRoute({
  method: 'get',
  path: '/roles',
  tags: ['directory'],
  summary: 'Role codes with their labels',
  ...allowAnyUser(),
  responses: {
    200: json(z.object({ items: z.array(RoleSchema), total: z.number().int() }), 'Roles'),
    401: ERRORS[401],
  },
});

/** The directory routes, to mount under `/api`. */
export function userRoutes(db: Db) {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
    .openapi(usersRoute, async (c) => {
      const items = await listUsers(db);
      return c.json({ items, total: items.length }, 200);
    })
    .openapi(storesRoute, async (c) => {
      const items = await listStores(db);
      return c.json({ items, total: items.length }, 200);
    })
    .openapi(rolesRoute, async (c) => {
      const items = await listRoles(db);
      return c.json({ items, total: items.length }, 200);
    });
}
