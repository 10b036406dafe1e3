/**
 * Show/hide rules ("show `loanBank` when `paymentMethod` is `loan`"). One meaning, two outputs:
 * `visibleFields` decides on the server, `compileRules` writes the same decision into JSON Schema
 * `if`/`then` so rjsf shows and hides the field in the browser.
 *
 * Semantics: a ruled field is visible when every rule for it holds (AND) and every field those rules
 * look at is itself visible — hiding a field hides what depends on it. `neq` holds for an absent
 * value; `notEmpty` fails for absent, `null`, `''` and `[]`. Ruled fields are top-level properties;
 * the field a rule looks at may be one level deep (`customer.type`).
 */

import {
  cloneJson,
  isRecord,
  jsonEqual,
  propertiesOf,
  requiredOf,
  splitField,
  valueAt,
} from './schema-utils.ts';
import type { FormDefinition, JSONSchema, VisibilityRule } from './types.ts';

type RuledForm = Pick<FormDefinition, 'schema' | 'rules'>;

const EMPTY_VALUES: unknown[] = ['', null, []];

/** Whether one rule's condition holds for `data` (ignoring whether the looked-at field is visible). */
export function isRuleSatisfied(rule: VisibilityRule, data: unknown): boolean {
  const value = valueAt(data, splitField(rule.when.field));
  const { op } = rule.when;
  if (op === 'notEmpty') return value !== undefined && !EMPTY_VALUES.some((empty) => jsonEqual(value, empty));
  if (op === 'in') return value !== undefined && listOf(rule.when.value).some((v) => jsonEqual(value, v));
  const equal = value !== undefined && jsonEqual(value, rule.when.value);
  return op === 'eq' ? equal : !equal;
}

function listOf(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [value];
}

/** Rules grouped by the field they show or hide. */
function rulesByField(rules: readonly VisibilityRule[] | undefined): Map<string, VisibilityRule[]> {
  const grouped = new Map<string, VisibilityRule[]>();
  for (const rule of rules ?? []) grouped.set(rule.field, [...(grouped.get(rule.field) ?? []), rule]);
  return grouped;
}

/** The top-level field a rule looks at. */
function controller(rule: VisibilityRule): string {
  return splitField(rule.when.field)[0] ?? rule.when.field;
}

/**
 * The top-level fields of `form` that its rules hide for `data`.
 *
 * @example ruleHiddenFields(form, { paymentMethod: 'cash' }) // ['loanBank']
 */
export function ruleHiddenFields(form: RuledForm, data: unknown): string[] {
  const grouped = rulesByField(form.rules);
  const memo = new Map<string, boolean>();
  const visible = (field: string, path: ReadonlySet<string>): boolean => {
    const known = memo.get(field);
    if (known !== undefined) return known;
    const rules = grouped.get(field);
    if (!rules) return true;
    if (path.has(field)) return false; // a cycle of rules can never be satisfied consistently
    const inner = new Set(path).add(field);
    const result = rules.every((r) => isRuleSatisfied(r, data) && visible(controller(r), inner));
    memo.set(field, result);
    return result;
  };
  return Object.keys(propertiesOf(form.schema)).filter((field) => !visible(field, new Set()));
}

/**
 * The top-level fields of `form` visible for `data` under its rules, in schema order. The server's
 * decision; `compileRules` gives the browser the same one.
 */
export function visibleFields(form: RuledForm, data: unknown): string[] {
  const hidden = new Set(ruleHiddenFields(form, data));
  return Object.keys(propertiesOf(form.schema)).filter((field) => !hidden.has(field));
}

/** A JSON Schema that holds exactly when `rule`'s condition holds. */
function conditionSchema(rule: VisibilityRule): JSONSchema {
  const { op, value } = rule.when;
  if (op === 'neq') return { not: conditionSchema({ ...rule, when: { ...rule.when, op: 'eq' } }) };
  const leaf: JSONSchema =
    op === 'eq' ? { const: value } : op === 'in' ? { enum: listOf(value) } : { not: { enum: EMPTY_VALUES } };
  return splitField(rule.when.field)
    .reverse()
    .reduce<JSONSchema>((inner, name) => ({ properties: { [name]: inner }, required: [name] }), leaf);
}

/** Conditions under which `field` is visible: its own rules and, recursively, those of its controllers. */
function visibilityConditions(
  field: string,
  grouped: Map<string, VisibilityRule[]>,
  path: ReadonlySet<string>,
): JSONSchema[] {
  const rules = grouped.get(field) ?? [];
  if (rules.length > 0 && path.has(field)) return [{ not: {} }]; // a cycle never holds
  const inner = new Set(path).add(field);
  return rules.flatMap((r) => [conditionSchema(r), ...visibilityConditions(controller(r), grouped, inner)]);
}

/**
 * `schema` with each ruled field moved from `properties` (and `required`) into an
 * `allOf: [{ if: <conditions>, then: { properties: { field }, required? } }]` entry, so rjsf shows the
 * field only while its rules hold and ajv requires it only then. Rules for unknown fields are ignored.
 *
 * @example compileRules(schema, [{ field: 'loanBank', when: { field: 'paymentMethod', op: 'eq', value: 'loan' } }])
 */
export function compileRules(schema: JSONSchema, rules: readonly VisibilityRule[] | undefined): JSONSchema {
  const grouped = rulesByField(rules);
  const result = cloneJson(schema);
  const properties = propertiesOf(result);
  const required = requiredOf(result);
  const branches: unknown[] = Array.isArray(result.allOf) ? [...result.allOf] : [];
  for (const field of grouped.keys()) {
    const definition = properties[field];
    if (!definition) continue;
    const conditions = visibilityConditions(field, grouped, new Set());
    const then: JSONSchema = { properties: { [field]: definition } };
    if (required.includes(field)) then.required = [field];
    branches.push({ if: conditions.length === 1 ? conditions[0] : { allOf: conditions }, then });
    delete properties[field];
  }
  if (branches.length === 0) return result;
  if (isRecord(result.properties)) result.properties = properties;
  const remaining = required.filter((name) => !grouped.has(name) || !(name in propertiesOf(schema)));
  if (Array.isArray(result.required)) result.required = remaining;
  result.allOf = branches;
  return result;
}
