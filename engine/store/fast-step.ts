/**
 * The fast path of a task completion on PostgreSQL: one read and ONE write statement — only the write
 * when this process wrote the instance last (recent-instances.ts) — no BEGIN / COMMIT, no row lock, no
 * drizzle query building: prepared statements with fixed text.
 *
 * The read (task → instance with its history, by primary keys) runs outside any transaction; the pure
 * engine steps the row it read (or remembered); the write is a single statement whose CTEs update the instance only
 * `WHERE revision = <the revision read>` and insert the task, history and outbox rows only when that
 * update happened — atomic as one statement. A concurrent change (the guard matched no row) makes the
 * caller run the locking transaction of instances.ts instead, which answers exactly as before (409 for
 * a task someone else completed meanwhile). The fast path is taken only when its preconditions hold:
 * PostgreSQL, a step without effects or reference checks; anything else takes the general path.
 */
import { randomUUID } from 'node:crypto';
import type postgres from 'postgres';
import { referenceFields } from '../../forms/references.ts';
import type { FormVersion, Locale } from '../../forms/types.ts';
import { conflict } from '../errors.ts';
import { start, step } from '../index.ts';
import type { Actor, EngineInput, StepResult, TaskRecord, WorkflowDefinition } from '../types.ts';
import { nowIso, type StoreContext } from './context.ts';
import { accepted, loadVersion, stepOptions, usesTimers } from './engine-runner.ts';
import { getFormVersion } from './forms-repo.ts';
import { arrivalRows } from './notifications.ts';
import type { InstanceWithHistory } from './recent-instances.ts';
import type { InstanceRow } from './schema.ts';
import { taskEventBus } from './task-bus.ts';
import { taskEventOf } from './task-notify.ts';
import type { InstanceView, StartInput } from './types.ts';
import { historyRowOf, newInstanceRow, taskRowOf, viewAfterStep } from './views.ts';

/** The instance of a task with its history, in one statement (one snapshot). */
export const READ_OF_TASK = `SELECT i.id, i.workflow_key AS "workflowKey", i.workflow_version AS "workflowVersion",
  i.business_key AS "businessKey", i.record_type AS "recordType", i.record_id AS "recordId",
  i.store_id AS "storeId", i.status, i.state_value AS "stateValue", i.context, i.engine_state AS "engineState",
  i.revision, i.started_by AS "startedBy", i.started_at AS "startedAt", i.updated_at AS "updatedAt",
  i.ended_at AS "endedAt",
  (SELECT coalesce(json_agg(json_build_object('id', h.id, 'instanceId', h.instance_id, 'seq', h.seq,
      'at', h.at, 'actorId', h.actor_id, 'actorName', h.actor_name, 'action', h.action, 'event', h.event,
      'fromState', h.from_state, 'toState', h.to_state, 'taskId', h.task_id, 'outcome', h.outcome,
      'comment', h.comment, 'diff', h.diff, 'details', h.details) ORDER BY h.seq), '[]'::json)
   FROM history h WHERE h.instance_id = i.id) AS history
FROM instances i WHERE i.id = (SELECT t.instance_id FROM tasks t WHERE t.id = $1::uuid)`;

const TASK_COLUMNS = [
  'step_id',
  'state',
  'name',
  'status',
  'assignee',
  'owner',
  'candidate_users',
  'candidate_roles',
  'store_id',
  'outcomes',
  'form_key',
  'form_version',
  'fields',
  'due_at',
  'completed_at',
  'completed_by',
  'outcome',
  'comment',
];
const TASK_INSERT = [
  'id',
  'instance_id',
  ...TASK_COLUMNS.slice(0, 14),
  'created_at',
  ...TASK_COLUMNS.slice(14),
];
const HISTORY_COLUMNS = [
  'instance_id',
  'seq',
  'at',
  'actor_id',
  'actor_name',
  'action',
  'event',
  'from_state',
  'to_state',
  'task_id',
  'outcome',
  'comment',
  'diff',
  'details',
];
const OUTBOX_COLUMNS = ['instance_id', 'topic', 'payload', 'created_at', 'available_at'];
const TIMER_COLUMNS = ['id', 'instance_id', 'key', 'event', 'due_at', 'status'];
const list = (cols: string[], prefix = '') => cols.map((c) => `${prefix}${c}`).join(', ');

