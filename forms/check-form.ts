/**
 * Checks a form document before it is saved or published, with errors an admin can act on: a schema
 * that breaks the JSON Schema draft-07 meta-schema, `$ref`s that do not resolve, unknown formats, rules
 * about unknown fields, broken formulas, a `ui:order` that rjsf would refuse (unknown fields, more than
 * one `*`, a field — conditional ones included — missing without `*`), unknown widgets. Paths point into
 * the document (`/schema/properties/vin/format`, `/rules/0/field`, `/uiSchema/ui:order/2`). A form that
 * passes compiles, so submitting data to it is never a server error.
 */

import { CUSTOM_WIDGETS } from './catalogue.ts';
import { checkFormulas } from './computed.ts';
import { translationProblems } from './i18n.ts';
import {
  declaredFields,
  derefSchema,
  isRecord,
  propertiesOf,
  resolveRef,
  splitField,
  toPointer,
} from './schema-utils.ts';
import type { FieldError, FormDefinition, JSONSchema } from './types.ts';
import { checkSchema, isKnownFormat } from './validate-data.ts';

const OPS = ['eq', 'neq', 'in', 'notEmpty'];

/** Every `format` in a schema with its path, however deep. */
function formatsIn(node: unknown, path: string[], found: { path: string[]; format: string }[]): void {
  if (Array.isArray(node)) {
    node.forEach((item, i) => {
      formatsIn(item, [...path, String(i)], found);
    });
    return;
  }
  if (!isRecord(node)) return;
  for (const [key, value] of Object.entries(node)) {
    if (key === 'format' && typeof value === 'string') found.push({ path: [...path, key], format: value });
    else if (!DATA_KEYWORDS.has(key)) formatsIn(value, [...path, key], found);
  }
}

/** Keywords whose values are data, not schemas: never searched for `format` or `$ref`. */
const DATA_KEYWORDS = new Set(['enum', 'const', 'default', 'examples']);

/** Every `$ref` in a schema with its path, however deep. */
function refsIn(node: unknown, path: string[], found: { path: string[]; ref: unknown }[]): void {
  if (Array.isArray(node)) {
    node.forEach((item, i) => {
      refsIn(item, [...path, String(i)], found);
    });
    return;
  }
  if (!isRecord(node)) return;
  for (const [key, value] of Object.entries(node)) {
    if (key === '$ref' && path.at(-1) !== 'properties') found.push({ path: [...path, key], ref: value });
    else if (!DATA_KEYWORDS.has(key)) refsIn(value, [...path, key], found);
  }
}

function refProblems(schema: JSONSchema): FieldError[] {
  const found: { path: string[]; ref: unknown }[] = [];
  refsIn(schema, [], found);
  return found.flatMap(({ path, ref }) => {
    if (typeof ref !== 'string') return []; // the meta-schema reports it
    const at = toPointer(['schema', ...path]);
    if (!ref.startsWith('#'))
      return [
        {
          path: at,
          message: `only references inside the form are allowed ("#/definitions/..."), not "${ref}"`,
          keyword: '$ref',
        },
      ];
    if (!resolveRef(schema, ref))
      return [{ path: at, message: `"${ref}" points at nothing in the form`, keyword: '$ref' }];
    return [];
  });
}

/** `pattern`s and `patternProperties` names that are no regular expression (ajv compiles them with `u`). */
function patternProblems(node: unknown, path: string[] = []): FieldError[] {
  if (Array.isArray(node)) return node.flatMap((item, i) => patternProblems(item, [...path, String(i)]));
  if (!isRecord(node)) return [];
  const errors: FieldError[] = [];
  const check = (source: string, at: string[]): void => {
    try {
      new RegExp(source, 'u');
    } catch {
      errors.push({
        path: toPointer(['schema', ...at]),
        message: `"${source}" is not a regular expression`,
        keyword: 'pattern',
      });
    }
  };
  for (const [key, value] of Object.entries(node)) {
    if (DATA_KEYWORDS.has(key)) continue;
    if (key === 'pattern' && typeof value === 'string' && path.at(-1) !== 'properties')
      check(value, [...path, key]);
    if (key === 'patternProperties' && isRecord(value))
      for (const name of Object.keys(value)) check(name, [...path, key, name]);
    errors.push(...patternProblems(value, [...path, key]));
  }
  return errors;
}

const DRAFT_07 = /^https?:\/\/json-schema\.org\/draft-07\/schema#?$/;

function schemaProblems(schema: JSONSchema): FieldError[] {
  if (!isRecord(schema) || schema.type !== 'object' || !isRecord(schema.properties)) {
    return [
      { path: '/schema', message: 'the schema must be an object schema with properties', keyword: 'type' },
    ];
  }
  if (
    schema.$schema !== undefined &&
    (typeof schema.$schema !== 'string' || !DRAFT_07.test(schema.$schema))
  ) {
    return [
      {
        path: '/schema/$schema',
        message: 'forms are JSON Schema draft-07 ("http://json-schema.org/draft-07/schema#")',
        keyword: '$schema',
      },
    ];
  }
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  // The meta-schema reports one mistake several times (`type`: not one of the types, not a list, not
  // any of those): one error per path is enough to act on.
  for (const e of checkSchema(schema, { compile: false })) {
    const path = `/schema${e.path}`;
    if (seen.has(path)) continue;
    seen.add(path);
    errors.push({ ...e, path });
  }
  errors.push(...refProblems(schema));
  const found: { path: string[]; format: string }[] = [];
  formatsIn(schema, [], found);
  for (const { path, format } of found) {
    if (!isKnownFormat(format)) {
      errors.push({
        path: toPointer(['schema', ...path]),
        message: `unknown format "${format}"`,
        keyword: 'format',
      });
    }
  }
  errors.push(...patternProblems(schema));
  if (errors.length > 0) return errors;
  // What the meta-schema cannot see (a pattern that is no regular expression, ...): ajv must compile it.
  return checkSchema(schema).map((e) => ({ ...e, path: `/schema${e.path}` }));
}

