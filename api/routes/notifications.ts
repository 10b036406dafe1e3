/**
 * The message centre (消息中心): `GET /api/notifications` (the caller's own entries, newest first,
 * `{ items, total, unread }`), `POST /api/notifications/:id/read`, `POST /api/notifications/read-all`.
 * New entries are announced live on `GET /api/events` as `event: notification`.
 */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { Db } from '../../engine/store/db.ts';
import type { AppEnv } from '../context.ts';
import { validationHook } from '../errors.ts';
import { allowAnyUser, currentActor } from '../rbac.ts';
import { ERRORS, IdParamSchema, json, PageQuerySchema } from '../schemas/common.ts';
import { listNotifications, markAllNotificationsRead, markNotificationRead } from '../store/notifications.ts';

const tags = ['notifications'];

export const NotificationSchema = z
  .object({
    id: z.string(),
    kind: z.string().openapi({ example: 'task.arrived' }),
    title: z.string(),
    body: z.string().nullable(),
    taskId: z.string().nullable(),
    instanceId: z.string().nullable(),
    link: z.string().nullable().openapi({ example: '/tasks/0b5e3c6e-0000-4000-8000-000000000000' }),
    createdAt: z.string(),
    readAt: z.string().nullable(),
  })
  .openapi('Notification');

export const NotificationPageSchema = z
  .object({ items: z.array(NotificationSchema), total: z.number().int(), unread: z.number().int() })
  .openapi('NotificationPage');

const NotificationQuerySchema = PageQuerySchema.extend({
  unread: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => v === 'true')
    .openapi({ description: 'Only unread entries' }),
});

const listRoute = createRoute({
  method: 'get',
  path: '/notifications',
  tags,
  summary: 'My message centre, newest first, with the unread count',
  ...allowAnyUser(),
  request: { query: NotificationQuerySchema },
  responses: { 200: json(NotificationPageSchema, 'Notifications'), 401: ERRORS[401], 422: ERRORS[422] },
});

const readRoute = createRoute({
  method: 'post',
  path: '/notifications/{id}/read',
  tags,
  summary: 'Mark one of my notifications read',
  ...allowAnyUser(),
  request: { params: IdParamSchema },
  responses: { 200: json(z.object({ id: z.string() }), 'Read'), 401: ERRORS[401], 404: ERRORS[404] },
});

const readAllRoute = createRoute({
  method: 'post',
  path: '/notifications/read-all',
  tags,
  summary: 'Mark all my notifications read',
  ...allowAnyUser(),
  responses: { 200: json(z.object({ updated: z.number().int() }), 'Read'), 401: ERRORS[401] },
});

/** The message-centre routes, to mount under `/api`. */
export function notificationRoutes(db: Db, clock: () => Date = () => new Date()) {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
    .openapi(listRoute, async (c) =>
      c.json(await listNotifications(db, currentActor(c).id, c.req.valid('query')), 200),
    )
    .openapi(readAllRoute, async (c) =>
      c.json({ updated: await markAllNotificationsRead(db, currentActor(c).id, clock().toISOString()) }, 200),
    )
    .openapi(readRoute, async (c) => {
      const { id } = c.req.valid('param');
      await markNotificationRead(db, currentActor(c).id, id, clock().toISOString());
      return c.json({ id }, 200);
    });
}