/** An optional CTE of a write: its text given the number of its first parameter, and its values. */
interface OptionalPart {
  name: string;
  cte: (first: number) => string;
  values: unknown[];
}

/** Write texts by head and the optional parts they carry, composed once each (each its own prepared statement). */
const composed = new Map<string, Map<string, string>>();

/**
 * `head` (parameters `$1`…`$base`) followed by the optional parts that have something to write,
 * numbered on, and `tail`: a part with nothing to write is left out of the statement rather than
 * fed an empty array — PostgreSQL opens every table and index a statement names, each time it runs.
 */
function composeWrite(
  head: string,
  base: unknown[],
  tail: string,
  parts: OptionalPart[],
): { text: string; values: unknown[] } {
  const byParts = composed.get(head) ?? new Map<string, string>();
  composed.set(head, byParts);
  const key = parts.map((p) => p.name).join(',');
  let text = byParts.get(key);
  if (text === undefined) {
    let next = base.length + 1;
    const ctes = parts.map((part) => {
      const cte = `, ${part.name} AS (\n${part.cte(next)}\n)`;
      next += part.values.length;
      return cte;
    });
    text = `${head}${ctes.join('')}\n${tail}`;
    byParts.set(key, text);
  }
  return { text, values: [...base, ...parts.flatMap((p) => p.values)] };
}

/** The arrivals of the tasks the write inserted (`t`), one outbox row each. */
const arrivalsPart = (arrivals: unknown[]): OptionalPart => ({
  name: 'o',
  cte: (n) => `  INSERT INTO outbox (${list(OUTBOX_COLUMNS)})
  SELECT ${list(OUTBOX_COLUMNS, 'r.')} FROM jsonb_populate_recordset(null::outbox, $${n}::jsonb) r
  JOIN t ON t.inserted AND t.id = (r.payload->>'taskId')::uuid`,
  values: [JSON.stringify(arrivals)],
});

/** Pending timers of the updated instance the step cancels: all of them, or those of `keys`. */
const cancelPart = ({ all, keys }: { all: boolean; keys: string[] }): OptionalPart => ({
  name: 'tc',
  cte: (n) => `  UPDATE timers SET status = 'cancelled' FROM upd
  WHERE timers.instance_id = upd.id AND timers.status = 'pending'
    AND ($${n}::boolean OR timers.key IN (SELECT jsonb_array_elements_text($${n + 1}::jsonb)))`,
  values: [all, JSON.stringify(keys)],
});

/** New timers of the instance the write inserted or updated (`source`). */
const timersPart = (source: string, rows: unknown[]): OptionalPart => ({
  name: 'ti',
  cte: (n) => `  INSERT INTO timers (${list(TIMER_COLUMNS)})
  SELECT ${list(TIMER_COLUMNS, 'r.')} FROM ${source}, jsonb_populate_recordset(null::timers, $${n}::jsonb) r`,
  values: [JSON.stringify(rows)],
});

/**
 * The step's write: the instance (revision-guarded), its tasks (upserted) and the history row, then
 * — when the step has them — the arrivals of the tasks it inserted, the timers it cancels and those
 * it sets, in one statement; answers how many instance rows it updated.
 */
const WRITE_STEP_HEAD = `WITH upd AS (
  UPDATE instances SET status = $3, state_value = $4::jsonb, context = $5::jsonb, engine_state = $6::jsonb,
    revision = $2::int + 1, updated_at = $7::timestamptz, ended_at = $8::timestamptz
  WHERE id = $1::uuid AND revision = $2::int
  RETURNING id
), t AS (
  INSERT INTO tasks (${list(TASK_INSERT)})
  SELECT ${list(TASK_INSERT, 'r.')} FROM upd, jsonb_populate_recordset(null::tasks, $9::jsonb) r
  ON CONFLICT (id) DO UPDATE SET ${TASK_COLUMNS.map((c) => `${c} = excluded.${c}`).join(', ')}
  RETURNING id, (xmax = 0) AS inserted
), h AS (
  INSERT INTO history (${list(HISTORY_COLUMNS)})
  SELECT ${list(HISTORY_COLUMNS, 'r.')} FROM upd, jsonb_populate_record(null::history, $10::jsonb) r
)`;

