/**
 * Forms: the editable draft per key and immutable published versions (docs/flows.md "A form by hand"), like workflows.
 * Publishing with no draft is refused (409). A task records the form version it was opened with.
 */
import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import { checkForm } from '../../forms/check-form.ts';
import { DEFINITION_KEY_MESSAGE, isDefinitionKey } from '../../forms/keys.ts';
import { nulPointer } from '../../forms/schema-utils.ts';
import type { FormDefinition, FormVersion } from '../../forms/types.ts';
import { conflict, invalid, notFound } from '../errors.ts';
import type { Actor, JsonObject } from '../types.ts';
import { iso, nowIso, type StoreContext } from './context.ts';
import type { Executor } from './db.ts';
import { withDbErrors } from './db-errors.ts';
import { forms, formVersions } from './schema.ts';
import type { FormSummary, FormView } from './types.ts';

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Checks a form document's outer shape: key, title, an object JSON Schema. */
export function checkFormShape(raw: unknown): FormDefinition {
  if (!isObject(raw)) throw invalid('A form must be an object', [{ path: '', message: 'not an object' }]);
  const nul = nulPointer(raw);
  if (nul !== undefined)
    throw invalid('Malformed form', [{ path: nul, message: 'must not contain the character U+0000' }]);
  const details: { path: string; message: string }[] = [];
  if (!isDefinitionKey(raw.key)) details.push({ path: '/key', message: DEFINITION_KEY_MESSAGE.en });
  if (typeof raw.title !== 'string' || raw.title.trim() === '')
    details.push({ path: '/title', message: 'required' });
  if (!isObject(raw.schema)) details.push({ path: '/schema', message: 'must be a JSON Schema object' });
  else if (raw.schema.type !== undefined && raw.schema.type !== 'object')
    details.push({ path: '/schema/type', message: 'a form schema must be of type "object"' });
  for (const [field, max] of [
    ['description', 4000],
    ['category', 50],
    ['icon', 100],
  ] as const) {
    const value = raw[field];
    if (value !== undefined && (typeof value !== 'string' || value.length > max))
      details.push({ path: `/${field}`, message: `must be a string of at most ${max} characters` });
  }
  if (raw.uiSchema !== undefined && !isObject(raw.uiSchema))
    details.push({ path: '/uiSchema', message: 'must be an object' });
  if (raw.rules !== undefined && !Array.isArray(raw.rules))
    details.push({ path: '/rules', message: 'must be a list' });
  if (details.length > 0) throw invalid('Malformed form', details);
  return raw as unknown as FormDefinition;
}

/**
 * The full check of a form document before it is stored or published (forms/check-form.ts): the
 * draft-07 meta-schema, references, formats, rules, formulas and the UI schema. 422 with JSON-pointer
 * paths into the document.
 */
export function checkFormDocument(raw: unknown): FormDefinition {
  const form = checkFormShape(raw);
  const problems = checkForm(form);
  if (problems.length > 0)
    throw invalid(
      'The form has problems',
      problems.map(({ path, message }) => ({ path, message })),
    );
  return form;
}

function toFormVersion(row: typeof formVersions.$inferSelect): FormVersion {
  const doc = row.definition as unknown as FormDefinition;
  return {
    ...doc,
    key: row.key,
    title: row.title,
    schema: row.schema,
    uiSchema: row.uiSchema,
    version: row.version,
  };
}

function toSummary(row: typeof forms.$inferSelect): FormSummary {
  return {
    key: row.key,
    title: row.title,
    ...(row.description ? { description: row.description } : {}),
    latestVersion: row.latestVersion,
    hasDraft: row.draft !== null,
    updatedAt: iso(row.updatedAt),
  };
}

/** The catalogue columns a saved or published document sets (absent labels clear them). */
function catalogueLabels(form: FormDefinition) {
  return { description: form.description ?? null, category: form.category ?? null, icon: form.icon ?? null };
}

/** Every form, by key. */
export async function listForms(db: Executor): Promise<FormSummary[]> {
  const rows = await db.select().from(forms).orderBy(asc(forms.key));
  return rows.map(toSummary);
}

