/**
 * Projects a form for one task step (docs/flows.md "A form by hand"): what the browser receives for `GET /api/tasks/:id`.
 * Hidden fields never leave the server — not in the schema, the UI schema nor the data.
 */
import { applyComputed, computedFields } from './computed.ts';
import {
  hasField,
  isWithin,
  markSchemaReadOnly,
  markUiReadOnly,
  type PermissionEntry,
  permissionEntries,
  removeSchemaField,
  removeUiField,
  removeValue,
  requireSchemaField,
} from './permissions.ts';
import { compileRules, isRuleSatisfied } from './rules.ts';
import {
  cloneJson,
  fieldNamesOf,
  inlineRefs,
  isRecord,
  pick,
  propertiesOf,
  splitField,
  toJsonObject,
} from './schema-utils.ts';
import type {
  FieldPermission,
  FormDefinition,
  FormValues,
  JSONSchema,
  UISchema,
  VisibilityRule,
} from './types.ts';

/** A form as one task step shows it. */
export interface ProjectedForm {
  /** JSON Schema for rjsf: hidden fields removed, read-only ones `readOnly`, rules compiled to `if`/`then`. */
  schema: JSONSchema;
  uiSchema: UISchema;
  /** The form's fields from the given data, computed fields recomputed, hidden fields removed. */
  data: FormValues;
}

function hide(projected: ProjectedForm, segments: string[]): void {
  removeSchemaField(projected.schema, segments);
  removeUiField(projected.uiSchema, segments);
  removeValue(projected.data, segments);
}

function makeReadOnly(projected: ProjectedForm, segments: string[]): void {
  if (!hasField(projected.schema, segments)) return;
  markSchemaReadOnly(projected.schema, segments);
  markUiReadOnly(projected.uiSchema, segments);
}

/**
 * The rules the browser can still evaluate. A rule looking at a field hidden from this step is decided
 * here, on the full data: if it holds it is dropped, if not its field is hidden too.
 */
function settleRules(
  projected: ProjectedForm,
  rules: readonly VisibilityRule[],
  hidden: PermissionEntry[],
  data: Record<string, unknown>,
): VisibilityRule[] {
  const remaining: VisibilityRule[] = [];
  for (const rule of rules) {
    if (!(rule.field in propertiesOf(projected.schema))) continue;
    const watched = splitField(rule.when.field);
    if (!hidden.some((entry) => isWithin(watched, entry.segments))) remaining.push(rule);
    else if (!isRuleSatisfied(rule, data)) hide(projected, [rule.field]);
  }
  return remaining.filter((rule) => rule.field in propertiesOf(projected.schema));
}

/**
 * The form as the step with permissions `fields` shows it, over `data` (typically the instance
 * context; keys that are not fields of the form are left out). Fields not listed are editable.
 * Dotted keys (`customer.mobile`) address a field one level inside an object field.
 *
 * @example projectForm(form, { discount: 'readonly', cost: 'hidden', reviewComment: 'required' }, context)
 */
export function projectForm(
  form: FormDefinition,
  fields: Record<string, FieldPermission>,
  data: unknown,
): ProjectedForm {
  const source = isRecord(data) ? data : {};
  const known = fieldNamesOf(form.schema);
  const projected: ProjectedForm = {
    // `$ref`s inlined: a field's permission must not change a definition other fields share.
    schema: inlineRefs(form.schema),
    uiSchema: cloneJson(form.uiSchema ?? {}),
    data: toJsonObject(pick(applyComputed(form, pick(source, known)), known)),
  };
  const entries = permissionEntries(fields);
  const hidden = entries.filter((e) => e.permission === 'hidden');
  for (const { segments } of hidden) hide(projected, segments);
  for (const field of Object.keys(computedFields(form))) makeReadOnly(projected, [field]);
  for (const { segments, permission } of entries) {
    if (permission === 'readonly') makeReadOnly(projected, segments);
    if (permission === 'required') requireSchemaField(projected.schema, segments);
  }
  const rules = settleRules(projected, form.rules ?? [], hidden, source);
  projected.schema = compileRules(projected.schema, rules);
  return projected;
}
