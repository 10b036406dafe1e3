/**
 * `POST /api/instances/:id/withdraw` (撤回): the starter takes a request back while nobody else has acted
 * on it since they submitted it (409 after, 403 for anyone else). Kept apart from instances.ts.
 */
import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../context.ts';
import { validationHook } from '../errors.ts';
import { allowAnyUser, currentActor } from '../rbac.ts';
import { redactInstance } from '../redact.ts';
import { ERRORS, IdParamSchema, json } from '../schemas/common.ts';
import { InstanceViewSchema, RemindSchema } from '../schemas/instances.ts';
import type { ApiService } from '../service-port.ts';

const withdrawRoute = createRoute({
  method: 'post',
  path: '/instances/{id}/withdraw',
  tags: ['instances'],
  summary: '撤回 by the starter until the next person has acted (accepts Idempotency-Key)',
  ...allowAnyUser(),
  request: {
    params: IdParamSchema,
    body: { required: false, content: { 'application/json': { schema: RemindSchema } } },
  },
  responses: {
    200: json(InstanceViewSchema, 'The instance after the withdrawal'),
    401: ERRORS[401],
    403: ERRORS[403],
    404: ERRORS[404],
    409: ERRORS[409],
    422: ERRORS[422],
  },
});

/** The withdraw route, to mount under `/api`. */
export function instanceWithdrawRoutes(service: ApiService) {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook }).openapi(withdrawRoute, async (c) => {
    const actor = currentActor(c);
    const body = c.req.valid('json') ?? {};
    const instance = await service.withdrawInstance(c.req.valid('param').id, body.comment, actor);
    return c.json(await redactInstance(service, instance, actor), 200);
  });
}
