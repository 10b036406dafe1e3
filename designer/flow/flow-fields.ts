/**
 * The fields a flow's conditions can test: every field of the flow's forms (its start form and its
 * tasks' forms), by context path, with its label and the kind of value it holds. Pure.
 */
import { fieldNames } from '../../forms/catalogue.ts';
import { isRecord, propertiesOf } from '../../forms/schema-utils.ts';
import type { JSONSchema, UISchema } from '../../forms/types.ts';

/** What a field holds, as far as a condition cares: it picks the operators and the value input. */
export type FieldKind = 'text' | 'number' | 'money' | 'date' | 'enum' | 'multi' | 'boolean' | 'other';

export interface FieldOption {
  value: string;
  label: string;
}

/** A field a condition can test. `path` is how expressions name it (`price`, `review.comment`). */
export interface FlowField {
  path: string;
  label: string;
  kind: FieldKind;
  /** Choices of an enum / multi-select field, with their labels. */
  options?: FieldOption[];
}

/** A form as the flow's forms are read: schema and UI schema. */
export interface FormShape {
  schema: JSONSchema;
  uiSchema?: UISchema;
}

function optionsOf(schema: JSONSchema, ui: UISchema | undefined): FieldOption[] | undefined {
  const names: unknown = ui?.['ui:enumNames'] ?? schema.enumNames;
  if (Array.isArray(schema.enum))
    return schema.enum.map((v: unknown, i: number) => ({
      value: String(v),
      label: Array.isArray(names) && typeof names[i] === 'string' ? names[i] : String(v),
    }));
  if (Array.isArray(schema.oneOf) && schema.oneOf.every((o: unknown) => isRecord(o) && 'const' in o))
    return schema.oneOf.map((o: JSONSchema) => ({
      value: String(o.const),
      label: typeof o.title === 'string' ? o.title : String(o.const),
    }));
  return undefined;
}

function kindOf(schema: JSONSchema, ui: UISchema | undefined): FieldKind {
  const widget = ui?.['ui:widget'];
  if (widget === 'money') return 'money';
  if (schema.type === 'array')
    return isRecord(schema.items) && optionsOf(schema.items, undefined) ? 'multi' : 'other';
  if (optionsOf(schema, ui)) return 'enum';
  if (schema.type === 'boolean') return 'boolean';
  if (schema.type === 'number' || schema.type === 'integer') return 'number';
  if (schema.type === 'string' && (schema.format === 'date' || schema.format === 'date-time')) return 'date';
  if (schema.type === 'string' && typeof widget !== 'string') return 'text';
  return 'other';
}

function propertySchema(schema: JSONSchema, name: string): JSONSchema | undefined {
  const own = propertiesOf(schema)[name];
  if (own) return own;
  for (const branch of Array.isArray(schema.allOf) ? schema.allOf : []) {
    const p = isRecord(branch) && isRecord(branch.then) ? propertiesOf(branch.then)[name] : undefined;
    if (p) return p;
  }
  return undefined;
}

/**
 * The fields of one form; nested objects give one level of `parent.child` fields. `prefix` is the
 * context path the form's data is merged into (a task's `bind`).
 *
 * @example
 * formFields({ schema: { properties: { price: { type: 'integer', title: '申请价格' } } },
 *   uiSchema: { price: { 'ui:widget': 'money' } } }); // [{ path: 'price', label: '申请价格', kind: 'money' }]
 */
export function formFields(form: FormShape, prefix = ''): FlowField[] {
  const out: FlowField[] = [];
  for (const name of fieldNames(form.schema)) {
    const schema = propertySchema(form.schema, name);
    if (!schema) continue;
    const ui = isRecord(form.uiSchema?.[name]) ? (form.uiSchema?.[name] as UISchema) : undefined;
    const path = prefix ? `${prefix}.${name}` : name;
    const label = typeof schema.title === 'string' && schema.title ? schema.title : name;
    if (schema.type === 'object' && Object.keys(propertiesOf(schema)).length > 0) {
      for (const child of formFields({ schema, uiSchema: ui ?? {} }, path))
        out.push({ ...child, label: `${label}·${child.label}` });
      continue;
    }
    const kind = kindOf(schema, ui);
    const options = kind === 'multi' ? optionsOf(schema.items, undefined) : optionsOf(schema, ui);
    out.push({ path, label, kind, ...(options && (kind === 'enum' || kind === 'multi') ? { options } : {}) });
  }
  return out;
}

/**
 * The fields of several forms, first label wins for a path seen twice, then context keys no form
 * describes (labelled by their name).
 */
export function mergeFields(lists: FlowField[][], contextKeys: string[] = []): FlowField[] {
  const seen = new Map<string, FlowField>();
  for (const f of lists.flat()) if (!seen.has(f.path)) seen.set(f.path, f);
  const roots = new Set([...seen.keys()].map((p) => p.split('.')[0]));
  for (const key of contextKeys)
    if (!roots.has(key) && !seen.has(key)) seen.set(key, { path: key, label: key, kind: 'other' });
  return [...seen.values()];
}

/** Field path → label, for `celToWords`. */
export function fieldLabelMap(fields: readonly FlowField[]): Record<string, FlowField> {
  return Object.fromEntries(fields.map((f) => [f.path, f]));
}
