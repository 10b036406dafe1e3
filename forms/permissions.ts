/**
 * A task's per-field permissions (`{ discount: 'readonly', 'customer.mobile': 'hidden' }`) applied to
 * JSON Schema, rjsf UI schema and data, addressed by dotted field keys: top-level fields, or one level
 * into an object field. Internal to the forms module; fields the schema does not know are ignored.
 */

import { isRecord, propertiesOf, requiredOf, splitField } from './schema-utils.ts';
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

/** The object schema that declares the last segment (the parent), or undefined when the path is unknown. */
function parentSchema(schema: JSONSchema, segments: readonly string[]): JSONSchema | undefined {
  let current: JSONSchema | undefined = schema;
  for (const segment of segments.slice(0, -1)) current = current ? propertiesOf(current)[segment] : undefined;
  const last = segments.at(-1);
  return current && last !== undefined && last in propertiesOf(current) ? current : undefined;
}

/** Whether the schema declares a field at `segments`. */
export function hasField(schema: JSONSchema, segments: readonly string[]): boolean {
  return parentSchema(schema, segments) !== undefined;
}

/** Removes the field at `segments` from its parent's `properties` and `required` (mutates `schema`). */
export function removeSchemaField(schema: JSONSchema, segments: readonly string[]): void {
  const parent = parentSchema(schema, segments);
  const name = segments.at(-1);
  if (!parent || name === undefined) return;
  delete parent.properties[name];
  if (Array.isArray(parent.required)) parent.required = requiredOf(parent).filter((n) => n !== name);
}

/** Makes the field at `segments` required, and its parent objects with it (mutates `schema`). */
export function requireSchemaField(schema: JSONSchema, segments: readonly string[]): void {
  if (!hasField(schema, segments)) return;
  let current: JSONSchema = schema;
  for (const segment of segments) {
    const required = requiredOf(current);
    if (!required.includes(segment)) current.required = [...required, segment];
    current = propertiesOf(current)[segment] ?? {};
  }
}

/** Marks the field at `segments` `readOnly: true` (mutates `schema`). */
export function markSchemaReadOnly(schema: JSONSchema, segments: readonly string[]): void {
  const parent = parentSchema(schema, segments);
  const name = segments.at(-1);
  if (parent && name !== undefined) parent.properties[name] = { ...parent.properties[name], readOnly: true };
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
