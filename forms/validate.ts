/**
 * Form validation (docs/flows.md "A form by hand"): `validateData` checks data against a schema (validate-data.ts);
 * `validateSubmission` is the server's check when a task is completed — permissions, rules, computed
 * fields, then the schema. The server never trusts the browser.
 */
import { applyComputed, computedFields } from './computed.ts';
import { describeSubmissionProblem } from './messages.ts';
import {
  hasField,
  type PermissionEntry,
  permissionEntries,
  removeSchemaField,
  removeValue,
  requireSchemaField,
} from './permissions.ts';
import { ruleHiddenFields } from './rules.ts';
import {
  acceptsExtraKeys,
  cloneJson,
  fieldNamesOf,
  inlineRefs,
  isRecord,
  jsonEqual,
  pick,
  schemaAt,
  toJsonObject,
  toPointer,
  valueAt,
} from './schema-utils.ts';
import type { FieldError, FieldPermission, FormValues, FormVersion, JSONSchema, Locale } from './types.ts';
import { fieldLabel, validateData } from './validate-data.ts';

export {
  checkSchema,
  fieldLabel,
  isKnownFormat,
  type ValidateDataOptions,
  validateData,
} from './validate-data.ts';

/** The answer of `validateSubmission`: the data to accept, or what is wrong with it. */
export type SubmissionResult = { ok: true; data: FormValues } | { ok: false; errors: FieldError[] };

/** Problems with what was submitted regardless of the schema: unknown, hidden and changed read-only fields. */
function permissionErrors(
  form: FormVersion,
  data: Record<string, unknown>,
  entries: PermissionEntry[],
  previous: Record<string, unknown>,
  locale: Locale,
): FieldError[] {
  const problem = (segments: string[], kind: 'unknown' | 'hidden' | 'readonly'): FieldError => ({
    path: toPointer(segments),
    message: describeSubmissionProblem(kind, fieldLabel(form.schema, segments), locale),
    keyword: kind === 'unknown' ? 'additionalProperties' : kind,
  });
  const known = new Set(fieldNamesOf(form.schema));
  const open = acceptsExtraKeys(form.schema, form.schema);
  const computed = computedFields(form);
  // With nothing stored yet, the browser shows (and sends back) an empty value or the schema default.
  const isUnchanged = (value: unknown, before: unknown, segments: string[]): boolean =>
    jsonEqual(value, before) ||
    (before === undefined &&
      (isEmptyValue(value) || jsonEqual(value, schemaAt(form.schema, segments)?.default)));
  const errors = Object.keys(data)
    .filter((key) => !open && !known.has(key))
    .map((key) => problem([key], 'unknown'));
  for (const { segments, permission } of entries) {
    const value = valueAt(data, segments);
    if (value === undefined || !hasField(form.schema, segments)) continue;
    if (permission === 'hidden') errors.push(problem(segments, 'hidden'));
    // Computed values are recomputed anyway, so a client's stale copy is not a change attempt.
    const isComputed = segments.length === 1 && segments[0] !== undefined && segments[0] in computed;
    if (
      permission === 'readonly' &&
      !isComputed &&
      !isUnchanged(value, valueAt(previous, segments), segments)
    ) {
      errors.push(problem(segments, 'readonly'));
    }
  }
  return errors;
}

/** Whether a submitted value counts as not given for a field the step makes required. */
function isEmptyValue(value: unknown): boolean {
  return value === undefined || value === null || value === '';
}

/**
 * Puts the previous values of nested hidden and read-only fields (`customer.mobile`) back into an
 * accepted parent object: the client never had or may not change them, and a shallow merge of
 * `customer` into the context must not lose them.
 */
function restoreNestedBlocked(
  accepted: Record<string, unknown>,
  entries: PermissionEntry[],
  previous: Record<string, unknown>,
): void {
  for (const { segments, permission } of entries) {
    if (segments.length < 2 || (permission !== 'hidden' && permission !== 'readonly')) continue;
    const parent = valueAt(accepted, segments.slice(0, -1));
    const value = valueAt(previous, segments);
    const name = segments.at(-1);
    if (isRecord(parent) && value !== undefined && name !== undefined) parent[name] = cloneJson(value);
  }
}

