/**
 * Versions in production: migrating running instances to another published version with an explicit
 * state mapping, and an admin's move of one instance to a state. Only wait states qualify (relocate.ts);
 * a migration checks the whole mapping first and then moves every instance in ONE transaction, so it
 * happens for all of them or for none; each instance's history records it (`action: 'migrate'`).
 */
import { and, asc, eq, inArray, ne } from 'drizzle-orm';
import { type ErrorDetail, forbidden, invalid, notFound } from '../errors.ts';
import { checkMapping, relocate, statePathOfValue } from '../relocate.ts';
import type { Actor, StepOptions, WorkflowDefinition } from '../types.ts';
import { isAdmin, recordOf, type StoreContext } from './context.ts';
import type { Tx } from './db.ts';
import { accepted, loadVersion, stepOptions } from './engine-runner.ts';
import { lockInstance } from './instances.ts';
import { type InstanceRow, instances, workflowDefinitions } from './schema.ts';
import { applyStep, cancelTimers } from './step-writer.ts';
import { transact } from './transactions.ts';
import type { InstanceView } from './types.ts';
import { writtenInstanceView } from './views.ts';

/** A migration request: which instances (all active ones of `fromVersion`, or the listed ones), where to. */
export interface MigrateInput {
  toVersion: number;
  /** Old state (dotted path) → new state. Every state an instance waits in must be mapped. */
  mapping: Record<string, string>;
  /** Only instances of this version; default: every version but `toVersion`. */
  fromVersion?: number;
  instanceIds?: string[];
  /** Plan only: which instances would move, from which state to which. Nothing is written. */
  dryRun?: boolean;
  comment?: string;
}

/** One instance of a migration (planned or done). */
export interface MigrationItem {
  instanceId: string;
  businessKey: string | null;
  fromVersion: number;
  from: string;
  to: string;
}

export interface MigrationReport {
  workflowKey: string;
  toVersion: number;
  dryRun: boolean;
  items: MigrationItem[];
  total: number;
}

async function lockTargets(tx: Tx, key: string, input: MigrateInput): Promise<InstanceRow[]> {
  // Locked in id order: two migrations over overlapping sets cannot deadlock.
  const rows = await tx
    .select()
    .from(instances)
    .where(
      and(
        eq(instances.workflowKey, key),
        eq(instances.status, 'active'),
        input.fromVersion === undefined
          ? ne(instances.workflowVersion, input.toVersion)
          : eq(instances.workflowVersion, input.fromVersion),
        input.instanceIds ? inArray(instances.id, input.instanceIds) : undefined,
      ),
    )
    .orderBy(asc(instances.id))
    .for('update');
  if (input.instanceIds) {
    const found = new Set(rows.map((r) => r.id));
    const missing: ErrorDetail[] = input.instanceIds.flatMap((id, i) =>
      found.has(id)
        ? []
        : [{ path: `/instanceIds/${i}`, message: `no active instance of ${key} to migrate` }],
    );
    if (missing.length > 0) throw invalid('Some instances cannot be migrated', missing);
  }
  return rows;
}

async function targetVersion(ctx: StoreContext, tx: Tx, key: string, version: number) {
  const [known] = await tx
    .select({ key: workflowDefinitions.key })
    .from(workflowDefinitions)
    .where(eq(workflowDefinitions.key, key));
  if (!known) throw notFound('Workflow', key);
  try {
    return await loadVersion(ctx, tx, key, version);
  } catch {
    throw invalid('Unknown target version', [
      { path: '/toVersion', message: `${key} has no version ${version}` },
    ]);
  }
}