/** A published form version; 404 when it does not exist. */
export async function getFormVersion(db: Executor, key: string, version: number): Promise<FormVersion> {
  const [row] = await db
    .select()
    .from(formVersions)
    .where(and(eq(formVersions.key, key), eq(formVersions.version, version)));
  if (!row) throw notFound('Form version', `${key}@${version}`);
  return toFormVersion(row);
}

/** The latest published version of `key`, or undefined if it was never published. */
export async function latestFormVersion(db: Executor, key: string): Promise<FormVersion | undefined> {
  const [row] = await db
    .select()
    .from(formVersions)
    .where(eq(formVersions.key, key))
    .orderBy(desc(formVersions.version))
    .limit(1);
  return row ? toFormVersion(row) : undefined;
}

/** Latest published versions of several forms at once, by key. */
export async function latestFormVersions(db: Executor, keys: string[]): Promise<Map<string, FormVersion>> {
  const found = new Map<string, FormVersion>();
  const unique = [...new Set(keys)];
  if (unique.length === 0) return found;
  if (unique.length === 1) {
    const version = await latestFormVersion(db, unique[0]!);
    if (version) found.set(unique[0]!, version);
    return found;
  }
  // One statement for all of them: each key's highest version.
  const rows = await db
    .selectDistinctOn([formVersions.key])
    .from(formVersions)
    .where(inArray(formVersions.key, unique))
    .orderBy(asc(formVersions.key), desc(formVersions.version));
  for (const row of rows) found.set(row.key, toFormVersion(row));
  return found;
}

/** Published versions of `key`, oldest first. */
export async function listFormVersions(db: Executor, key: string): Promise<FormVersion[]> {
  const rows = await db
    .select()
    .from(formVersions)
    .where(eq(formVersions.key, key))
    .orderBy(asc(formVersions.version));
  return rows.map(toFormVersion);
}

/** The form with its draft and latest published version. */
export async function getForm(db: Executor, key: string): Promise<FormView> {
  const [row] = await db.select().from(forms).where(eq(forms.key, key));
  if (!row) throw notFound('Form', key);
  const published = row.latestVersion === null ? null : await getFormVersion(db, key, row.latestVersion);
  return { ...toSummary(row), draft: row.draft as unknown as FormDefinition | null, published };
}

/** Stores `raw` as the draft of its key (creating the key). */
export async function saveFormDraft(ctx: StoreContext, raw: unknown, actor: Actor): Promise<FormView> {
  const form = checkFormDocument(raw);
  const now = nowIso(ctx);
  const values = {
    title: form.title,
    ...catalogueLabels(form),
    draft: form as unknown as JsonObject,
    draftUpdatedAt: now,
    draftUpdatedBy: actor.id,
    updatedBy: actor.id,
    updatedAt: now,
  };
  const db = ctx.database.db;
  await withDbErrors(() =>
    db
      .insert(forms)
      .values({ key: form.key, createdAt: now, ...values })
      .onConflictDoUpdate({ target: forms.key, set: values }),
  );
  return getForm(db, form.key);
}

/** Publishes the draft of `key` as a new immutable version. */
export async function publishForm(
  ctx: StoreContext,
  key: string,
  actor: Actor,
): Promise<{ version: number }> {
  return ctx.database.db.transaction(async (tx) => {
    const [row] = await tx.select().from(forms).where(eq(forms.key, key)).for('update');
    if (!row) throw notFound('Form', key);
    if (!row.draft) throw conflict(`Form ${key} has no draft to publish`);
    const form = checkFormDocument(row.draft);
    const version = (row.latestVersion ?? 0) + 1;
    const now = nowIso(ctx);
    await tx.insert(formVersions).values({
      key,
      version,
      title: form.title,
      schema: form.schema,
      uiSchema: form.uiSchema ?? {},
      definition: row.draft,
      publishedAt: now,
      publishedBy: actor.id,
    });
    await tx
      .update(forms)
      .set({
        latestVersion: version,
        draft: null,
        title: form.title,
        ...catalogueLabels(form),
        updatedBy: actor.id,
        updatedAt: now,
      })
      .where(eq(forms.key, key));
    return { version };
  });
}
