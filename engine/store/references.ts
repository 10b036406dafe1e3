/**
 * Reference checks for accepted task data (docs/flows.md "Per-step field permissions": the server never trusts the browser). A form
 * field with `ui:widget` `file`, `user`, `customer` or `vehicle` holds an id (or VIN) the schema only
 * checks for shape; here each submitted reference is checked to exist and be usable by the actor, in
 * the step's transaction, and file references are recorded (the API's `file_refs`, through its port).
 *
 * The engine knows no dealership tables: each kind is checked by a pluggable `ReferenceChecker` the
 * API layer injects (`WorkflowServiceOptions.references`), like effect handlers. Users are checked
 * here through the directory port; a kind without a checker is not checked beyond its format.
 *
 * Cost: forms without reference fields pay one cached lookup; others one query per kind present.
 */
import { describeReferenceProblem } from '../../forms/messages.ts';
import { permissionEntries } from '../../forms/permissions.ts';
import { collectReferences, type ReferenceKind, referenceFields } from '../../forms/references.ts';
import { toPointer } from '../../forms/schema-utils.ts';
import type { FieldPermission, FormVersion, Locale } from '../../forms/types.ts';
import { fieldLabel } from '../../forms/validate-data.ts';
import { AppError } from '../errors.ts';
import { worksIn } from '../tasks.ts';
import type { Actor, JsonObject } from '../types.ts';
import { isUuid } from './context.ts';
import type { Tx } from './db.ts';
import type { DirectoryPort, FileRefsPort } from './ports.ts';

/** Where references are checked: the step's transaction, the acting user and the instance. */
export interface ReferenceScope {
  tx: Tx;
  actor: Actor;
  instance: { id: string; storeId: string | null };
}

/**
 * Answers which of `values` (distinct, format already valid) exist and may be used by the actor in
 * the instance; one query at most. Values it does not return are refused with 422.
 */
export type ReferenceChecker = (
  values: readonly string[],
  scope: ReferenceScope,
) => Promise<ReadonlySet<string>>;
export type ReferenceCheckers = Partial<Record<ReferenceKind, ReferenceChecker>>;

/** Kinds whose values are uuids (a malformed one is refused, never sent to a uuid column). */
const UUID_KINDS: ReadonlySet<ReferenceKind> = new Set(['file', 'user', 'customer']);

/** Users: the id names an active user who may work on the instance (its store's, or group-level). */
export const activeUsers =
  (directory: DirectoryPort): ReferenceChecker =>
  async (values, { tx, instance }) => {
    const rows = await directory.activeUsersById(tx, values);
    return new Set(rows.filter((r) => worksIn(r, instance.storeId)).map((r) => r.id));
  };

/** The checkers the store provides itself (through the directory port); the API merges its own over them. */
export const builtinReferenceCheckers = (directory: DirectoryPort): ReferenceCheckers => ({
  user: activeUsers(directory),
});

/** What a task completion asks to be checked. */
export interface ReferenceRequest {
  form: FormVersion;
  /** The submitted data (the part the engine accepted: format and permissions already checked). */
  data: JsonObject;
  /** The task's field permissions: read-only and hidden fields are not taken from the submission. */
  fields: Record<string, FieldPermission>;
  /** The task the data completes; null for the start form's data. */
  taskId: string | null;
  locale: Locale;
}

/** Whether the field at `segments` (or a parent of it) may not be set by this step. */
function blocked(segments: readonly string[], fields: Record<string, FieldPermission>): boolean {
  return permissionEntries(fields).some(
    (e) =>
      (e.permission === 'readonly' || e.permission === 'hidden') &&
      e.segments.every((s, i) => segments[i] === s),
  );
}

/**
 * Checks every reference in `request.data` with the checkers (one call per kind present); 422 with the
 * field paths (JSON pointers, as the form's other validation errors) when one fails. Then records the
 * file references through `fileRefs`. Runs in the step's transaction, before the step is written.
 */
export async function checkReferences(
  checkers: ReferenceCheckers,
  scope: ReferenceScope,
  request: ReferenceRequest,
  fileRefs: FileRefsPort,
): Promise<void> {
  const fields = referenceFields(request.form);
  if (fields.length === 0) return;
  const submitted = collectReferences(fields, request.data).filter(
    (ref) => !blocked(ref.segments, request.fields),
  );
  // A malformed id names nothing: refused like a missing record (never sent to a uuid column).
  const malformed = submitted.filter((ref) => UUID_KINDS.has(ref.kind) && !isUuid(ref.value));
  const found = submitted.filter((ref) => !malformed.includes(ref));
  if (submitted.length === 0) return;
  const byKind = new Map<ReferenceKind, Set<string>>();
  for (const ref of found) {
    if (!checkers[ref.kind]) continue;
    const values = byKind.get(ref.kind) ?? new Set<string>();
    values.add(ref.value);
    byKind.set(ref.kind, values);
  }
  // One query per kind; they do not depend on one another, so they are sent together.
  const usable = new Map(
    await Promise.all(
      [...byKind].map(async ([kind, values]) => [kind, await checkers[kind]!([...values], scope)] as const),
    ),
  );
  const details = [
    ...malformed,
    ...found.filter((ref) => usable.has(ref.kind) && !usable.get(ref.kind)!.has(ref.value)),
  ].map((ref) => ({
    path: toPointer(ref.segments),
    message: describeReferenceProblem(
      ref.kind,
      fieldLabel(request.form.schema, ref.segments),
      request.locale,
    ),
    code: 'reference',
  }));
  if (details.length > 0) throw new AppError('invalid', 'The submitted data is invalid', details);
  const files = found.filter((ref) => ref.kind === 'file');
  if (files.length === 0) return;
  await fileRefs.record(
    scope.tx,
    files.map((ref) => ({
      fileId: ref.value,
      instanceId: scope.instance.id,
      taskId: request.taskId,
      path: toPointer(ref.segments),
    })),
  );
}