/** The plan: each row's state path and its target; 422 listing every problem of the mapping. */
async function plan(
  ctx: StoreContext,
  tx: Tx,
  rows: InstanceRow[],
  to: WorkflowDefinition,
  input: MigrateInput,
): Promise<MigrationItem[]> {
  const problems: ErrorDetail[] = [];
  const byVersion = new Map<number, Map<string, number>>();
  const items: MigrationItem[] = [];
  for (const row of rows) {
    const from = statePathOfValue(row.stateValue);
    if (from === undefined) {
      problems.push({
        path: '/mapping',
        message: `instance ${row.id} is in parallel states and cannot be migrated`,
      });
      continue;
    }
    const counts = byVersion.get(row.workflowVersion) ?? new Map<string, number>();
    counts.set(from, (counts.get(from) ?? 0) + 1);
    byVersion.set(row.workflowVersion, counts);
    items.push({
      instanceId: row.id,
      businessKey: row.businessKey,
      fromVersion: row.workflowVersion,
      from,
      to: input.mapping[from] ?? '',
    });
  }
  for (const [version, inUse] of byVersion) {
    const fromDef = await loadVersion(ctx, tx, to.key, version);
    for (const p of checkMapping({ from: fromDef, to, mapping: input.mapping, inUse }))
      problems.push({ path: p.path, message: p.message });
  }
  const unique = [...new Map(problems.map((p) => [`${p.path} ${p.message}`, p])).values()];
  if (unique.length > 0) throw invalid('The mapping does not fit the running instances', unique);
  return items;
}

/**
 * Migrates the running instances of `key` to `input.toVersion` (or, with `dryRun`, only says what would
 * move). Admins only. All or nothing: a bad mapping is refused with 422 and nothing changes.
 */
export async function migrateInstances(
  ctx: StoreContext,
  key: string,
  input: MigrateInput,
  actor: Actor,
): Promise<MigrationReport> {
  if (!isAdmin(actor)) throw forbidden(`${actor.username} may not migrate instances`);
  return transact(ctx, async (tx) => {
    const to = await targetVersion(ctx, tx, key, input.toVersion);
    const rows = await lockTargets(tx, key, input);
    const items = await plan(ctx, tx, rows, to, input);
    const report = {
      workflowKey: key,
      toVersion: input.toVersion,
      dryRun: input.dryRun === true,
      items,
      total: items.length,
    };
    if (input.dryRun) return report;
    const optionsByStore = new Map<string | null, StepOptions>();
    for (const [i, row] of rows.entries()) {
      const item = items[i] as MigrationItem;
      let opts = optionsByStore.get(row.storeId);
      if (!opts) {
        opts = await stepOptions(ctx, tx, to, actor, row.storeId);
        optionsByStore.set(row.storeId, opts);
      }
      const note = `v${row.workflowVersion} → v${input.toVersion}${input.comment ? `: ${input.comment}` : ''}`;
      const result = accepted(
        relocate(to, row.engineState, item.to, opts, { action: 'migrate', comment: note }),
      );
      await cancelTimers(tx, row.id);
      await applyStep(ctx, tx, row, result, actor);
      await tx.update(instances).set({ workflowVersion: input.toVersion }).where(eq(instances.id, row.id));
    }
    return report;
  });
}

/** Moves one running instance to a wait state of its own version (admins only), telling the domain. */
export async function moveInstance(
  ctx: StoreContext,
  instanceId: string,
  input: { state: string; reason: string },
  actor: Actor,
): Promise<InstanceView> {
  if (!isAdmin(actor)) throw forbidden(`${actor.username} may not move instances`);
  return transact(ctx, async (tx) => {
    const row = await lockInstance(tx, instanceId);
    const def = await loadVersion(ctx, tx, row.workflowKey, row.workflowVersion);
    const opts = await stepOptions(ctx, tx, def, actor, row.storeId);
    const result = accepted(
      relocate(def, row.engineState, input.state, opts, { action: 'move', comment: input.reason }),
    );
    await cancelTimers(tx, row.id);
    const written = await applyStep(ctx, tx, row, result, actor);
    await ctx.hooks.moved?.({
      tx,
      instance: {
        id: row.id,
        workflowKey: row.workflowKey,
        businessKey: row.businessKey,
        record: recordOf(row),
        storeId: row.storeId,
        context: written.context,
      },
      actor,
      service: ctx.service,
      from: row.stateValue,
      to: written.stateValue,
      reason: input.reason,
    });
    return writtenInstanceView(tx, written);
  });
}
