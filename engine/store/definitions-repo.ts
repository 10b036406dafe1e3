/**
 * Workflow definitions: the editable draft per key and immutable published versions (docs/flows.md).
 * Publishing takes the draft, validates it against the database's forms, roles and effects, writes
 * version N+1 and clears the draft. Publishing with no draft is refused (409): there is nothing new.
 */
import { and, asc, eq } from 'drizzle-orm';
import { fieldNames } from '../../forms/index.ts';
import { DEFINITION_KEY_MESSAGE, isDefinitionKey } from '../../forms/keys.ts';
import { nulPointer } from '../../forms/schema-utils.ts';
import { AppError, conflict, invalid, notFound } from '../errors.ts';
import { validateDefinition } from '../index.ts';
import type { Actor, JsonObject, Problem, ValidateOptions, WorkflowDefinition } from '../types.ts';
import { archivedFormProblems } from './catalogue.ts';
import { iso, nowIso, type StoreContext } from './context.ts';
import type { Executor } from './db.ts';
import { withDbErrors } from './db-errors.ts';
import { forms, formVersions, workflowDefinitions, workflowVersions } from './schema.ts';
import type { DefinitionSummary, DefinitionView, VersionView } from './types.ts';

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Checks the document's outer shape (what must hold before it can be stored at all). */
export function checkDefinitionShape(def: unknown): WorkflowDefinition {
  const details: { path: string; message: string }[] = [];
  if (!isObject(def))
    throw invalid('A workflow definition must be an object', [{ path: '', message: 'not an object' }]);
  const nul = nulPointer(def);
  // PostgreSQL cannot store U+0000 in text: refused here, never a database error.
  if (nul !== undefined)
    throw invalid('Malformed workflow definition', [
      { path: nul, message: 'must not contain the character U+0000' },
    ]);
  if (!isDefinitionKey(def.key)) details.push({ path: '/key', message: DEFINITION_KEY_MESSAGE.en });
  if (typeof def.name !== 'string' || def.name.trim() === '')
    details.push({ path: '/name', message: 'required' });
  if (def.description !== undefined && typeof def.description !== 'string')
    details.push({ path: '/description', message: 'must be a string' });
  if (!isObject(def.machine)) details.push({ path: '/machine', message: 'must be an object' });
  else if (typeof def.machine.id !== 'string') details.push({ path: '/machine/id', message: 'required' });
  if (details.length > 0) throw invalid('Malformed workflow definition', details);
  return def as unknown as WorkflowDefinition;
}

/** What the validator must know, read from the database: forms' fields, roles, effect names. */
export async function validationOptions(ctx: StoreContext, db: Executor): Promise<ValidateOptions> {
  const formRows = await db
    .select({ key: forms.key, draft: forms.draft, published: formVersions.schema })
    .from(forms)
    .leftJoin(
      formVersions,
      and(eq(formVersions.key, forms.key), eq(formVersions.version, forms.latestVersion)),
    );
  const known: Record<string, { fields: string[] }> = {};
  for (const row of formRows) {
    const draftSchema =
      row.draft && isObject(row.draft.schema) ? (row.draft.schema as JsonObject) : undefined;
    const schema = row.published ?? draftSchema;
    known[row.key] = { fields: schema ? fieldNames(schema) : [] };
  }
  const roleCodes = await ctx.ports.directory.roleCodes(db);
  const storeIds = await ctx.ports.directory.storeIds(db);
  return {
    forms: known,
    effects: Object.keys(ctx.effects),
    // An empty role table means roles were never seeded; checking against it would flag every role.
    ...(roleCodes.length > 0 ? { roles: roleCodes } : {}),
    ...(storeIds.length > 0 ? { stores: storeIds } : {}),
  };
}

/** Validates a definition with the database's knowledge of forms, roles and effects. */
export async function validateWithDatabase(
  ctx: StoreContext,
  db: Executor,
  def: unknown,
): Promise<Problem[]> {
  return validateDefinition(def, await validationOptions(ctx, db));
}

function toSummary(row: typeof workflowDefinitions.$inferSelect): DefinitionSummary {
  return {
    key: row.key,
    name: row.name,
    ...(row.description ? { description: row.description } : {}),
    latestVersion: row.latestVersion,
    hasDraft: row.draft !== null,
    updatedAt: iso(row.updatedAt),
  };
}

