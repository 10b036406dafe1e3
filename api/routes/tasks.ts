/**
 * `/api/tasks`: the inbox, a task with its projected form, complete, claim and cc. The service checks
 * that the actor is among the task's people; reading needs its store, a group role, a part in it or
 * a CC of its instance.
 */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { AppError } from '../../engine/errors.ts';
import { canReadTask } from '../access.ts';
import type { AppEnv } from '../context.ts';
import { validationHook } from '../errors.ts';
import { requestLocale } from '../locale.ts';
import { allowAnyUser, currentActor } from '../rbac.ts';
import { redactInstance } from '../redact.ts';
import { ACTION_ERRORS, ERRORS, IdParamSchema, json, jsonBody } from '../schemas/common.ts';
import {
  CcTaskResultSchema,
  CcTaskSchema,
  CompleteTaskSchema,
  InstanceViewSchema,
  TaskDetailSchema,
  TaskPageSchema,
  TaskQuerySchema,
  TaskViewSchema,
} from '../schemas/instances.ts';
import type { ApiService } from '../service-port.ts';

const tags = ['tasks'];
const anyone = allowAnyUser();

const listRoute = createRoute({
  method: 'get',
  path: '/tasks',
  tags,
  summary: 'The inbox: mine (assigned to me), candidate (I may claim), all (what I may see)',
  ...anyone,
  request: { query: TaskQuerySchema },
  responses: { 200: json(TaskPageSchema, 'Tasks'), 401: ERRORS[401], 422: ERRORS[422] },
});

const getRoute = createRoute({
  method: 'get',
  path: '/tasks/{id}',
  tags,
  summary: 'A task with its form projected for this step',
  ...anyone,
  request: { params: IdParamSchema },
  responses: { 200: json(TaskDetailSchema, 'Task'), 401: ERRORS[401], 403: ERRORS[403], 404: ERRORS[404] },
});

const CompletedSchema = z
  .object({ task: TaskViewSchema, instance: InstanceViewSchema })
  .openapi('TaskCompleted');

const completeRoute = createRoute({
  method: 'post',
  path: '/tasks/{id}/complete',
  tags,
  summary: 'Complete a task with an outcome and form data (accepts Idempotency-Key)',
  ...anyone,
  request: { params: IdParamSchema, body: jsonBody(CompleteTaskSchema) },
  responses: { 200: json(CompletedSchema, 'The completed task and the instance after it'), ...ACTION_ERRORS },
});

const claimRoute = createRoute({
  method: 'post',
  path: '/tasks/{id}/claim',
  tags,
  summary: 'Claim a group task (accepts Idempotency-Key)',
  ...anyone,
  request: { params: IdParamSchema },
  responses: { 200: json(TaskViewSchema, 'The claimed task'), ...ACTION_ERRORS },
});

const ccRoute = createRoute({
  method: 'post',
  path: '/tasks/{id}/cc',
  tags,
  summary:
    'CC (抄送) people on the task’s instance: its assignee, or a candidate of the open task (accepts Idempotency-Key)',
  ...anyone,
  request: { params: IdParamSchema, body: jsonBody(CcTaskSchema) },
  responses: { 200: json(CcTaskResultSchema, 'The people CC’d'), ...ACTION_ERRORS },
});

/** The task routes, to mount under `/api`. */
export function taskRoutes(service: ApiService) {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
    .openapi(listRoute, async (c) =>
      c.json(await service.listTasks(currentActor(c), c.req.valid('query'), requestLocale(c)), 200),
    )
    .openapi(getRoute, async (c) => {
      const actor = currentActor(c);
      const task = await service.getTask(c.req.valid('param').id, actor, requestLocale(c));
      if (!canReadTask(actor, task) && !(await service.isCcRecipient(task.instanceId, actor.id))) {
        throw new AppError('forbidden', 'Not allowed to see this task');
      }
      return c.json(task, 200);
    })
    .openapi(completeRoute, async (c) => {
      const { id } = c.req.valid('param');
      const actor = currentActor(c);
      const body = c.req.valid('json');
      // Validation messages in the caller's language: the body's `locale`, else its Accept-Language.
      const input = { ...body, locale: body.locale ?? requestLocale(c) };
      const { task, instance } = await service.completeTask(id, input, actor);
      return c.json({ task, instance: await redactInstance(service, instance, actor) }, 200);
    })
    .openapi(claimRoute, async (c) => {
      const actor = currentActor(c);
      const { id } = c.req.valid('param');
      return c.json(await service.claimTask(id, actor), 200);
    })
    .openapi(ccRoute, async (c) => {
      const actor = currentActor(c);
      const { users } = await service.ccTask(c.req.valid('param').id, c.req.valid('json'), actor);
      return c.json({ users }, 200);
    });
}
