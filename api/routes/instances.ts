/**
 * `/api/instances`: list (我发起的), start, read, send events, cancel. Reading needs the instance's
 * store, a group role, a task on it (api/access.ts) or a CC of it; the service enforces the
 * workflow's own rules. Lists: non-admins see only the instances they started.
 */
import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { AppError } from '../../engine/errors.ts';
import type { InstanceView } from '../../engine/store/types.ts';
import type { Actor } from '../../engine/types.ts';
import { canReadInstance } from '../access.ts';
import type { AppEnv } from '../context.ts';
import { validationHook } from '../errors.ts';
import { requestLocale } from '../locale.ts';
import { allowAnyUser, canAccessStore, currentActor, isGroupActor } from '../rbac.ts';
import { hiddenFieldsFor, isHiddenPointer, redactInstance } from '../redact.ts';
import { ACTION_ERRORS, ERRORS, IdParamSchema, json, jsonBody } from '../schemas/common.ts';
import {
  CancelInstanceSchema,
  InstanceDetailSchema,
  InstancePageSchema,
  InstanceQuerySchema,
  InstanceViewSchema,
  SendEventSchema,
  StartInstanceSchema,
} from '../schemas/instances.ts';
import type { ApiService } from '../service-port.ts';

const tags = ['instances'];
const anyone = allowAnyUser();

const listRoute = createRoute({
  method: 'get',
  path: '/instances',
  tags,
  summary: 'Instances as summaries, newest first (startedBy=me: 我发起的; others’ for admins only)',
  ...anyone,
  request: { query: InstanceQuerySchema },
  responses: {
    200: json(InstancePageSchema, 'Instances'),
    401: ERRORS[401],
    403: ERRORS[403],
    422: ERRORS[422],
  },
});

const startRoute = createRoute({
  method: 'post',
  path: '/instances',
  tags,
  summary: 'Start an instance of the latest published version (accepts Idempotency-Key)',
  description:
    'Refused (403) unless the flow’s `starters` admit the caller; flows only their application starts ' +
    '(`starters.applicationOnly`) are refused to everyone, admins included. Archived flows: 409. The ' +
    'instance belongs to the caller’s store; only group users may name another `storeId`. With a ' +
    '`startForm`, `input` must fit its published version (422, JSON-pointer paths inside `input`).',
  ...anyone,
  request: { body: jsonBody(StartInstanceSchema) },
  responses: { 201: json(InstanceViewSchema, 'Started'), ...ACTION_ERRORS },
});

const getRoute = createRoute({
  method: 'get',
  path: '/instances/{id}',
  tags,
  summary:
    'State, status, context, tasks and history of an instance, with names, next steps, timeline and attachments',
  ...anyone,
  request: { params: IdParamSchema },
  responses: {
    200: json(InstanceDetailSchema, 'Instance'),
    401: ERRORS[401],
    403: ERRORS[403],
    404: ERRORS[404],
  },
});

const eventRoute = createRoute({
  method: 'post',
  path: '/instances/{id}/events',
  tags,
  summary: 'Send an event to an instance (accepts Idempotency-Key)',
  description:
    'Only events the flow declares in `events`, from the people its rule names (`starter`: who started ' +
    'the instance), by people who may see the instance’s store. Undeclared, application-only or ' +
    'unauthorised: 403; `data` not fitting the declared schema: 422 (JSON-pointer paths inside `data`); ' +
    'not accepted in the current state: 409.',
  ...anyone,
  request: { params: IdParamSchema, body: jsonBody(SendEventSchema) },
  responses: { 200: json(InstanceViewSchema, 'Instance after the event'), ...ACTION_ERRORS },
});

const cancelRoute = createRoute({
  method: 'post',
  path: '/instances/{id}/cancel',
  tags,
  summary: 'Cancel a running instance (admin or its starter; accepts Idempotency-Key)',
  ...anyone,
  request: {
    params: IdParamSchema,
    body: { required: false, content: { 'application/json': { schema: CancelInstanceSchema } } },
  },
  responses: { 200: json(InstanceViewSchema, 'Cancelled'), ...ACTION_ERRORS },
});

/** Loads the instance and checks the actor may see it (people CC'd on it may). */
async function readable(service: ApiService, id: string, actor: Actor): Promise<InstanceView> {
  const instance = await service.getInstance(id);
  if (!canReadInstance(actor, instance) && !(await service.isCcRecipient(id, actor.id))) {
    throw new AppError('forbidden', 'Not allowed to see this instance');
  }
  return instance;
}

/** The instance routes, to mount under `/api`. */
export function instanceRoutes(service: ApiService) {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
    .openapi(listRoute, async (c) =>
      c.json(await service.listInstances(currentActor(c), c.req.valid('query'), requestLocale(c)), 200),
    )
    .openapi(startRoute, async (c) => {
      const { locale, ...body } = c.req.valid('json');
      const actor = currentActor(c);
      // The instance belongs to the starter's store; only group users start work for another store.
      const storeId = body.storeId !== undefined ? body.storeId : actor.storeId;
      if (
        isGroupActor(actor) ? storeId !== null && !canAccessStore(actor, storeId) : storeId !== actor.storeId
      ) {
        throw new AppError('forbidden', `Not allowed to start work in store ${storeId}`);
      }
      const started = await service.startInstanceByHand(
        { ...body, storeId },
        actor,
        locale ?? requestLocale(c),
      );
      return c.json(await redactInstance(service, started, actor), 201);
    })
    .openapi(getRoute, async (c) => {
      const actor = currentActor(c);
      const instance = await readable(service, c.req.valid('param').id, actor);
      const view = await redactInstance(service, instance, actor);
      const hidden = await hiddenFieldsFor(service, instance, actor);
      const locale = requestLocale(c);
      const details = await service.instanceDetails(view, locale);
      const attachments = details.attachments.filter((a) => !isHiddenPointer(a.path, hidden));
      return c.json({ ...(await service.localizeInstance(view, locale)), ...details, attachments }, 200);
    })
    .openapi(eventRoute, async (c) => {
      const actor = currentActor(c);
      const { id } = c.req.valid('param');
      const instance = await readable(service, id, actor);
      // Events are sent by people of the instance's store (or group users), never by a task's outsiders.
      if (!canAccessStore(actor, instance.storeId)) {
        throw new AppError('forbidden', 'Not allowed to send events to another store’s instance');
      }
      const sent = await service.sendEventByHand(id, c.req.valid('json'), actor);
      return c.json(await redactInstance(service, sent, actor), 200);
    })
    .openapi(cancelRoute, async (c) => {
      const actor = currentActor(c);
      const { id } = c.req.valid('param');
      await readable(service, id, actor);
      const cancelled = await service.cancelInstance(id, c.req.valid('json').reason ?? '', actor);
      return c.json(await redactInstance(service, cancelled, actor), 200);
    });
}