/** Every definition, by key. */
export async function listDefinitions(db: Executor): Promise<DefinitionSummary[]> {
  const rows = await db.select().from(workflowDefinitions).orderBy(asc(workflowDefinitions.key));
  return rows.map(toSummary);
}

/** A published version; 404 when it does not exist. */
export async function getVersion(db: Executor, key: string, version: number): Promise<VersionView> {
  const [row] = await db
    .select()
    .from(workflowVersions)
    .where(and(eq(workflowVersions.key, key), eq(workflowVersions.version, version)));
  if (!row) throw notFound('Workflow version', `${key}@${version}`);
  return {
    version: row.version,
    publishedAt: iso(row.publishedAt),
    publishedBy: row.publishedBy,
    definition: row.definition as unknown as WorkflowDefinition,
  };
}

/** Published versions of `key`, oldest first. */
export async function listVersions(db: Executor, key: string): Promise<VersionView[]> {
  const rows = await db
    .select()
    .from(workflowVersions)
    .where(eq(workflowVersions.key, key))
    .orderBy(asc(workflowVersions.version));
  return rows.map((row) => ({
    version: row.version,
    publishedAt: iso(row.publishedAt),
    publishedBy: row.publishedBy,
    definition: row.definition as unknown as WorkflowDefinition,
  }));
}

/** The definition with its draft (or latest published document) and that document's problems. */
export async function getDefinition(ctx: StoreContext, db: Executor, key: string): Promise<DefinitionView> {
  const [row] = await db.select().from(workflowDefinitions).where(eq(workflowDefinitions.key, key));
  if (!row) throw notFound('Workflow', key);
  const published =
    row.latestVersion === null ? null : (await getVersion(db, key, row.latestVersion)).definition;
  const draft = (row.draft as unknown as WorkflowDefinition | null) ?? published;
  const problems: Problem[] = draft ? await validateWithDatabase(ctx, db, draft) : [];
  return { ...toSummary(row), draft, published, problems };
}

/** Stores `def` as the draft of its key (creating the key), even with problems; returns the view. */
export async function saveDraft(ctx: StoreContext, raw: unknown, actor: Actor): Promise<DefinitionView> {
  const def = checkDefinitionShape(raw);
  const now = nowIso(ctx);
  const draft = def as unknown as JsonObject;
  const values = {
    name: def.name,
    description: def.description ?? null,
    category: def.category ?? null,
    icon: def.icon ?? null,
    draft,
    draftUpdatedAt: now,
    draftUpdatedBy: actor.id,
    updatedBy: actor.id,
    updatedAt: now,
  };
  const db = ctx.database.db;
  await withDbErrors(() =>
    db
      .insert(workflowDefinitions)
      .values({ key: def.key, createdAt: now, ...values })
      .onConflictDoUpdate({ target: workflowDefinitions.key, set: values }),
  );
  return getDefinition(ctx, db, def.key);
}

/** Publishes the draft of `key` as a new immutable version; 422 with the problems if it has any. */
export async function publish(ctx: StoreContext, key: string, actor: Actor): Promise<{ version: number }> {
  return ctx.database.db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(workflowDefinitions)
      .where(eq(workflowDefinitions.key, key))
      .for('update');
    if (!row) throw notFound('Workflow', key);
    if (!row.draft) throw conflict(`Workflow ${key} has no draft to publish`);
    const def = row.draft as unknown as WorkflowDefinition;
    const problems = await validateWithDatabase(ctx, tx, def);
    if (problems.length > 0) {
      throw new AppError(
        'invalid',
        `Workflow ${key} has ${problems.length} problem(s)`,
        problems.map((p) => ({ ...p })),
      );
    }
    const previous =
      row.latestVersion === null ? undefined : (await getVersion(tx, key, row.latestVersion)).definition;
    const archived = await archivedFormProblems(tx, def, previous);
    if (archived.length > 0) throw new AppError('invalid', `Workflow ${key} uses archived forms`, archived);
    const version = (row.latestVersion ?? 0) + 1;
    const now = nowIso(ctx);
    await tx
      .insert(workflowVersions)
      .values({ key, version, definition: row.draft, publishedAt: now, publishedBy: actor.id });
    await tx
      .update(workflowDefinitions)
      .set({
        latestVersion: version,
        draft: null,
        name: def.name,
        description: def.description ?? null,
        category: def.category ?? null,
        icon: def.icon ?? null,
        updatedBy: actor.id,
        updatedAt: now,
      })
      .where(eq(workflowDefinitions.key, key));
    return { version };
  });
}