function ruleProblems(form: FormDefinition): FieldError[] {
  const fields = propertiesOf(form.schema);
  const errors: FieldError[] = [];
  (form.rules ?? []).forEach((rule, i) => {
    const at = (key: string, message: string): void => {
      errors.push({ path: toPointer(['rules', i, ...key.split('.')]), message, keyword: 'rule' });
    };
    if (!(rule.field in fields)) at('field', `unknown field "${rule.field}"`);
    const watched = splitField(rule.when.field)[0] ?? '';
    if (!(watched in fields)) at('when.field', `unknown field "${rule.when.field}"`);
    if (watched === rule.field) at('when.field', 'a field cannot depend on itself');
    if (!OPS.includes(rule.when.op)) at('when.op', `unknown operator "${rule.when.op}"`);
    if (rule.when.op === 'in' && !Array.isArray(rule.when.value))
      at('when.value', '"in" needs a list of values');
  });
  return errors;
}

/** Widget names rjsf resolves (its own, by name or by type) plus the project's custom ones. */
const KNOWN_WIDGETS = new Set<string>([
  ...['text', 'password', 'email', 'hostname', 'ipv4', 'ipv6', 'uri', 'url', 'data-url', 'radio', 'select'],
  ...['textarea', 'hidden', 'date', 'datetime', 'date-time', 'alt-date', 'alt-datetime', 'time', 'color'],
  ...['file', 'files', 'updown', 'range', 'checkbox', 'checkboxes'],
  ...CUSTOM_WIDGETS,
]);

/** Where a field comes from, for messages: `dependencies/payer`, `allOf/0/then`, or nothing for `properties`. */
function origin(via: string[]): string {
  return via.length === 0 ? 'properties' : via.join('/');
}

/**
 * Problems in the UI schema of one object level: `ui:order` (what rjsf would refuse or ignore), entries
 * for fields that do not exist, unknown widgets; then the same one level down for object fields and
 * array items.
 */
function uiProblems(
  root: JSONSchema,
  schema: unknown,
  ui: unknown,
  path: (string | number)[],
  depth: number,
): FieldError[] {
  if (!isRecord(ui) || depth > 8) return [];
  const errors: FieldError[] = [];
  const at = (segments: (string | number)[], message: string, keyword: string): void => {
    errors.push({ path: toPointer(['uiSchema', ...path, ...segments]), message, keyword });
  };
  const fields = declaredFields(root, schema);
  const widget: unknown = ui['ui:widget'];
  if (widget !== undefined && (typeof widget !== 'string' || !KNOWN_WIDGETS.has(widget)))
    at(['ui:widget'], `unknown widget "${String(widget)}"`, 'ui:widget');
  const order: unknown = ui['ui:order'];
  if (order !== undefined && !Array.isArray(order))
    at(['ui:order'], 'must be a list of field names', 'ui:order');
  if (Array.isArray(order)) {
    const listed = new Set<unknown>();
    order.forEach((name, i) => {
      if (name !== '*' && (typeof name !== 'string' || !fields.has(name)))
        at(['ui:order', i], `unknown field "${String(name)}"`, 'ui:order');
      else if (listed.has(name))
        at(['ui:order', i], name === '*' ? 'at most one "*"' : `"${name}" is listed twice`, 'ui:order');
      listed.add(name);
    });
    if (!listed.has('*')) {
      for (const field of fields.values()) {
        if (listed.has(field.name)) continue;
        const where = origin(field.via[0] ?? []);
        at(['ui:order'], `"${field.name}" (from ${where}) is missing: list it or add "*"`, 'ui:order');
      }
    }
  }
  for (const [key, value] of Object.entries(ui)) {
    if (key.startsWith('ui:') || key === 'items' || key === 'additionalProperties') continue;
    const field = fields.get(key);
    if (!field) {
      at([key], `unknown field "${key}"`, 'uiSchema');
      continue;
    }
    // A field declared in several branches may be an object in one of them: check the UI against each.
    const nested = field.schemas.flatMap((s) => uiProblems(root, s, value, [...path, key], depth + 1));
    errors.push(
      ...nested.filter((e, i) => nested.findIndex((o) => o.path === e.path && o.message === e.message) === i),
    );
  }
  const resolved = derefSchema(root, schema);
  if (resolved && isRecord(resolved.items) && isRecord(ui.items))
    errors.push(...uiProblems(root, resolved.items, ui.items, [...path, 'items'], depth + 1));
  return errors;
}

/**
 * Every problem with a form document; empty when it can be saved and published.
 *
 * @example checkForm({ key: 'f', title: 'F', schema: { type: 'object', properties: { m: { type: 'string', format: 'moblie' } } } })
 * // [{ path: '/schema/properties/m/format', message: 'unknown format "moblie"', keyword: 'format' }]
 */
export function checkForm(form: FormDefinition): FieldError[] {
  const schemaErrors = schemaProblems(form.schema);
  if (schemaErrors.some((e) => e.path === '/schema' && e.keyword === 'type')) return schemaErrors;
  const formulaErrors = checkFormulas(form).map((e) => ({ ...e, path: `/uiSchema${e.path}` }));
  return [
    ...schemaErrors,
    ...ruleProblems(form),
    ...formulaErrors,
    ...uiProblems(form.schema, form.schema, form.uiSchema ?? {}, [], 0),
    ...translationProblems(form.i18n, '/i18n').map((e) => ({ ...e, keyword: 'i18n' })),
  ];
}
