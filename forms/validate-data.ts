/**
 * Validation of form data against a JSON Schema with one shared ajv instance: draft-07, all errors,
 * ajv-formats plus our formats (formats.ts). Errors come back as `FieldError`s with JSON-pointer
 * paths and messages people can read, in Chinese or English. Re-exported by validate.ts.
 */
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { addDealerflowFormats } from './formats.ts';
import { describeBrokenSchema, describeError } from './messages.ts';
import { removeSchemaField } from './permissions.ts';
import { ruleHiddenFields } from './rules.ts';
import { cloneJson, fromPointer, isRecord, pick, schemaAt, toPointer, valueAt } from './schema-utils.ts';
import type { FieldError, JSONSchema, Locale, VisibilityRule } from './types.ts';

// strict: false — schemas come from the designer and rjsf, which carry keywords ajv does not know.
// logger: false — unknown formats are reported by `checkForm` before a form is saved, not logged per request.
const ajv = addDealerflowFormats(addFormats(new Ajv({ allErrors: true, strict: false, logger: false })));

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

/** Whether the shared ajv instance knows the string format `name` (`mobile`, `email`, ...). */
export function isKnownFormat(name: string): boolean {
  return Object.hasOwn(ajv.formats, name);
}

/**
 * Problems with a schema itself: violations of the draft-07 meta-schema (paths inside the schema) or a
 * failure to compile (unless `compile` is false). Empty when `validateData` can use it.
 */
export function checkSchema(
  schema: JSONSchema,
  { compile = true }: { compile?: boolean } = {},
): FieldError[] {
  try {
    if (!ajv.validateSchema(schema)) {
      return (ajv.errors ?? []).map((e) => ({
        path: e.instancePath,
        message: e.message ?? 'invalid',
        keyword: e.keyword,
      }));
    }
    if (compile) validatorFor(schema);
    return [];
  } catch (error) {
    return [{ path: '', message: error instanceof Error ? error.message : String(error), keyword: 'schema' }];
  }
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
 * @example validateData(schema, {}, 'zh-CN') // [{ path: '/discount', message: '请填写优惠金额', keyword: 'required' }]
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
  let validate: ValidateFunction;
  try {
    validate = validatorFor(effective);
  } catch {
    // `checkForm` refuses such schemas at save and publish; one stored before that is the form's
    // fault, answered as invalid rather than as a server error.
    return [{ path: '', message: describeBrokenSchema(locale), keyword: 'schema' }];
  }
  if (validate(visible)) return [];
  return toFieldErrors(validate.errors ?? [], effective, visible, locale);
}