/** camelCase → snake_case of the row keys seen so far (a handful of column names). */
const snakeKeys = new Map<string, string>();

/** Snake-cased keys, as `jsonb_populate_record` matches them to columns. */
function snake(row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key in row) {
    let column = snakeKeys.get(key);
    if (column === undefined) {
      column = key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
      snakeKeys.set(key, column);
    }
    out[column] = row[key];
  }
  return out;
}

/** Whether a step needs only what the single write statement does: no effects (handlers run in a transaction). */
function fitsOneStatement(result: StepResult): boolean {
  if (result.effects.length > 0) return false;
  return (
    result.changed ||
    result.tasksOpened.length > 0 ||
    result.tasksClosed.length > 0 ||
    result.timersSet.length > 0 ||
    result.timersCleared.length > 0
  );
}

/** The new timers' rows (as step-writer's writeTimers: none once the instance ended). */
function timerRows(instanceId: string, result: StepResult) {
  if (result.status !== 'active') return [];
  return result.timersSet.map((spec) => ({
    id: randomUUID(),
    instance_id: instanceId,
    key: spec.key,
    event: spec.event,
    due_at: spec.dueAt,
    status: 'pending',
  }));
}

/**
 * Which pending timers the step cancels (as step-writer's writeTimers): all of them when the instance
 * ended (and may have some), else those of the cleared keys and of the keys set anew.
 */
function timersCancelled(result: StepResult, mayHaveTimers: boolean): { all: boolean; keys: string[] } {
  if (result.status !== 'active') return { all: mayHaveTimers || result.timersCleared.length > 0, keys: [] };
  return { all: false, keys: [...result.timersCleared, ...result.timersSet.map((s) => s.key)] };
}

/** Published form versions by `key@version` — immutable, so cached for good (per service). */
const formVersionCache = new WeakMap<StoreContext, Map<string, FormVersion>>();

async function pinnedForm(ctx: StoreContext, key: string, version: number): Promise<FormVersion> {
  const cache = formVersionCache.get(ctx) ?? new Map<string, FormVersion>();
  formVersionCache.set(ctx, cache);
  const cacheKey = `${key}@${version}`;
  const cached = cache.get(cacheKey);
  if (cached) return cached;
  const form = await getFormVersion(ctx.database.db, key, version);
  cache.set(cacheKey, form);
  return form;
}

/** What a completion on the fast path came to: the view, or why the general path must do it. */
type Completion = InstanceView | 'general path' | 'changed meanwhile';

/**
 * Completes the task on the fast path: the instance view, or undefined when the general path must do
 * it (a precondition does not hold or the instance changed meanwhile). Throws what the general path
 * would for an unknown task, one already done, a non-candidate or refused data. When this process
 * wrote the instance last (recent-instances.ts) it starts from that row and sends only the write; a
 * row found stale — or a completion refused on it — is judged again on the instance as stored.
 */
export async function fastCompleteTask(
  ctx: StoreContext,
  sql: postgres.Sql,
  taskId: string,
  input: EngineInput & { kind: 'complete' },
  actor: Actor,
  locale: Locale | undefined,
  checks: { openTaskFor(row: InstanceRow, taskId: string, actor: Actor): TaskRecord },
): Promise<InstanceView | undefined> {
  const job: CompletionJob = { ctx, sql, taskId, input, actor, locale, checks };
  const remembered = ctx.recent.ofTask(taskId);
  if (remembered) {
    const done = await completeOn(job, remembered, true);
    if (typeof done !== 'string') return done;
    // Either way the instance is about to change elsewhere or already has.
    ctx.recent.forget(remembered.id);
    if (done === 'general path') return undefined;
  }
  const [found] = await sql.unsafe<InstanceWithHistory[]>(READ_OF_TASK, [taskId], { prepare: true });
  if (!found) return undefined;
  const done = await completeOn(job, found, false);
  return typeof done === 'string' ? undefined : done;
}

/** A completion's request, as fastCompleteTask takes it. */
interface CompletionJob {
  ctx: StoreContext;
  sql: postgres.Sql;
  taskId: string;
  input: EngineInput & { kind: 'complete' };
  actor: Actor;
  locale: Locale | undefined;
  checks: { openTaskFor(row: InstanceRow, taskId: string, actor: Actor): TaskRecord };
}

