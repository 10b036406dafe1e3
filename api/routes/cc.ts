/**
 * `/api/cc`: what was CC'd (抄送) to me, with the unread count, and marking one read. CCs are
 * written by CC nodes of flows and by `POST /api/tasks/:id/cc` (api/routes/tasks.ts).
 */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../context.ts';
import { validationHook } from '../errors.ts';
import { allowAnyUser, currentActor } from '../rbac.ts';
import { ERRORS, IdParamSchema, json } from '../schemas/common.ts';
import { CcPageSchema, CcQuerySchema } from '../schemas/instances.ts';
import type { ApiService } from '../service-port.ts';

const tags = ['cc'];

const listRoute = createRoute({
  method: 'get',
  path: '/cc',
  tags,
  summary: 'What was CC’d to me (抄送我的), newest first, with the unread count',
  ...allowAnyUser(),
  request: { query: CcQuerySchema },
  responses: { 200: json(CcPageSchema, 'CCs'), 401: ERRORS[401], 422: ERRORS[422] },
});

const CcReadSchema = z.object({ id: z.string(), readAt: z.string() }).openapi('CcRead');

const readRoute = createRoute({
  method: 'post',
  path: '/cc/{id}/read',
  tags,
  summary: 'Mark one of my CCs read (the first time counts)',
  ...allowAnyUser(),
  request: { params: IdParamSchema },
  responses: { 200: json(CcReadSchema, 'Read'), 401: ERRORS[401], 404: ERRORS[404] },
});

/** The CC routes, to mount under `/api`. */
export function ccRoutes(service: ApiService) {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
    .openapi(listRoute, async (c) => c.json(await service.listCc(currentActor(c), c.req.valid('query')), 200))
    .openapi(readRoute, async (c) =>
      c.json(await service.markCcRead(c.req.valid('param').id, currentActor(c)), 200),
    );
}