/** A submission narrowed to what this step may set, and the schema it must satisfy. */
interface PreparedSubmission {
  /** The submitted values the step may set. */
  accepted: Record<string, unknown>;
  /** `previous` overlaid with `accepted`: what the context holds after the merge, so what must validate. */
  merged: Record<string, unknown>;
  /** The form schema without blocked, computed and rule-hidden fields, with `required` permissions added. */
  schema: JSONSchema;
  computed: string[];
  ruleHidden: string[];
}

function prepareSubmission(
  form: FormVersion,
  data: Record<string, unknown>,
  entries: PermissionEntry[],
  previous: Record<string, unknown>,
): PreparedSubmission {
  const known = fieldNamesOf(form.schema);
  // A form that accepts other keys (`additionalProperties`) takes them from the submission, never from
  // the rest of the context.
  const taken = acceptsExtraKeys(form.schema, form.schema)
    ? [...new Set([...known, ...Object.keys(data)])]
    : known;
  const accepted = cloneJson(pick(data, taken));
  const merged = { ...cloneJson(pick(previous, known)), ...cloneJson(accepted) };
  const schema = inlineRefs(form.schema);
  const drop = (segments: string[]): void => {
    removeValue(accepted, segments);
    removeValue(merged, segments);
  };
  const computed = Object.keys(computedFields(form));
  const ruleHidden = ruleHiddenFields(form, { ...previous, ...accepted });
  const removed = [
    ...entries.filter((e) => e.permission === 'hidden' || e.permission === 'readonly').map((e) => e.segments),
    ...[...computed, ...ruleHidden].map((field) => [field]),
  ];
  for (const segments of removed) {
    drop(segments);
    removeSchemaField(schema, segments);
  }
  for (const { segments, permission } of entries) {
    if (permission !== 'required' || !hasField(schema, segments)) continue;
    if (isEmptyValue(valueAt(accepted, segments))) drop(segments);
    requireSchemaField(schema, segments);
  }
  return { accepted, merged, schema, computed, ruleHidden };
}

/** The accepted values as JSON, with nested blocked values restored and computed fields recomputed. */
function acceptedData(
  form: FormVersion,
  { accepted, computed, ruleHidden }: PreparedSubmission,
  entries: PermissionEntry[],
  previous: Record<string, unknown>,
): FormValues {
  restoreNestedBlocked(accepted, entries, previous);
  const recomputed = applyComputed(form, { ...previous, ...accepted });
  for (const field of computed) {
    if (recomputed[field] !== undefined && !ruleHidden.includes(field)) accepted[field] = recomputed[field];
  }
  return toJsonObject(accepted);
}

/**
 * The server's check when a task is completed with form data (docs/flows.md "A form by hand"). Rejects unknown fields,
 * hidden fields (`field is hidden`) and any change to a read-only field (an omitted or unchanged one is
 * fine); validates editable fields against the schema, with `required` permissions added and fields
 * hidden by the form's rules neither required nor kept. The schema must hold for `previous` overlaid with
 * the submission (what the context holds after the merge). Accepts only editable and required fields,
 * plus every computed field recomputed over that merge; a nested hidden or read-only field keeps its
 * previous value inside its accepted parent object, so a shallow merge loses nothing.
 *
 * @example validateSubmission(form, { discount: 0 }, { discount: 'readonly' }, { discount: 500000 }, 'en')
 * // { ok: false, errors: [{ path: '/discount', message: 'Discount is read-only and cannot be changed', ... }] }
 */
export function validateSubmission(
  form: FormVersion,
  data: unknown,
  fields: Record<string, FieldPermission>,
  previous: Record<string, unknown>,
  locale: Locale,
): SubmissionResult {
  if (!isRecord(data)) {
    return {
      ok: false,
      errors: [{ path: '', message: describeSubmissionProblem('notObject', undefined, locale) }],
    };
  }
  const entries = permissionEntries(fields);
  const refused = permissionErrors(form, data, entries, previous, locale);
  if (refused.length > 0) return { ok: false, errors: refused };

  const submission = prepareSubmission(form, data, entries, previous);
  const errors = validateData(submission.schema, submission.merged, locale);
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, data: acceptedData(form, submission, entries, previous) };
}