/** Steps `found` (read now, or `remembered` by this process) and writes it in one statement. */
async function completeOn(
  job: CompletionJob,
  found: InstanceWithHistory,
  remembered: boolean,
): Promise<Completion> {
  const { ctx, sql, taskId, input, actor, locale, checks } = job;
  const { history: earlier, ...row } = found;
  const db = ctx.database.db;
  let definition: WorkflowDefinition;
  let result: StepResult;
  try {
    checks.openTaskFor(row, taskId, actor);
    if (row.status !== 'active') throw conflict(`Instance ${row.id} is ${row.status}`);
    definition = await loadVersion(ctx, db, row.workflowKey, row.workflowVersion);
    const task = row.engineState.tasks[taskId];
    const pinned = task?.form ? await pinnedForm(ctx, task.form.key, task.form.version) : undefined;
    // Reference checks read in the step's transaction and record file references: the general path's.
    if (pinned && input.data && referenceFields(pinned).length > 0) return 'general path';
    const opts = await stepOptions(ctx, db, definition, actor, row.storeId, pinned, locale);
    opts.startedBy = row.startedBy;
    result = accepted(step(definition, row.engineState, input, opts));
  } catch (error) {
    if (remembered) return 'changed meanwhile';
    throw error;
  }
  if (!fitsOneStatement(result)) return 'general path';

  const now = nowIso(ctx);
  const ended = result.status === 'done' || result.status === 'cancelled';
  const next: InstanceRow = {
    ...row,
    stateValue: result.value,
    context: result.context,
    engineState: result.state,
    status: result.status,
    revision: row.revision + 1,
    updatedAt: now,
    endedAt: ended ? (row.endedAt ?? now) : null,
  };
  const changed = [...result.tasksOpened, ...result.tasksClosed];
  // One row per task, its last record (as upsertTasks); arrivals for those the upsert inserts.
  const records = [...new Map(changed.map((t) => [t.id, t])).values()];
  const taskRows = records.map((t) => snake(taskRowOf(row.id, t)));
  const entry = historyRowOf(row.id, next.revision + 1, result.history, actor);
  const arrivals = arrivalRows(next, records, now).map(snake);
  const cancelled = timersCancelled(result, usesTimers(definition));
  const parts: OptionalPart[] = [];
  if (arrivals.length > 0) parts.push(arrivalsPart(arrivals));
  if (cancelled.all || cancelled.keys.length > 0) parts.push(cancelPart(cancelled));
  const timers = timerRows(row.id, result);
  if (timers.length > 0) parts.push(timersPart('upd', timers));
  const write = composeWrite(
    WRITE_STEP_HEAD,
    [
      row.id,
      row.revision,
      next.status,
      JSON.stringify(next.stateValue),
      JSON.stringify(next.context),
      JSON.stringify(next.engineState),
      now,
      next.endedAt,
      JSON.stringify(taskRows),
      JSON.stringify(snake(entry)),
    ],
    'SELECT count(*)::int AS n FROM upd',
    parts,
  );
  const [written] = await sql.unsafe<{ n: number }[]>(write.text, write.values as never[], { prepare: true });
  if (!written || written.n === 0) return 'changed meanwhile';
  ctx.recent.remember({ ...next, history: [...earlier, entry] });
  taskEventBus(db, ctx.logger).publish(changed.map((t) => taskEventOf(row.id, t)));
  return viewAfterStep(db, next, result, earlier, actor);
}

/** The latest published version of each flow as last seen by a start here (the write re-checks it). */
const latestSeen = new WeakMap<StoreContext, Map<string, number>>();

const INSTANCE_COLUMNS = [
  'id',
  'workflow_key',
  'workflow_version',
  'business_key',
  'record_type',
  'record_id',
  'store_id',
  'status',
  'state_value',
  'context',
  'engine_state',
  'revision',
  'started_by',
  'started_at',
  'updated_at',
  'ended_at',
];

const LATEST_OF = `SELECT latest_version AS "latest", archived_at IS NOT NULL AS "archived"
FROM workflow_definitions WHERE key = $1`;

