/**
 * The catalogue of flows and forms as admins manage it (issue 9): create a new key from a document
 * (409 when the key exists), archive and restore (archived flows take no new starts, archived forms no
 * new references), delete a never-published draft, and list rows with category, icon, archive state
 * and who last changed them by name. Drafts are written by the repositories (definitions-repo.ts,
 * forms-repo.ts), inside this module's transaction.
 */
import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { conflict, notFound } from '../errors.ts';
import type { Actor, ErrorDetail } from '../index.ts';
import type { WorkflowDefinition } from '../types.ts';
import { iso, isUuid, nowIso, type StoreContext } from './context.ts';
import type { Executor, Tx } from './db.ts';
import * as definitions from './definitions-repo.ts';
import { formKeysOf } from './engine-runner.ts';
import * as formsRepo from './forms-repo.ts';
import type { DirectoryPort } from './ports.ts';
import { forms, formVersions, workflowDefinitions } from './schema.ts';
import { transact } from './transactions.ts';
import type { DefinitionSummary, DefinitionView, FormSummary, FormView } from './types.ts';

/** What a catalogue row adds to a summary. */
export interface CatalogueFields {
  category?: string;
  icon?: string;
  archived: boolean;
  archivedAt: string | null;
  /** Who last saved, published, archived or restored it (a user id, or `system`). */
  updatedBy: string | null;
  updatedByName: string | null;
}

const SYSTEM_NAME = '系统';

/** Display names of user ids (`system` → 系统) through the directory port; unknown ids are left out. */
export async function displayNames(
  directory: DirectoryPort,
  db: Executor,
  ids: readonly (string | null)[],
): Promise<Map<string, string>> {
  const uuids = [...new Set(ids.filter((id): id is string => id !== null && isUuid(id)))];
  const names = uuids.length === 0 ? new Map<string, string>() : await directory.displayNames(db, uuids);
  if (ids.includes('system')) names.set('system', SYSTEM_NAME);
  return names;
}

/** A store context whose database handle is `tx`, so the repositories write inside this transaction. */
function within(ctx: StoreContext, tx: Tx): StoreContext {
  return { ...ctx, database: { ...ctx.database, db: tx as unknown as StoreContext['database']['db'] } };
}

/** Creates a new flow from a document as its first draft: 409 when the key exists, 422 (`/key`) when malformed. */
export async function createWorkflow(ctx: StoreContext, raw: unknown, actor: Actor): Promise<DefinitionView> {
  const def = definitions.checkDefinitionShape(raw);
  return transact(ctx, async (tx) => {
    const now = nowIso(ctx);
    const [created] = await tx
      .insert(workflowDefinitions)
      .values({ key: def.key, name: def.name, createdAt: now, updatedAt: now, updatedBy: actor.id })
      .onConflictDoNothing()
      .returning({ key: workflowDefinitions.key });
    if (!created) throw conflict(`Workflow ${def.key} already exists`, [{ path: '/key', message: 'taken' }]);
    return definitions.saveDraft(within(ctx, tx), def, actor);
  });
}

/** Creates a new form from a document as its first draft: 409 when the key exists, 422 (`/key`) when malformed. */
export async function createForm(ctx: StoreContext, raw: unknown, actor: Actor): Promise<FormView> {
  const { key, title } = formsRepo.checkFormShape(raw);
  return transact(ctx, async (tx) => {
    const now = nowIso(ctx);
    const [created] = await tx
      .insert(forms)
      .values({ key, title, createdAt: now, updatedAt: now, updatedBy: actor.id })
      .onConflictDoNothing()
      .returning({ key: forms.key });
    if (!created) throw conflict(`Form ${key} already exists`, [{ path: '/key', message: 'taken' }]);
    return formsRepo.saveFormDraft(within(ctx, tx), raw, actor);
  });
}

/** Archives (`archived` true) or restores a flow; 404 when unknown. */
export async function setWorkflowArchived(
  ctx: StoreContext,
  key: string,
  archived: boolean,
  actor: Actor,
): Promise<void> {
  const now = nowIso(ctx);
  const rows = await ctx.database.db
    .update(workflowDefinitions)
    .set({
      archivedAt: archived ? now : null,
      archivedBy: archived ? actor.id : null,
      updatedBy: actor.id,
      updatedAt: now,
    })
    .where(eq(workflowDefinitions.key, key))
    .returning({ key: workflowDefinitions.key });
  if (rows.length === 0) throw notFound('Workflow', key);
}

/** Archives or restores a form; 404 when unknown. */
export async function setFormArchived(
  ctx: StoreContext,
  key: string,
  archived: boolean,
  actor: Actor,
): Promise<void> {
  const now = nowIso(ctx);
  const rows = await ctx.database.db
    .update(forms)
    .set({
      archivedAt: archived ? now : null,
      archivedBy: archived ? actor.id : null,
      updatedBy: actor.id,
      updatedAt: now,
    })
    .where(eq(forms.key, key))
    .returning({ key: forms.key });
  if (rows.length === 0) throw notFound('Form', key);
}

/** Deletes a flow that was never published; 404 unknown, 409 once published. */
export async function deleteWorkflow(ctx: StoreContext, key: string): Promise<void> {
  await transact(ctx, async (tx) => {
    const [row] = await tx
      .select({ latest: workflowDefinitions.latestVersion })
      .from(workflowDefinitions)
      .where(eq(workflowDefinitions.key, key))
      .for('update');
    if (!row) throw notFound('Workflow', key);
    if (row.latest !== null) throw conflict(`Workflow ${key} was published: archive it instead`);
    await tx.delete(workflowDefinitions).where(eq(workflowDefinitions.key, key));
  });
}

