/**
 * Runs the pure engine for one locked instance: loads the pinned definition, preloads what the engine
 * reads synchronously (directory, forms), and turns rejections into `AppError`s.
 */
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { FormVersion, Locale } from '../../forms/types.ts';
import { AppError, notFound } from '../errors.ts';
import type {
  Actor,
  MachineConfig,
  StateConfig,
  StepOptions,
  StepOutcome,
  StepResult,
  WorkflowDefinition,
} from '../types.ts';
import { calendarFor, usesWorkingTime } from './calendars.ts';
import type { StoreContext } from './context.ts';
import type { Executor } from './db.ts';
import { latestFormVersions } from './forms-repo.ts';
import { workflowDefinitions, workflowVersions } from './schema.ts';

/** A published definition version, cached in memory (versions are immutable). */
export async function loadVersion(
  ctx: StoreContext,
  db: Executor,
  key: string,
  version: number,
): Promise<WorkflowDefinition> {
  const cacheKey = `${key}@${version}`;
  const cached = ctx.versions.get(cacheKey);
  if (cached) return cached;
  const [row] = await db
    .select({ definition: workflowVersions.definition })
    .from(workflowVersions)
    .where(and(eq(workflowVersions.key, key), eq(workflowVersions.version, version)));
  if (!row) throw notFound('Workflow version', cacheKey);
  const def = row.definition as unknown as WorkflowDefinition;
  ctx.versions.set(cacheKey, def);
  return def;
}

/** The latest published version of `key`; 404 when it was never published. */
export async function loadLatest(
  ctx: StoreContext,
  db: Executor,
  key: string,
): Promise<{ version: number; definition: WorkflowDefinition }> {
  const [row] = await db
    .select({ latest: workflowDefinitions.latestVersion })
    .from(workflowDefinitions)
    .where(eq(workflowDefinitions.key, key));
  if (!row || row.latest === null) throw notFound('Published workflow', key);
  return { version: row.latest, definition: await loadVersion(ctx, db, key, row.latest) };
}

/** Form keys named by `meta.task.form` anywhere in the machine. */
export function formKeysOf(machine: MachineConfig | StateConfig): string[] {
  const keys: string[] = [];
  const visit = (node: StateConfig) => {
    const form = node.meta?.task?.form;
    if (typeof form === 'string') keys.push(form);
    for (const child of Object.values(node.states ?? {})) visit(child);
  };
  visit(machine);
  return keys;
}

const timed = new WeakMap<WorkflowDefinition, boolean>();

/**
 * Whether any state of the definition has a delayed transition (`after`) or a task deadline — the
 * sources of timer rows — so an instance of it may have pending timers. Cached per (immutable, cached) definition.
 */
export function usesTimers(def: WorkflowDefinition): boolean {
  let known = timed.get(def);
  if (known === undefined) {
    // Task deadlines set timer rows too.
    const visit = (node: StateConfig): boolean =>
      Object.keys(node.after ?? {}).length > 0 ||
      node.meta?.task?.deadline !== undefined ||
      Object.values(node.states ?? {}).some(visit);
    known = visit(def.machine);
    timed.set(def, known);
  }
  return known;
}

/**
 * Step options for one engine call. `pinned` overrides the latest version of a form (a task being
 * completed is validated against the version it was opened with).
 */
export async function stepOptions(
  ctx: StoreContext,
  db: Executor,
  def: WorkflowDefinition,
  actor: Actor,
  storeId: string | null,
  pinned?: FormVersion,
  locale?: Locale,
): Promise<StepOptions> {
  const forms = await latestFormVersions(db, formKeysOf(def.machine));
  if (pinned) forms.set(pinned.key, pinned);
  const calendar = usesWorkingTime(def) ? await calendarFor(ctx, db, storeId) : undefined;
  return {
    ...(calendar ? { calendar } : {}),
    actor,
    now: ctx.clock(),
    newId: randomUUID,
    directory: await ctx.directory.get(db),
    storeId,
    forms: (key) => forms.get(key),
    ...(locale ? { locale } : {}),
  };
}

/** The result of an accepted step; a rejection becomes the `AppError` with the same code and details. */
export function accepted(outcome: StepOutcome): StepResult {
  if (outcome.ok) return outcome;
  const { code, message, details } = outcome.error;
  throw new AppError(
    code,
    message,
    details?.map((d) => ({ ...d })),
  );
}
