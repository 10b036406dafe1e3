/**
 * What the generic instance page shows of an instance's data: the fields of its forms with their
 * labels and widgets, the rest under their own names, and the files any file field holds.
 */
import type { Json, JsonObject } from '../../engine/types.ts';

/** A form as far as labelling its data needs. */
export interface LabelSource {
  schema: { properties?: Record<string, unknown> };
  uiSchema?: Record<string, unknown>;
}

/** A field's label and widget, from the first form that has it. */
export interface FieldInfo {
  label: string;
  widget?: string;
  enumNames?: Record<string, string>;
}

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/** Field name → label and widget, over `forms` in order (the first form naming a field wins). */
export function fieldInfo(forms: readonly LabelSource[]): Map<string, FieldInfo> {
  const info = new Map<string, FieldInfo>();
  for (const form of forms) {
    for (const [name, raw] of Object.entries(form.schema.properties ?? {})) {
      if (info.has(name)) continue;
      const schema = record(raw) ?? {};
      const ui = record(form.uiSchema?.[name]);
      const widget = typeof ui?.['ui:widget'] === 'string' ? ui['ui:widget'] : undefined;
      const entry: FieldInfo = { label: typeof schema.title === 'string' ? schema.title : name };
      if (widget) entry.widget = widget;
      const values = Array.isArray(schema.enum) ? schema.enum : undefined;
      const names = Array.isArray(schema.enumNames) ? schema.enumNames : undefined;
      const oneOf = Array.isArray(schema.oneOf) ? schema.oneOf.map(record) : undefined;
      if (values && names)
        entry.enumNames = Object.fromEntries(values.map((v, i) => [String(v), String(names[i] ?? v)]));
      else if (oneOf?.every((o) => o && 'const' in o))
        entry.enumNames = Object.fromEntries(
          oneOf.map((o) => [String(o?.const), String(o?.title ?? o?.const)]),
        );
      info.set(name, entry);
    }
  }
  return info;
}

/** The file ids `value` holds (one id or a list of them). */
export function fileIds(value: Json | undefined): string[] {
  if (typeof value === 'string' && value !== '') return [value];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string' && v !== '') : [];
}

/** Every file id some file field of `data` holds, in field order, without repeats. */
export function attachmentIds(data: JsonObject, info: ReadonlyMap<string, FieldInfo>): string[] {
  const ids: string[] = [];
  for (const [name, field] of info) {
    if (field.widget !== 'file') continue;
    for (const id of fileIds(data[name])) if (!ids.includes(id)) ids.push(id);
  }
  return ids;
}

/**
 * The data's fields to list, in form order then the rest: scalars, lists and objects, but not the
 * values null / '' nor the start form's own fields (`shown`), which the start form renders.
 */
export function listedFields(
  data: JsonObject,
  info: ReadonlyMap<string, FieldInfo>,
  shown: ReadonlySet<string>,
): string[] {
  const known = [...info.keys()].filter((k) => k in data);
  const rest = Object.keys(data).filter((k) => !info.has(k));
  return [...known, ...rest].filter((k) => !shown.has(k) && data[k] !== null && data[k] !== '');
}
