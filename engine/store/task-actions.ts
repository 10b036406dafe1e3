/**
 * Task actions on the database (workflows/README.md): transfer, delegate, return, add approvers and withdraw
 * step the engine (so snapshot, tasks and history agree); remind and comment are service-level entries.
 * Each is one transaction on the locked instance, and each that concerns people writes an outbox row
 * `topic: 'notify'` (`payload.kind` `task.transferred`, ...) in it for the message worker.
 */
import { AppError, conflict, forbidden, invalid, notFound } from '../errors.ts';
import type { Actor, Directory, EngineInput, JsonObject, StepResult, TaskRecord } from '../types.ts';
import { isAdmin, isUuid, nowIso, type StoreContext } from './context.ts';
import type { Tx } from './db.ts';
import { lockInstance, lockInstanceOfTask, stepLockedInstance } from './instances.ts';
import { type InstanceRow, outbox } from './schema.ts';
import { applyStep } from './step-writer.ts';
import { transact } from './transactions.ts';
import type { InstanceView } from './types.ts';
import { historyOfTask, viewAfterStep, writtenInstanceView } from './views.ts';

/** The task actions that are engine inputs. */
export type TaskActionInput = Extract<
  EngineInput,
  { kind: 'transfer' | 'delegate' | 'return' | 'addApprover' }
>;

/** `payload.kind` of the `notify` outbox rows task actions write. */
export type TaskNoticeKind =
  | 'task.reminded'
  | 'task.returned'
  | 'task.transferred'
  | 'task.delegated'
  | 'task.added'
  | 'task.mentioned';

/** At most one reminder per task in this window (429 otherwise). */
export const REMIND_INTERVAL_MS = 3_600_000;

/** The people who can act on a task, as user ids (role candidates resolved in its store). */
export function taskRecipients(task: TaskRecord, directory: Directory): string[] {
  if (task.assignee) return [task.assignee];
  const inRoles = task.candidateRoles.flatMap((role) =>
    directory
      .usersInRole(role, task.storeId)
      .filter((u) => u.storeId === null || u.storeId === task.storeId)
      .map((u) => u.id),
  );
  return [...new Set([...task.candidateUsers, ...inRoles])];
}

/** Writes one `notify` outbox row in `tx` (nothing when nobody is to hear of it). */
export async function writeNotice(
  ctx: StoreContext,
  tx: Tx,
  notice: {
    kind: TaskNoticeKind;
    users: string[];
    title: string;
    body?: string;
    task: TaskRecord;
    instanceId: string;
  },
): Promise<void> {
  const users = [...new Set(notice.users)].filter(isUuid);
  if (users.length === 0) return;
  const now = nowIso(ctx);
  const payload: JsonObject = {
    kind: notice.kind,
    recipients: { users },
    title: notice.title,
    taskId: notice.task.id,
    instanceId: notice.instanceId,
  };
  if (notice.body) payload.body = notice.body;
  await tx
    .insert(outbox)
    .values({ instanceId: notice.instanceId, topic: 'notify', payload, createdAt: now, availableAt: now });
}

const nameOf = (actor: Actor) => actor.displayName ?? actor.username;

/** The notice of an engine task action, from its input and result. */
function noticeOf(
  input: TaskActionInput,
  task: TaskRecord,
  result: StepResult,
  actor: Actor,
  directory: Directory,
): { kind: TaskNoticeKind; users: string[]; title: string; body?: string } {
  const body = input.comment?.trim() || undefined;
  const withBody = body ? { body } : {};
  switch (input.kind) {
    case 'transfer':
      return {
        kind: 'task.transferred',
        users: [input.to],
        title: `${nameOf(actor)} 将「${task.name}」转交给你`,
        ...withBody,
      };
    case 'delegate':
      return {
        kind: 'task.delegated',
        users: [input.to],
        title: `${nameOf(actor)} 委托你处理「${task.name}」`,
        ...withBody,
      };
    case 'addApprover':
      return {
        kind: 'task.added',
        users: input.users,
        title: `${nameOf(actor)} 邀请你审批「${task.name}」（加签）`,
        ...withBody,
      };
    case 'return': {
      const users = result.tasksOpened
        .filter((t) => t.status === 'open')
        .flatMap((t) => taskRecipients(t, directory));
      return { kind: 'task.returned', users, title: `${nameOf(actor)} 退回了「${task.name}」`, ...withBody };
    }
  }
}

/**
 * Runs a task action through the engine on the task's locked instance, writes the result and its
 * notice; 404 unknown task, 403 not the task's person, 409 closed task or inactive instance, 422 bad input.
 */
export async function actOnTask(
  ctx: StoreContext,
  input: TaskActionInput,
  actor: Actor,
): Promise<InstanceView> {
  if (!isUuid(input.taskId)) throw notFound('Task', input.taskId);
  return transact(ctx, async (tx) => {
    const [row, earlier] = await Promise.all([
      lockInstanceOfTask(tx, input.taskId),
      historyOfTask(tx, input.taskId),
    ]);
    const task = row.engineState.tasks[input.taskId];
    if (!task) throw notFound('Task', input.taskId);
    if (row.status !== 'active') throw conflict(`Instance ${row.id} is ${row.status}`);
    const stepped = await stepLockedInstance(ctx, tx, row, input, actor);
    const notice = noticeOf(input, task, stepped.result, actor, await ctx.directory.get(tx));
    await writeNotice(ctx, tx, { ...notice, task, instanceId: row.id });
    return viewAfterStep(tx, stepped.row, stepped.result, earlier, actor);
  });
}

