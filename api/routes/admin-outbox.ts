/**
 * The outbox as an administrator sees it: `GET /api/admin/outbox?status=pending|delivered|dead`
 * and `POST /api/admin/outbox/:id/retry` (a dead message goes back in the queue). Admins only.
 */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { Db } from '../../engine/store/db.ts';
import { listOutbox, retryOutbox } from '../../engine/store/outbox-admin.ts';
import type { AppEnv } from '../context.ts';
import { validationHook } from '../errors.ts';
import { allowRoles } from '../rbac.ts';
import { ERRORS, json, PageQuerySchema } from '../schemas/common.ts';

const tags = ['admin'];
const STATUSES = ['pending', 'delivered', 'dead'] as const;

export const OutboxMessageSchema = z
  .object({
    id: z.number().int(),
    topic: z.string().openapi({ example: 'webhook' }),
    status: z.enum(STATUSES),
    instanceId: z.string().nullable(),
    payload: z.record(z.string(), z.unknown()),
    attempts: z.number().int(),
    createdAt: z.string(),
    availableAt: z.string(),
    deliveredAt: z.string().nullable(),
    lastError: z.string().nullable(),
  })
  .openapi('OutboxMessage');

const OutboxQuerySchema = PageQuerySchema.extend({
  status: z.enum(STATUSES).optional(),
  topic: z.string().min(1).max(100).optional(),
});

const OutboxIdParamSchema = z.object({
  id: z.coerce
    .number()
    .int()
    .min(1)
    .max(Number.MAX_SAFE_INTEGER)
    .openapi({ param: { name: 'id', in: 'path' }, example: 42 }),
});

const listRoute = createRoute({
  method: 'get',
  path: '/admin/outbox',
  tags,
  summary: 'Outbox messages (pending, delivered, dead), newest first',
  ...allowRoles('admin'),
  request: { query: OutboxQuerySchema },
  responses: {
    200: json(z.object({ items: z.array(OutboxMessageSchema), total: z.number().int() }), 'Messages'),
    401: ERRORS[401],
    403: ERRORS[403],
    422: ERRORS[422],
  },
});

const retryRoute = createRoute({
  method: 'post',
  path: '/admin/outbox/{id}/retry',
  tags,
  summary: 'Send a dead message again (attempts start over)',
  ...allowRoles('admin'),
  request: { params: OutboxIdParamSchema },
  responses: {
    200: json(OutboxMessageSchema, 'Queued again'),
    401: ERRORS[401],
    403: ERRORS[403],
    404: ERRORS[404],
    409: ERRORS[409],
    422: ERRORS[422],
  },
});

/** The outbox admin routes, to mount under `/api`. */
export function adminOutboxRoutes(db: Db, clock: () => Date = () => new Date()) {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
    .openapi(listRoute, async (c) => c.json(await listOutbox(db, c.req.valid('query')), 200))
    .openapi(retryRoute, async (c) => c.json(await retryOutbox(db, c.req.valid('param').id, clock()), 200));
}
