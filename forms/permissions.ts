/**
 * A task's per-field permissions (`{ discount: 'readonly', 'customer.mobile': 'hidden' }`) applied to
 * JSON Schema, rjsf UI schema and data, addressed by dotted field keys: top-level fields, or one level
 * into an object field. Internal to the forms module; fields the schema does not know are ignored.
 */

import {
  declarations,
  declaredFields,
  isRecord,
  propertiesOf,
  requiredOf,
  splitField,
} from './schema-utils.ts';
import type { FieldPermission, JSONSchema, UISchema } from './types.ts';

/** One permission with its field path split into segments. */
export interface PermissionEntry {
  field: string;
  segments: string[];
  permission: FieldPermission;
}

/** The permissions as entries, parents before children so a hidden object is handled before its fields. */
export function permissionEntries(fields: Record<string, FieldPermission> | undefined): PermissionEntry[] {
  return Object.entries(fields ?? {})
    .map(([field, permission]) => ({ field, segments: splitField(field), permission }))
    .sort((a, b) => a.segments.length - b.segments.length);
}

/** Whether `segments` is `prefix` or lies inside it. */
export function isWithin(segments: readonly string[], prefix: readonly string[]): boolean {
  return prefix.length <= segments.length && prefix.every((segment, i) => segments[i] === segment);
}

/**
 * The object schemas (the object itself or its branches: `allOf`, `then`, `dependencies`, ...) whose
 * `properties` declare the last segment, following every declaration of the parents on the way. Empty
 * when the path is unknown. Best used on a schema whose `$ref`s are inlined (`inlineRefs`), so that
 * changing one field does not change a shared definition.
 */
function fieldSites(schema: JSONSchema, segments: readonly string[]): JSONSchema[] {
  let objects: unknown[] = [schema];
  for (const segment of segments.slice(0, -1)) {
    objects = objects.flatMap((object) => declaredFields(schema, object).get(segment)?.schemas ?? []);
  }
  const last = segments.at(-1);
  if (last === undefined) return [];
  return objects.flatMap((object) =>
    declarations(schema, object)
      .map((d) => d.schema)
      .filter((s) => last in propertiesOf(s)),
  );
}

/** The declarations of the object holding the field at `segments` (where `required` may name it). */
function parentDeclarations(schema: JSONSchema, segments: readonly string[]): JSONSchema[] {
  let objects: unknown[] = [schema];
  for (const segment of segments.slice(0, -1)) {
    objects = objects.flatMap((object) => declaredFields(schema, object).get(segment)?.schemas ?? []);
  }
  return objects.flatMap((object) => declarations(schema, object).map((d) => d.schema));
}

/** Whether the schema declares a field at `segments` (in any branch). */
export function hasField(schema: JSONSchema, segments: readonly string[]): boolean {
  return fieldSites(schema, segments).length > 0;
}

/**
 * Removes the field at `segments` from every declaration's `properties`, from every `required` of its
 * object and from property `dependencies` naming it (mutates `schema`).
 */
export function removeSchemaField(schema: JSONSchema, segments: readonly string[]): void {
  const name = segments.at(-1);
  const sites = fieldSites(schema, segments);
  if (sites.length === 0 || name === undefined) return;
  for (const site of sites) delete site.properties[name];
  for (const declaration of parentDeclarations(schema, segments)) {
    if (Array.isArray(declaration.required))
      declaration.required = requiredOf(declaration).filter((n) => n !== name);
    const dependencies: unknown = declaration.dependencies;
    if (!isRecord(dependencies)) continue;
    for (const [key, value] of Object.entries(dependencies)) {
      if (!Array.isArray(value)) continue;
      if (key === name) delete dependencies[key];
      else dependencies[key] = value.filter((n) => n !== name);
    }
  }
}

/** Makes the field at `segments` required where it is declared, and its parent objects with it (mutates `schema`). */
export function requireSchemaField(schema: JSONSchema, segments: readonly string[]): void {
  if (!hasField(schema, segments)) return;
  for (let depth = 1; depth <= segments.length; depth++) {
    const path = segments.slice(0, depth);
    const name = path.at(-1) as string;
    for (const site of fieldSites(schema, path)) {
      const required = requiredOf(site);
      if (!required.includes(name)) site.required = [...required, name];
    }
  }
}

/** Marks the field at `segments` `readOnly: true` wherever it is declared (mutates `schema`). */
export function markSchemaReadOnly(schema: JSONSchema, segments: readonly string[]): void {
  const name = segments.at(-1);
  if (name === undefined) return;
  for (const site of fieldSites(schema, segments)) {
    site.properties[name] = { ...site.properties[name], readOnly: true };
  }
}

/** The UI schema node for `segments`, created on the way when `create` is set. */
function uiNode(uiSchema: UISchema, segments: readonly string[], create: boolean): UISchema | undefined {
  let current: UISchema = uiSchema;
  for (const segment of segments) {
    const next: unknown = current[segment];
    if (!isRecord(next)) {
      if (!create) return undefined;
      current[segment] = {};
    }
    current = current[segment];
  }
  return current;
}

/** Removes the field's UI entry and its place in the parent's `ui:order` (mutates `uiSchema`). */
export function removeUiField(uiSchema: UISchema, segments: readonly string[]): void {
  const parent = uiNode(uiSchema, segments.slice(0, -1), false);
  const name = segments.at(-1);
  if (!parent || name === undefined) return;
  delete parent[name];
  const order: unknown = parent['ui:order'];
  if (Array.isArray(order)) parent['ui:order'] = order.filter((entry) => entry !== name);
}

/** Sets `ui:readonly` on the field's UI entry (mutates `uiSchema`). */
export function markUiReadOnly(uiSchema: UISchema, segments: readonly string[]): void {
  const node = uiNode(uiSchema, segments, true);
  if (node) node['ui:readonly'] = true;
}

/** Deletes the value at `segments` from `data` (mutates `data`). */
export function removeValue(data: Record<string, unknown>, segments: readonly string[]): void {
  let current: unknown = data;
  for (const segment of segments.slice(0, -1)) current = isRecord(current) ? current[segment] : undefined;
  const name = segments.at(-1);
  if (isRecord(current) && name !== undefined) delete current[name];
}