/** 撤回: the starter withdraws the instance (engine `withdraw`: 403 not the starter, 409 someone acted). */
export async function withdrawInstance(
  ctx: StoreContext,
  instanceId: string,
  comment: string | undefined,
  actor: Actor,
): Promise<InstanceView> {
  return transact(ctx, async (tx) => {
    const row = await lockInstance(tx, instanceId);
    const input: EngineInput = comment?.trim() ? { kind: 'withdraw', comment } : { kind: 'withdraw' };
    const stepped = await stepLockedInstance(ctx, tx, row, input, actor);
    return writtenInstanceView(tx, stepped.row);
  });
}

/** A history entry (and task changes) that leave the machine where it is. */
function entryWrite(
  ctx: StoreContext,
  row: InstanceRow,
  actor: Actor,
  entry: { action: 'remind' | 'comment'; taskId: string; comment?: string; details: JsonObject },
  changed: TaskRecord[] = [],
) {
  const tasks = { ...row.engineState.tasks };
  for (const t of changed) tasks[t.id] = t;
  return {
    state: { ...row.engineState, tasks },
    status: row.status,
    value: row.stateValue,
    context: row.context,
    tasksOpened: changed,
    tasksClosed: [],
    timersSet: [],
    timersCleared: [],
    effects: [],
    history: {
      at: nowIso(ctx),
      actor: { id: actor.id, username: actor.username },
      action: entry.action,
      from: row.stateValue,
      to: row.stateValue,
      taskId: entry.taskId,
      ...(entry.comment ? { comment: entry.comment } : {}),
      diff: [],
      details: entry.details,
    },
  };
}

/**
 * 催办: reminds the people of an open task (its starter or an admin may; at most once an hour per task,
 * 429 otherwise). Recorded in the history and as a `task.reminded` notice.
 */
export async function remindTask(
  ctx: StoreContext,
  taskId: string,
  comment: string | undefined,
  actor: Actor,
): Promise<InstanceView> {
  if (!isUuid(taskId)) throw notFound('Task', taskId);
  return transact(ctx, async (tx) => {
    const row = await lockInstanceOfTask(tx, taskId);
    const task = row.engineState.tasks[taskId];
    if (!task) throw notFound('Task', taskId);
    if (row.startedBy !== actor.id && !isAdmin(actor))
      throw forbidden(`${actor.username} may not remind on ${taskId}`);
    if (task.status !== 'open' || row.status !== 'active')
      throw conflict(`Task ${taskId} is already ${task.status}`);
    const now = ctx.clock().getTime();
    if (task.remindedAt && now - Date.parse(task.remindedAt) < REMIND_INTERVAL_MS) {
      const next = new Date(Date.parse(task.remindedAt) + REMIND_INTERVAL_MS).toISOString();
      throw new AppError('too_many_requests', `Already reminded within the hour; again from ${next}`, [
        { path: '/', message: `again from ${next}`, retryAt: next },
      ]);
    }
    const users = taskRecipients(task, await ctx.directory.get(tx));
    const text = comment?.trim() || undefined;
    const reminded: TaskRecord = { ...task, remindedAt: nowIso(ctx) };
    const write = entryWrite(
      ctx,
      row,
      actor,
      { action: 'remind', taskId, ...(text ? { comment: text } : {}), details: { users } },
      [reminded],
    );
    const written = await applyStep(ctx, tx, row, write, actor, { mayHaveTimers: false });
    await writeNotice(ctx, tx, {
      kind: 'task.reminded',
      users,
      title: `${nameOf(actor)} 催你处理「${task.name}」`,
      ...(text ? { body: text } : {}),
      task,
      instanceId: row.id,
    });
    return writtenInstanceView(tx, written);
  });
}

/**
 * 评论: a comment on a task's instance with @-mentions (user ids, checked; each mentioned person gets a
 * `task.mentioned` notice). The caller checks that the actor may read the task.
 */
export async function commentOnTask(
  ctx: StoreContext,
  taskId: string,
  input: { comment: string; mentions?: string[] },
  actor: Actor,
): Promise<InstanceView> {
  if (!isUuid(taskId)) throw notFound('Task', taskId);
  const comment = input.comment.trim();
  if (!comment) throw invalid('A comment is required', [{ path: '/comment', message: 'required' }]);
  const mentions = [...new Set(input.mentions ?? [])];
  return transact(ctx, async (tx) => {
    const row = await lockInstanceOfTask(tx, taskId);
    const task = row.engineState.tasks[taskId];
    if (!task) throw notFound('Task', taskId);
    const directory = await ctx.directory.get(tx);
    const unknown = (input.mentions ?? []).flatMap((id, i) =>
      isUuid(id) && directory.userById?.(id) ? [] : [{ path: `/mentions/${i}`, message: 'unknown user' }],
    );
    if (unknown.length > 0) throw invalid('Unknown users', unknown);
    const write = entryWrite(ctx, row, actor, { action: 'comment', taskId, comment, details: { mentions } });
    const written = await applyStep(ctx, tx, row, write, actor, { mayHaveTimers: false });
    await writeNotice(ctx, tx, {
      kind: 'task.mentioned',
      users: mentions,
      title: `${nameOf(actor)} 在「${task.name}」中提到了你`,
      body: comment,
      task,
      instanceId: row.id,
    });
    return writtenInstanceView(tx, written);
  });
}

/** One item of a batch completion and what became of it. */
export interface BatchItem {
  taskId: string;
  outcome: string;
  comment?: string;
}
export type BatchResult =
  | { taskId: string; ok: true; instanceId: string; status: 'completed' }
  | {
      taskId: string;
      ok: false;
      error: { code: string; message: string; details?: { path: string; message: string }[] };
    };
