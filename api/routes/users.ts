/**
 * People and places: `GET /api/users` (user pickers, admin; `?q=` searches names, `?ids=` resolves
 * the ids a picker holds), `GET /api/stores`, `GET /api/roles`.
 */

import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { eq } from 'drizzle-orm';
import { AppError } from '../../engine/errors.ts';
import type { Db } from '../../engine/store/db.ts';
import { tasks } from '../../engine/store/schema.ts';
import { unlockLogin } from '../auth/throttle.ts';
import type { AppEnv } from '../context.ts';
import { listRoles, listStores, listUsers } from '../directory.ts';
import { validationHook } from '../errors.ts';
import { allowAnyUser, allowRoles } from '../rbac.ts';
import { ERRORS, json, OkSchema, UserSchema } from '../schemas/common.ts';

const StoreSchema = z.object({ id: z.string(), name: z.string() }).openapi('Store');
const RoleSchema = z.object({ code: z.string(), labelZh: z.string(), labelEn: z.string() }).openapi('Role');

const UsersQuery = z.object({
  q: z.string().trim().min(1).max(50).optional(),
  ids: z
    .string()
    .max(37 * 100)
    .optional()
    .transform((v) => v?.split(',').filter((id) => id !== ''))
    .pipe(z.array(z.uuid()).max(100).optional())
    .openapi({ type: 'string', description: 'Comma-separated user ids' }),
  storeId: z.string().optional(),
  taskId: z.uuid().optional().openapi({
    description:
      'Only people the task may go to (转交 / 委托 / 加签 / 抄送): staff of its store and group users; 404 when there is no such task',
  }),
  limit: z.coerce.number().int().min(1).max(500).optional(),
});

const usersRoute = createRoute({
  method: 'get',
  path: '/users',
  tags: ['directory'],
  summary: 'Active users (for user pickers and administration; `taskId`: those a task may be handed to)',
  // Any logged-in user: the designer's and the inbox's user pickers need names, never secrets.
  ...allowAnyUser(),
  request: { query: UsersQuery },
  responses: {
    200: json(z.object({ items: z.array(UserSchema), total: z.number().int() }), 'Users'),
    401: ERRORS[401],
    404: ERRORS[404],
    422: ERRORS[422],
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

const unlockRoute = createRoute({
  method: 'post',
  path: '/users/{username}/unlock',
  tags: ['directory'],
  summary: 'Lift the login lockout or throttling of a username (after repeated wrong passwords)',
  ...allowRoles('admin'),
  request: { params: z.object({ username: z.string().min(1).max(100) }) },
  responses: {
    200: json(OkSchema, 'Unlocked'),
    401: ERRORS[401],
    403: ERRORS[403],
    404: ERRORS[404],
  },
});

/** The store of task `id` (null: a task of no store, open to everyone); 404 when there is no such task. */
async function taskStore(db: Db, id: string): Promise<string | null> {
  const [row] = await db.select({ storeId: tasks.storeId }).from(tasks).where(eq(tasks.id, id));
  if (!row) throw new AppError('not_found', `No task ${id}`);
  return row.storeId;
}

/** The directory routes, to mount under `/api`. */
export function userRoutes(db: Db) {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
    .openapi(usersRoute, async (c) => {
      const { taskId, ...query } = c.req.valid('query');
      // Anyone logged in may list every user; a task narrows the list to the people it may go to.
      const workingIn = taskId === undefined ? undefined : await taskStore(db, taskId);
      const items = await listUsers(db, { ...query, ...(workingIn ? { workingIn } : {}) });
      return c.json({ items, total: items.length }, 200);
    })
    .openapi(storesRoute, async (c) => {
      const items = await listStores(db);
      return c.json({ items, total: items.length }, 200);
    })
    .openapi(rolesRoute, async (c) => {
      const items = await listRoles(db);
      return c.json({ items, total: items.length }, 200);
    })
    .openapi(unlockRoute, async (c) => {
      const { username } = c.req.valid('param');
      if (!(await unlockLogin(db, username))) {
        throw new AppError('not_found', `${username} is neither locked nor throttled`);
      }
      return c.json({ ok: true as const }, 200);
    });
}
