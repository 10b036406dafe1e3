/**
 * Task actions beyond complete / claim / cc (workflows/README.md "Task actions"): `POST /api/tasks/:id/transfer`, `delegate`,
 * `return`, `add-approver`, `remind`, `comment`, and `POST /api/tasks/batch-complete`. The service checks
 * who may act (the task's people; the starter or an admin for remind); comments need read access.
 */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { AppError } from '../../engine/errors.ts';
import type { TaskActionInput } from '../../engine/store/task-actions.ts';
import type { InstanceView } from '../../engine/store/types.ts';
import type { Actor } from '../../engine/types.ts';
import { canReadTask } from '../access.ts';
import type { AppEnv } from '../context.ts';
import { validationHook } from '../errors.ts';
import { allowAnyUser, currentActor } from '../rbac.ts';
import { redactInstance } from '../redact.ts';
import { ACTION_ERRORS, ERRORS, IdParamSchema, json, jsonBody } from '../schemas/common.ts';
import {
  AddApproverSchema,
  BatchCompleteSchema,
  BatchResultSchema,
  CommentTaskSchema,
  HandOverSchema,
  InstanceViewSchema,
  RemindSchema,
  ReturnTaskSchema,
  TaskViewSchema,
} from '../schemas/instances.ts';
import type { ApiService } from '../service-port.ts';

const tags = ['tasks'];
const anyone = allowAnyUser();

const ActedSchema = z
  .object({ task: z.union([TaskViewSchema, z.null()]), instance: InstanceViewSchema })
  .openapi('TaskActed');

function actionRoute<S extends z.ZodType>(path: string, summary: string, body: S, extra = {}) {
  return createRoute({
    method: 'post',
    path: `/tasks/{id}/${path}`,
    tags,
    summary: `${summary} (accepts Idempotency-Key)`,
    ...anyone,
    request: { params: IdParamSchema, body: jsonBody(body) },
    responses: {
      200: json(ActedSchema, 'The task and the instance after the action'),
      ...ACTION_ERRORS,
      ...extra,
    },
  });
}

const transferRoute = actionRoute('transfer', '转交: the task goes to another user for good', HandOverSchema);
const delegateRoute = actionRoute(
  'delegate',
  '委托: another user works on it, then it comes back to the delegator to confirm',
  HandOverSchema,
);
const returnRoute = actionRoute(
  'return',
  '退回: back to the previous step, the submitter, or an earlier step the step allows',
  ReturnTaskSchema,
);
const addApproverRoute = actionRoute(
  'add-approver',
  '加签: people approve before, after or alongside the current approver',
  AddApproverSchema,
);
const remindRoute = actionRoute(
  'remind',
  '催办: remind the task’s approvers (the starter or an admin; once an hour, 429 otherwise)',
  RemindSchema,
  { 429: ERRORS[429] },
);
const commentRoute = actionRoute(
  'comment',
  '评论: a comment with @-mentions, by anyone who may see the task',
  CommentTaskSchema,
);

const batchRoute = createRoute({
  method: 'post',
  path: '/tasks/batch-complete',
  tags,
  summary: '批量审批: complete several tasks; each is checked and reports its own result',
  ...anyone,
  request: { body: jsonBody(BatchCompleteSchema) },
  responses: {
    200: json(BatchResultSchema, 'One result per item, in order'),
    401: ERRORS[401],
    422: ERRORS[422],
  },
});

async function acted(service: ApiService, taskId: string, instance: InstanceView, actor: Actor) {
  const task = instance.tasks.find((t) => t.id === taskId) ?? null;
  return { task, instance: await redactInstance(service, instance, actor) };
}

/** The task action routes, to mount under `/api`. */
export function taskActionRoutes(service: ApiService) {
  const act = async (input: TaskActionInput, actor: Actor) =>
    acted(service, input.taskId, await service.actOnTask(input, actor), actor);
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
    .openapi(batchRoute, async (c) => {
      const results = await service.batchComplete(c.req.valid('json').items, currentActor(c));
      return c.json({ items: results }, 200);
    })
    .openapi(transferRoute, async (c) => {
      const { to, comment } = c.req.valid('json');
      const input: TaskActionInput = { kind: 'transfer', taskId: c.req.valid('param').id, to };
      if (comment !== undefined) input.comment = comment;
      return c.json(await act(input, currentActor(c)), 200);
    })
    .openapi(delegateRoute, async (c) => {
      const { to, comment } = c.req.valid('json');
      const input: TaskActionInput = { kind: 'delegate', taskId: c.req.valid('param').id, to };
      if (comment !== undefined) input.comment = comment;
      return c.json(await act(input, currentActor(c)), 200);
    })
    .openapi(returnRoute, async (c) => {
      const { to, comment } = c.req.valid('json');
      const input: TaskActionInput = { kind: 'return', taskId: c.req.valid('param').id, comment };
      if (to !== undefined) input.to = to;
      return c.json(await act(input, currentActor(c)), 200);
    })
    .openapi(addApproverRoute, async (c) => {
      const { users, position, comment } = c.req.valid('json');
      const input: TaskActionInput = {
        kind: 'addApprover',
        taskId: c.req.valid('param').id,
        users,
        position,
      };
      if (comment !== undefined) input.comment = comment;
      return c.json(await act(input, currentActor(c)), 200);
    })
    .openapi(remindRoute, async (c) => {
      const actor = currentActor(c);
      const { id } = c.req.valid('param');
      const instance = await service.remindTask(id, c.req.valid('json').comment, actor);
      return c.json(await acted(service, id, instance, actor), 200);
    })
    .openapi(commentRoute, async (c) => {
      const actor = currentActor(c);
      const { id } = c.req.valid('param');
      const task = await service.getTask(id, actor);
      if (!canReadTask(actor, task) && !(await service.isCcRecipient(task.instanceId, actor.id))) {
        throw new AppError('forbidden', 'Not allowed to see this task');
      }
      const instance = await service.commentOnTask(id, c.req.valid('json'), actor);
      return c.json(await acted(service, id, instance, actor), 200);
    });
}
