/**
 * The form builder's model, pure: fields of a `{ schema, uiSchema }` pair added from the palette, moved,
 * removed and edited. Fields live in `schema.properties` (top level, or inside a section: a nested
 * object), their order in `uiSchema['ui:order']`, their widget options in `uiSchema[name]`.
 */
import { createField, type FieldTypeId } from '../../forms/catalogue.ts';
import { declarations, derefSchema } from '../../forms/schema-utils.ts';
import type { JSONSchema, UISchema, VisibilityRule } from '../../forms/types.ts';

/** The part of a form definition the builder edits. */
export interface FormDoc {
  schema: JSONSchema;
  uiSchema: UISchema;
}

/** `['discount']` for a top-level field, `['customer', 'mobile']` for a field in section `customer`. */
export type FieldPath = string[];

/** A field as the canvas lists it. */
export interface FieldEntry {
  path: FieldPath;
  name: string;
  schema: JSONSchema;
  uiSchema: UISchema;
  required: boolean;
  isSection: boolean;
  children: FieldEntry[];
}

/** What the property panel may change; `undefined` leaves a property as is, `null` removes it. */
export interface FieldPatch {
  label?: string;
  help?: string | null;
  placeholder?: string | null;
  required?: boolean;
  default?: unknown;
  minimum?: number | null;
  maximum?: number | null;
  minLength?: number | null;
  maxLength?: number | null;
  pattern?: string | null;
  /** Choices of a select / radio / multi-select: values and the labels shown. */
  options?: { value: string; label: string }[];
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const clone = <T>(v: T): T => structuredClone(v);

/** The object schema and UI schema holding the fields under `parent` (`[]` for the top level). */
function container(doc: FormDoc, parent: FieldPath): { schema: JSONSchema; ui: UISchema } {
  let schema = doc.schema;
  let ui = doc.uiSchema;
  for (const seg of parent) {
    if (!isRecord(schema.properties)) schema.properties = {};
    const props = schema.properties as Record<string, JSONSchema>;
    if (!props[seg]) props[seg] = { type: 'object', properties: {} };
    schema = props[seg] as JSONSchema;
    if (!isRecord(ui[seg])) ui[seg] = {};
    ui = ui[seg] as UISchema;
  }
  if (!isRecord(schema.properties)) schema.properties = {};
  return { schema, ui };
}

/** Field names under a container, in display order (`ui:order` first, then the rest). */
function orderOf(schema: JSONSchema, ui: UISchema): string[] {
  const names = Object.keys(isRecord(schema.properties) ? schema.properties : {});
  const order = Array.isArray(ui['ui:order'])
    ? (ui['ui:order'] as unknown[]).filter((n): n is string => typeof n === 'string')
    : [];
  return [...order.filter((n) => names.includes(n)), ...names.filter((n) => !order.includes(n))];
}

/**
 * The fields in display order, sections with their children.
 *
 * @example listFields({ schema: { type: 'object', properties: { a: { type: 'string' } } }, uiSchema: {} })[0]?.name // 'a'
 */
export function listFields(doc: FormDoc, parent: FieldPath = []): FieldEntry[] {
  const c = container(clone(doc), parent);
  const required = Array.isArray(c.schema.required) ? (c.schema.required as string[]) : [];
  return orderOf(c.schema, c.ui).map((name) => {
    const schema = (c.schema.properties as Record<string, JSONSchema>)[name] as JSONSchema;
    const isSection = schema.type === 'object' && isRecord(schema.properties);
    const path = [...parent, name];
    return {
      path,
      name,
      schema,
      uiSchema: isRecord(c.ui[name]) ? (c.ui[name] as UISchema) : {},
      required: required.includes(name),
      isSection,
      children: isSection ? listFields(doc, path) : [],
    };
  });
}

/** Every field name in use at any level, to name new fields without clashes. */
function allNames(doc: FormDoc): Set<string> {
  const out = new Set<string>();
  const walk = (entries: FieldEntry[]) => {
    for (const e of entries) {
      out.add(e.name);
      walk(e.children);
    }
  };
  walk(listFields(doc));
  return out;
}

function baseName(type: FieldTypeId): string {
  return type.replace(/-(\w)/g, (_, c: string) => c.toUpperCase());
}

function place(ui: UISchema, schema: JSONSchema, name: string, index: number | undefined) {
  const order = orderOf(schema, ui).filter((n) => n !== name);
  order.splice(index === undefined ? order.length : Math.max(0, Math.min(index, order.length)), 0, name);
  ui['ui:order'] = order;
}

/**
 * Adds a field of a palette type under `parent` at `index` (default: last); returns the new doc and
 * the field's generated name (`text1`, `money2`, ...). Sections cannot be nested.
 */
export function addField(
  doc: FormDoc,
  type: FieldTypeId,
  parent: FieldPath = [],
  index?: number,
): { doc: FormDoc; path: FieldPath } {
  const next = clone(doc);
  const at = type === 'section' ? [] : parent;
  const { schema, uiSchema } = createField(type);
  const used = allNames(next);
  let n = 1;
  while (used.has(`${baseName(type)}${n}`)) n++;
  const name = `${baseName(type)}${n}`;
  const c = container(next, at);
  (c.schema.properties as Record<string, JSONSchema>)[name] = schema;
  if (Object.keys(uiSchema).length) c.ui[name] = uiSchema;
  place(c.ui, c.schema, name, index);
  return { doc: next, path: [...at, name] };
}

function detach(
  doc: FormDoc,
  path: FieldPath,
): { schema: JSONSchema; ui: UISchema | undefined; required: boolean } | undefined {
  const name = path.at(-1);
  if (name === undefined) return undefined;
  const c = container(doc, path.slice(0, -1));
  const props = c.schema.properties as Record<string, JSONSchema>;
  const schema = props[name];
  if (!schema) return undefined;
  delete props[name];
  const required = Array.isArray(c.schema.required) && (c.schema.required as string[]).includes(name);
  if (required) c.schema.required = (c.schema.required as string[]).filter((r) => r !== name);
  if (Array.isArray(c.schema.required) && c.schema.required.length === 0) delete c.schema.required;
  const ui = isRecord(c.ui[name]) ? (c.ui[name] as UISchema) : undefined;
  delete c.ui[name];
  if (Array.isArray(c.ui['ui:order']))
    c.ui['ui:order'] = (c.ui['ui:order'] as string[]).filter((n) => n !== name);
  return { schema, ui, required };
}

/** Removes a field (a section with everything in it). */
export function removeField(doc: FormDoc, path: FieldPath): FormDoc {
  const next = clone(doc);
  detach(next, path);
  return next;
}

/** Moves a field to `index` under `parent` (another section, or the top level). Sections stay top level. */
export function moveField(doc: FormDoc, path: FieldPath, parent: FieldPath, index: number): FormDoc {
  const next = clone(doc);
  const name = path.at(-1);
  const moving = container(clone(doc), path.slice(0, -1)).schema.properties?.[name ?? ''] as
    | JSONSchema
    | undefined;
  if (!name || !moving) return doc;
  if ((moving.type === 'object' && parent.length > 0) || parent.join('.') === path.join('.')) return doc;
  const samePlace = path.slice(0, -1).join('.') === parent.join('.');
  const before = samePlace
    ? orderOf(container(next, parent).schema, container(next, parent).ui).indexOf(name)
    : -1;
  const taken = detach(next, path);
  if (!taken) return doc;
  const c = container(next, parent);
  (c.schema.properties as Record<string, JSONSchema>)[name] = taken.schema;
  if (taken.ui) c.ui[name] = taken.ui;
  if (taken.required)
    c.schema.required = [...(Array.isArray(c.schema.required) ? c.schema.required : []), name];
  place(c.ui, c.schema, name, before >= 0 && before < index ? index - 1 : index);
  return next;
}

function setOrDelete(obj: Record<string, unknown>, key: string, value: unknown) {
  if (value === undefined) return;
  if (value === null || value === '') delete obj[key];
  else obj[key] = value;
}

/** Applies a property-panel edit to one field. */
export function updateField(doc: FormDoc, path: FieldPath, patch: FieldPatch): FormDoc {
  const next = clone(doc);
  const name = path.at(-1) ?? '';
  const c = container(next, path.slice(0, -1));
  const schema = (c.schema.properties as Record<string, JSONSchema>)[name];
  if (!schema) return doc;
  const ui: UISchema = isRecord(c.ui[name]) ? (c.ui[name] as UISchema) : {};
  c.ui[name] = ui;
  if (patch.label !== undefined) schema.title = patch.label;
  setOrDelete(ui, 'ui:help', patch.help);
  setOrDelete(ui, 'ui:placeholder', patch.placeholder);
  for (const key of ['minimum', 'maximum', 'minLength', 'maxLength', 'pattern'] as const)
    setOrDelete(schema, key, patch[key]);
  if ('default' in patch) setOrDelete(schema, 'default', patch.default);
  if (patch.required !== undefined) {
    const req = (Array.isArray(c.schema.required) ? (c.schema.required as string[]) : []).filter(
      (r) => r !== name,
    );
    if (patch.required) req.push(name);
    if (req.length) c.schema.required = req;
    else delete c.schema.required;
  }
  if (patch.options) {
    const target = schema.type === 'array' && isRecord(schema.items) ? (schema.items as JSONSchema) : schema;
    target.enum = patch.options.map((o) => o.value);
    ui['ui:enumNames'] = patch.options.map((o) => o.label);
  }
  if (Object.keys(ui).length === 0) delete c.ui[name];
  return next;
}

/** Sets the number of columns (1 or 2) of the form or a section (`ui:options.columns`). */
export function setColumns(doc: FormDoc, parent: FieldPath, columns: 1 | 2): FormDoc {
  const next = clone(doc);
  const { ui } = container(next, parent);
  const options = isRecord(ui['ui:options']) ? { ...(ui['ui:options'] as Record<string, unknown>) } : {};
  if (columns === 1) delete options.columns;
  else options.columns = columns;
  if (Object.keys(options).length) ui['ui:options'] = options;
  else delete ui['ui:options'];
  return next;
}

/** The number of columns of the form or a section. */
export function columnsOf(doc: FormDoc, parent: FieldPath = []): 1 | 2 {
  const ui = container(clone(doc), parent).ui;
  return isRecord(ui['ui:options']) && ui['ui:options'].columns === 2 ? 2 : 1;
}

/** Rules that still make sense once the field `name` is gone. */
export function rulesWithout(rules: readonly VisibilityRule[], name: string): VisibilityRule[] {
  return rules.filter((r) => r.field !== name && r.when.field.split('.')[0] !== name);
}

/** Schema keywords at the form's top level that add fields only under a condition, or hold shared parts. */
export const BRANCH_KEYWORDS = [
  'if',
  'then',
  'else',
  'dependencies',
  'oneOf',
  'anyOf',
  'allOf',
  'definitions',
] as const;
export type BranchKeyword = (typeof BRANCH_KEYWORDS)[number];

/** A top-level branch keyword of the form, with the fields it declares and where each comes from. */
export interface BranchGroup {
  keyword: BranchKeyword;
  value: unknown;
  fields: { name: string; title: string; via: string }[];
}

/**
 * The form's conditional parts (`if`/`then`/`else`, `dependencies`, `oneOf`, `anyOf`, `allOf`,
 * `definitions`), each with the fields it declares (`via`: `dependencies/payer`, `oneOf/1`, ...).
 * The canvas lists them; they are edited as JSON.
 *
 * @example branchGroups({ schema: { type: 'object', properties: {}, then: { properties: { b: {} } } }, uiSchema: {} })
 * // [{ keyword: 'then', value: {...}, fields: [{ name: 'b', title: 'b', via: 'then' }] }]
 */
export function branchGroups(doc: FormDoc): BranchGroup[] {
  const root = doc.schema;
  const branches = declarations(root, root).filter((d) => d.via.length > 0);
  return BRANCH_KEYWORDS.filter((keyword) => root[keyword] !== undefined).map((keyword) => ({
    keyword,
    value: root[keyword],
    fields: branches
      .filter((d) => d.via[0] === keyword)
      .flatMap((d) =>
        Object.entries(isRecord(d.schema.properties) ? d.schema.properties : {}).map(([name, field]) => {
          const resolved = derefSchema(root, field);
          const title = typeof resolved?.title === 'string' ? resolved.title : name;
          return { name, title, via: d.via.join('/') };
        }),
      ),
  }));
}

/** Sets (or, with `undefined`, removes) a top-level branch keyword of the schema. */
export function setBranch(doc: FormDoc, keyword: BranchKeyword, value: unknown): FormDoc {
  const next = clone(doc);
  if (value === undefined) delete next.schema[keyword];
  else next.schema[keyword] = value;
  return next;
}
