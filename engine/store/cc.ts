/**
 * 抄送 CC: read-only copies of an instance for people who need to know. Rows come from CC nodes (a
 * `notify` effect with topic `workflow.cc` carrying `payload.recipients`, an assignee spec: roles
 * within the instance's store, usernames, a CEL expression yielding usernames) inside the step's
 * transaction, and from a task's people (`ccTask`), audited in the instance's history.
 */
import { forbidden, invalid, notFound } from '../errors.ts';
import { evaluateExpression } from '../expression.ts';
import type { Actor, Json, JsonObject } from '../types.ts';
import { type EffectContext, nowIso, type StoreContext, type StoreLogger } from './context.ts';
import { isCandidate, lockInstanceOfTask } from './instances.ts';
import type { CcPort, CcRecipients, Person } from './ports.ts';
import { applyStep } from './step-writer.ts';
import { transact } from './transactions.ts';
import type { CcInput, InstanceView } from './types.ts';
import { writtenInstanceView } from './views.ts';

/** The `notify` topic of a CC node (designer/flow/tree-emit.ts emits it). */
export const CC_TOPIC = 'workflow.cc';
/** At most this many people in one `POST /api/tasks/:id/cc`. */
export const MAX_CC_USERS = 50;

interface RecipientSpec {
  roles: string[];
  users: string[];
  expr?: string;
}

const isObject = (value: Json | undefined): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const strings = (value: Json | undefined): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];

/** The recipients of a CC effect's args: `payload.recipients` (as emitted), else `recipients`. */
function recipientSpec(args: JsonObject): RecipientSpec | undefined {
  const payload = isObject(args.payload) ? args.payload : {};
  const spec = isObject(payload.recipients)
    ? payload.recipients
    : isObject(args.recipients)
      ? args.recipients
      : null;
  if (!spec) return undefined;
  return {
    roles: strings(spec.roles),
    users: strings(spec.users),
    ...(typeof spec.expr === 'string' && spec.expr.trim() ? { expr: spec.expr } : {}),
  };
}

/**
 * Who a spec names, like task assignment (engine/tasks.ts): usernames (listed or from the expression),
 * and holders of the roles in `storeId` (the directory port leaves out inactive and unknown people). An
 * expression that fails is logged and skipped (a CC never stops a flow).
 */
function recipientsOfSpec(
  spec: RecipientSpec,
  where: { context: JsonObject; storeId: string | null; actor: Actor; now: Date },
  logger: StoreLogger,
): CcRecipients {
  const names = [...spec.users];
  if (spec.expr) {
    try {
      const vars = { ...where.context, event: {}, actor: where.actor, now: where.now.toISOString() };
      const result = evaluateExpression(spec.expr, vars);
      for (const name of Array.isArray(result) ? result : [result])
        if (typeof name === 'string') names.push(name);
    } catch (error) {
      logger.warn({ err: error, expr: spec.expr }, 'CC recipients expression failed; skipped');
    }
  }
  return { usernames: names, roles: spec.roles, storeId: where.storeId };
}

/**
 * The `notify` effect's CC part: for topic `workflow.cc`, one row per recipient, in the step's
 * transaction. Other topics do nothing here.
 */
export async function ccFromEffect(
  args: JsonObject,
  ctx: EffectContext,
  clock: () => Date,
  logger: StoreLogger,
  port: CcPort,
): Promise<void> {
  if (args.topic !== CC_TOPIC) return;
  const spec = recipientSpec(args);
  if (!spec) return;
  const now = clock();
  const recipients = recipientsOfSpec(
    spec,
    { context: ctx.instance.context, storeId: ctx.instance.storeId, actor: ctx.actor, now },
    logger,
  );
  const payload = isObject(args.payload) ? args.payload : {};
  await port.recordFromNode(ctx.tx, recipients, {
    instanceId: ctx.instance.id,
    taskId: null,
    state: ctx.state ?? null,
    actor: ctx.actor,
    comment: typeof payload.comment === 'string' ? payload.comment : null,
    at: now.toISOString(),
  });
}

/**
 * CCs people on a task's instance: the task's assignee (or whoever completed it), or a candidate of
 * the open task. One transaction: the rows, and a `cc` history entry naming the people.
 */
export async function ccTask(
  ctx: StoreContext,
  taskId: string,
  input: CcInput,
  actor: Actor,
): Promise<{ users: Person[]; instance: InstanceView }> {
  if (input.users.length === 0)
    throw invalid('Nobody to CC', [{ path: '/users', message: 'at least one user' }]);
  if (input.users.length > MAX_CC_USERS) {
    throw invalid('Too many people', [{ path: '/users', message: `at most ${MAX_CC_USERS}` }]);
  }
  return transact(ctx, async (tx) => {
    const row = await lockInstanceOfTask(tx, taskId);
    const task = row.engineState.tasks[taskId];
    if (!task) throw notFound('Task', taskId);
    const mine = task.assignee === actor.id || task.completedBy === actor.id;
    if (!mine && !(task.status === 'open' && isCandidate(task, actor))) {
      throw forbidden(`${actor.username} may not CC from task ${taskId}`);
    }
    const at = nowIso(ctx);
    const comment = input.comment?.trim() ? input.comment.trim() : undefined;
    const people = await ctx.ports.cc.recordForPeople(tx, input.users, {
      instanceId: row.id,
      taskId,
      state: task.state,
      actor,
      comment: comment ?? null,
      at,
    });
    const write = {
      state: row.engineState,
      status: row.status,
      value: row.stateValue,
      context: row.context,
      tasksOpened: [],
      tasksClosed: [],
      timersSet: [],
      timersCleared: [],
      effects: [],
      history: {
        at,
        actor: { id: actor.id, username: actor.username },
        action: 'cc' as const,
        from: row.stateValue,
        to: row.stateValue,
        taskId,
        ...(comment ? { comment } : {}),
        diff: [{ path: 'cc', to: people.map((p) => p.displayName) }],
      },
    };
    const written = await applyStep(ctx, tx, row, write, actor, { mayHaveTimers: false });
    return { users: people, instance: await writtenInstanceView(tx, written) };
  });
}