/** Deletes a form that was never published; 404 unknown, 409 once published. */
export async function deleteForm(ctx: StoreContext, key: string): Promise<void> {
  await transact(ctx, async (tx) => {
    const [row] = await tx
      .select({ latest: forms.latestVersion })
      .from(forms)
      .where(eq(forms.key, key))
      .for('update');
    if (!row) throw notFound('Form', key);
    if (row.latest !== null) throw conflict(`Form ${key} was published: archive it instead`);
    await tx.delete(forms).where(eq(forms.key, key));
  });
}

interface CatalogueRow {
  key: string;
  category: string | null;
  icon: string | null;
  archivedAt: string | null;
  updatedBy: string | null;
}

async function withNames(
  directory: DirectoryPort,
  db: Executor,
  rows: CatalogueRow[],
): Promise<Map<string, CatalogueFields>> {
  const names = await displayNames(
    directory,
    db,
    rows.map((r) => r.updatedBy),
  );
  return new Map(
    rows.map((r) => [
      r.key,
      {
        ...(r.category ? { category: r.category } : {}),
        ...(r.icon ? { icon: r.icon } : {}),
        archived: r.archivedAt !== null,
        archivedAt: iso(r.archivedAt),
        updatedBy: r.updatedBy,
        updatedByName: r.updatedBy === null ? null : (names.get(r.updatedBy) ?? null),
      },
    ]),
  );
}

/** Catalogue fields of flows (all, or one key), by key. */
export async function workflowCatalogue(
  directory: DirectoryPort,
  db: Executor,
  key?: string,
): Promise<Map<string, CatalogueFields>> {
  const rows = await db
    .select({
      key: workflowDefinitions.key,
      category: workflowDefinitions.category,
      icon: workflowDefinitions.icon,
      archivedAt: workflowDefinitions.archivedAt,
      updatedBy: workflowDefinitions.updatedBy,
    })
    .from(workflowDefinitions)
    .where(key === undefined ? undefined : eq(workflowDefinitions.key, key));
  return withNames(directory, db, rows);
}

/** Catalogue fields of forms (all, or one key), by key. */
export async function formCatalogue(
  directory: DirectoryPort,
  db: Executor,
  key?: string,
): Promise<Map<string, CatalogueFields>> {
  const rows = await db
    .select({
      key: forms.key,
      category: forms.category,
      icon: forms.icon,
      archivedAt: forms.archivedAt,
      updatedBy: forms.updatedBy,
    })
    .from(forms)
    .where(key === undefined ? undefined : eq(forms.key, key));
  return withNames(directory, db, rows);
}

const EMPTY: CatalogueFields = { archived: false, archivedAt: null, updatedBy: null, updatedByName: null };

/** Adds the catalogue fields to summaries (or views) of flows or forms. */
export function withCatalogue<T extends { key: string }>(
  items: T[],
  fields: Map<string, CatalogueFields>,
): (T & CatalogueFields)[] {
  return items.map((item) => ({ ...item, ...(fields.get(item.key) ?? EMPTY) }));
}

/** The published, non-archived flows' keys with their latest version, by key. */
export async function publishedActiveFlows(db: Executor): Promise<{ key: string; version: number }[]> {
  const rows = await db
    .select({ key: workflowDefinitions.key, version: workflowDefinitions.latestVersion })
    .from(workflowDefinitions)
    .where(and(isNull(workflowDefinitions.archivedAt), sql`${workflowDefinitions.latestVersion} is not null`))
    .orderBy(asc(workflowDefinitions.key));
  return rows.flatMap((r) => (r.version === null ? [] : [{ key: r.key, version: r.version }]));
}

/** Forms a definition uses: its tasks' forms and its start form. */
function referencedForms(def: WorkflowDefinition): string[] {
  return [...formKeysOf(def.machine), ...(def.startForm ? [def.startForm] : [])];
}

/**
 * Archived forms a publish of `def` would newly reference (a task's form or the start form that the
 * previous published version did not use), as problems; empty when none.
 */
export async function archivedFormProblems(
  db: Executor,
  def: WorkflowDefinition,
  previous: WorkflowDefinition | undefined,
): Promise<ErrorDetail[]> {
  const before = new Set(previous ? referencedForms(previous) : []);
  const fresh = [...new Set(referencedForms(def))].filter((k) => !before.has(k));
  if (fresh.length === 0) return [];
  const rows = await db
    .select({ key: forms.key })
    .from(forms)
    .where(and(inArray(forms.key, fresh), sql`${forms.archivedAt} is not null`));
  return rows.map((r) => ({ path: '/forms', message: `Form "${r.key}" is archived`, code: 'archived_form' }));
}

/** Summaries type re-exported for the service. */
export type CatalogueSummary = DefinitionSummary & CatalogueFields;
export type CatalogueFormSummary = FormSummary & CatalogueFields;

/** The version list's publishers by display name. */
export async function withPublisherNames<T extends { publishedBy: string | null }>(
  directory: DirectoryPort,
  db: Executor,
  versions: T[],
): Promise<(T & { publishedByName: string | null })[]> {
  const names = await displayNames(
    directory,
    db,
    versions.map((v) => v.publishedBy),
  );
  return versions.map((v) => ({
    ...v,
    publishedByName: v.publishedBy === null ? null : (names.get(v.publishedBy) ?? null),
  }));
}

/** Who published each version of a form, by version. */
export async function formPublishers(db: Executor, key: string): Promise<Map<number, string | null>> {
  const rows = await db
    .select({ version: formVersions.version, publishedBy: formVersions.publishedBy })
    .from(formVersions)
    .where(eq(formVersions.key, key));
  return new Map(rows.map((r) => [r.version, r.publishedBy]));
}
