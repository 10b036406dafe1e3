/**
 * Server-side (and browser-side) validation of form data with one shared ajv instance: draft-07,
 * all errors, ajv-formats plus our formats (formats.ts). Errors come back as `FieldError`s with
 * JSON-pointer paths and messages people can read, in Chinese or English.
 */
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { applyComputed, computedFields } from './computed.ts';
import { addDealerflowFormats } from './formats.ts';
import { describeError, describeSubmissionProblem } from './messages.ts';
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
  cloneJson,
  fromPointer,
  isRecord,
  jsonEqual,
  pick,
  propertiesOf,
  schemaAt,
  toJsonObject,
  toPointer,
  valueAt,
} from './schema-utils.ts';
import type {
  FieldError,
  FieldPermission,
  FormVersion,
  JSONSchema,
  Locale,
  VisibilityRule,
} from './types.ts';

// strict: false — schemas come from the designer and rjsf, which carry keywords ajv does not know.
const ajv = addDealerflowFormats(addFormats(new Ajv({ allErrors: true, strict: false })));

const MAX_CACHED = 256;
const validators = new Map<string, ValidateFunction>();

/**
 * The compiled validator for `schema`, cached by content. Schemas are rebuilt per request (rules,
 * permissions), so ajv's own cache — keyed by object identity, never evicted — would only grow.
 */
function validatorFor(schema: JSONSchema): ValidateFunction {
  const key = JSON.stringify(schema);
  const cached = validators.get(key);
  if (cached) {
    validators.delete(key); // re-insert: the Map's order doubles as least-recently-used order
    validators.set(key, cached);
    return cached;
  }
  const compiled = ajv.compile(schema);
  ajv.removeSchema(schema);
  validators.set(key, compiled);
  const oldest = validators.keys().next();
  if (validators.size > MAX_CACHED && !oldest.done) validators.delete(oldest.value);
  return compiled;
}

/** Data path of an ajv error: for a missing or extra property, the property's own path. */
function errorSegments(error: ErrorObject): string[] {
  const base = fromPointer(error.instancePath);
  const { missingProperty, additionalProperty } = error.params as Record<string, unknown>;
  if (typeof missingProperty === 'string') return [...base, missingProperty];
  if (typeof additionalProperty === 'string') return [...base, additionalProperty];
  return base;
}

/** What a field is called in messages: its schema `title`, else its name; none for the root. */
export function fieldLabel(schema: JSONSchema, segments: readonly string[]): string | undefined {
  const title: unknown = schemaAt(schema, segments)?.title;
  if (typeof title === 'string' && title !== '') return title;
  return [...segments].reverse().find((segment) => !/^\d+$/.test(segment));
}

function toFieldErrors(
  errors: ErrorObject[],
  schema: JSONSchema,
  data: unknown,
  locale: Locale,
): FieldError[] {
  // `if` errors only repeat the `then` errors that caused them.
  return errors
    .filter((error) => error.keyword !== 'if')
    .map((error) => {
      const segments = errorSegments(error);
      const label = fieldLabel(schema, segments);
      const message = describeError(error, label, valueAt(data, segments), locale);
      return { path: toPointer(segments), message, keyword: error.keyword };
    });
}

/** Options of `validateData`. */
export interface ValidateDataOptions {
  /** The form's show/hide rules: fields they hide are neither required nor validated. */
  rules?: readonly VisibilityRule[];
}

/**
 * Validates `data` against `schema` and returns every problem (empty when valid). Paths are JSON
 * pointers; a missing required field is reported at its own path (`/discount`).
 *
 * @example validateData(schema, {}, 'zh-CN') // [{ path: '/discount', message: '优惠金额 为必填项', keyword: 'required' }]
 */
export function validateData(
  schema: JSONSchema,
  data: unknown,
  locale: Locale,
  options: ValidateDataOptions = {},
): FieldError[] {
  let effective = schema;
  let visible = data;
  const hidden = options.rules ? ruleHiddenFields({ schema, rules: [...options.rules] }, data) : [];
  if (hidden.length > 0 && isRecord(data)) {
    effective = cloneJson(schema);
    for (const field of hidden) removeSchemaField(effective, [field]);
    visible = pick(
      data,
      Object.keys(data).filter((key) => !hidden.includes(key)),
    );
  }
  const validate = validatorFor(effective);
  if (validate(visible)) return [];
  return toFieldErrors(validate.errors ?? [], effective, visible, locale);
}

/** The answer of `validateSubmission`: the data to accept, or what is wrong with it. */
export type SubmissionResult =
  | { ok: true; data: Record<string, unknown> }
  | { ok: false; errors: FieldError[] };

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
  const known = propertiesOf(form.schema);
  const computed = computedFields(form);
  const errors = Object.keys(data)
    .filter((key) => !(key in known))
    .map((key) => problem([key], 'unknown'));
  for (const { segments, permission } of entries) {
    const value = valueAt(data, segments);
    if (value === undefined || !hasField(form.schema, segments)) continue;
    if (permission === 'hidden') errors.push(problem(segments, 'hidden'));
    // Computed values are recomputed anyway, so a client's stale copy is not a change attempt.
    const isComputed = segments.length === 1 && segments[0] !== undefined && segments[0] in computed;
    if (permission === 'readonly' && !isComputed && !jsonEqual(value, valueAt(previous, segments))) {
      errors.push(problem(segments, 'readonly'));
    }
  }
  return errors;
}

const EMPTY = [undefined, null, ''];

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

/**
 * The server's check when a task is completed with form data (DESIGN.md §3). Rejects unknown fields,
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

  const known = Object.keys(propertiesOf(form.schema));
  const accepted = cloneJson(pick(data, known));
  // What the context will hold once the data is merged: that is what must satisfy the schema.
  const merged = { ...cloneJson(pick(previous, known)), ...cloneJson(accepted) };
  const schema = cloneJson(form.schema);
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
    if (EMPTY.includes(valueAt(accepted, segments) as string)) drop(segments);
    requireSchemaField(schema, segments);
  }
  const errors = validateData(schema, merged, locale);
  if (errors.length > 0) return { ok: false, errors };
  restoreNestedBlocked(accepted, entries, previous);
  const recomputed = applyComputed(form, { ...previous, ...accepted });
  for (const field of computed) {
    if (recomputed[field] !== undefined && !ruleHidden.includes(field)) accepted[field] = recomputed[field];
  }
  return { ok: true, data: toJsonObject(accepted) };
}