/**
 * A start's write: the instance — only while `$2` is still the flow's latest version and the flow is
 * not archived — its tasks and its first history row, then the arrivals and timers when it has them,
 * in one statement; answers how many instances it inserted.
 */
const WRITE_START_HEAD = `WITH d AS (
  SELECT 1 FROM workflow_definitions WHERE key = $2 AND latest_version = $3::int AND archived_at IS NULL
), ins AS (
  INSERT INTO instances (${list(INSTANCE_COLUMNS)})
  SELECT ${list(INSTANCE_COLUMNS, 'r.')} FROM d, jsonb_populate_record(null::instances, $1::jsonb) r
  RETURNING id
), t AS (
  INSERT INTO tasks (${list(TASK_INSERT)})
  SELECT ${list(TASK_INSERT, 'r.')} FROM ins, jsonb_populate_recordset(null::tasks, $4::jsonb) r
  ON CONFLICT (id) DO UPDATE SET ${TASK_COLUMNS.map((c) => `${c} = excluded.${c}`).join(', ')}
  RETURNING id, (xmax = 0) AS inserted
), h AS (
  INSERT INTO history (${list(HISTORY_COLUMNS)})
  SELECT ${list(HISTORY_COLUMNS, 'r.')} FROM ins, jsonb_populate_record(null::history, $5::jsonb) r
)`;

/**
 * Starts an instance for a person on the fast path: ONE statement when this process has seen the
 * flow's latest version before (else one read first). Undefined when the general path must do it —
 * a start form, effects, starters that refuse (the general path answers 403 on the version
 * it reads), or a flow published anew or archived meanwhile (the write's guard matched nothing).
 */
export async function fastStartByHand(
  ctx: StoreContext,
  sql: postgres.Sql,
  input: StartInput,
  actor: Actor,
  checks: { mayStart(definition: WorkflowDefinition, actor: Actor): boolean },
): Promise<InstanceView | undefined> {
  const seen = latestSeen.get(ctx) ?? new Map<string, number>();
  latestSeen.set(ctx, seen);
  let version = seen.get(input.workflowKey);
  if (version === undefined) {
    const [row] = await sql.unsafe<{ latest: number | null; archived: boolean }[]>(
      LATEST_OF,
      [input.workflowKey],
      { prepare: true },
    );
    if (!row || row.latest === null || row.archived) return undefined;
    version = row.latest;
  }
  const db = ctx.database.db;
  const definition = await loadVersion(ctx, db, input.workflowKey, version);
  if (definition.startForm || !checks.mayStart(definition, actor)) return undefined;
  const storeId = input.storeId !== undefined ? input.storeId : actor.storeId;
  const opts = await stepOptions(ctx, db, definition, actor, storeId);
  opts.startedBy = actor.id;
  const result = accepted(start(definition, input.input ?? {}, opts));
  if (!fitsOneStatement(result)) return undefined;
  const now = nowIso(ctx);
  const row = newInstanceRow(input, version, storeId, actor, result, now);
  const changed = [...result.tasksOpened, ...result.tasksClosed];
  const records = [...new Map(changed.map((t) => [t.id, t])).values()];
  const arrivals = arrivalRows(row, records, now).map(snake);
  const timers = timerRows(row.id, result);
  const history = historyRowOf(row.id, 1, result.history, actor);
  const write = composeWrite(
    WRITE_START_HEAD,
    [
      JSON.stringify(snake(row)),
      input.workflowKey,
      version,
      JSON.stringify(records.map((t) => snake(taskRowOf(row.id, t)))),
      JSON.stringify(snake(history)),
    ],
    'SELECT count(*)::int AS n FROM ins',
    [
      ...(arrivals.length > 0 ? [arrivalsPart(arrivals)] : []),
      ...(timers.length > 0 ? [timersPart('ins', timers)] : []),
    ],
  );
  const [written] = await sql.unsafe<{ n: number }[]>(write.text, write.values as never[], { prepare: true });
  if (!written || written.n === 0) {
    seen.delete(input.workflowKey);
    return undefined;
  }
  seen.set(input.workflowKey, version);
  ctx.recent.remember({ ...row, history: [history] });
  taskEventBus(db, ctx.logger).publish(changed.map((t) => taskEventOf(row.id, t)));
  return viewAfterStep(db, row, result, [], actor);
}
