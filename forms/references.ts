/**
 * Fields of a form that hold references to other records: file ids (`ui:widget: file`), user ids
 * (`user`), customer ids (`customer`) and vehicle VINs (`vehicle`). The server checks that each
 * submitted reference exists and may be used (engine/store/references.ts); this module only finds
 * the fields and the values in submitted data. Pure: no database.
 *
 * @example
 * referenceFields(form) // [{ kind: 'file', segments: ['attachments', '*'] }]
 * collectReferences(referenceFields(form), { attachments: [a, b] })
 * // [{ kind: 'file', segments: ['attachments', '0'], value: a }, { kind: 'file', segments: ['attachments', '1'], value: b }]
 */
import { declaredFields, derefSchema, isRecord } from './schema-utils.ts';
import type { FormVersion, JSONSchema, UISchema } from './types.ts';

/** What a reference field points at. */
export const REFERENCE_KINDS = ['file', 'user', 'customer', 'vehicle'] as const;
export type ReferenceKind = (typeof REFERENCE_KINDS)[number];

/** A reference field: its data path, `*` standing for every item of an array. */
export interface ReferenceField {
  kind: ReferenceKind;
  segments: readonly string[];
}

/** One referenced value in submitted data, at its concrete path (`['attachments', '1']`). */
export interface ReferenceValue {
  kind: ReferenceKind;
  segments: string[];
  value: string;
}

function widgetKind(ui: unknown): ReferenceKind | undefined {
  if (!isRecord(ui)) return undefined;
  const widget = ui['ui:widget'];
  return (REFERENCE_KINDS as readonly string[]).includes(widget as string)
    ? (widget as ReferenceKind)
    : undefined;
}

/** How deep a (recursive) schema is followed. */
const MAX_DEPTH = 16;

/**
 * Walks schema and uiSchema together: objects by property (in every branch: `allOf`, `then`,
 * `dependencies`, ...), arrays through `items`, local `$ref`s followed.
 */
function visit(
  root: JSONSchema,
  node: unknown,
  ui: unknown,
  segments: string[],
  out: ReferenceField[],
): void {
  const schema = derefSchema(root, node);
  if (!schema || segments.length > MAX_DEPTH) return;
  const uiRecord = isRecord(ui) ? ui : {};
  const type = schema.type;
  if (type === 'array' || schema.items !== undefined) {
    const items: unknown = schema.items;
    // The widget may sit on the array itself (a multi-file upload) or on its items.
    const own = widgetKind(uiRecord);
    if (own) {
      out.push({ kind: own, segments: [...segments, '*'] });
      return;
    }
    if (isRecord(items)) visit(root, items, uiRecord.items, [...segments, '*'], out);
    return;
  }
  const kind = segments.length > 0 ? widgetKind(uiRecord) : undefined;
  if (kind) {
    out.push({ kind, segments });
    return;
  }
  for (const [name, field] of declaredFields(root, schema)) {
    for (const child of field.schemas) visit(root, child, uiRecord[name], [...segments, name], out);
  }
}

const MAX_CACHED = 512;
const cache = new Map<string, readonly ReferenceField[]>();

/**
 * The reference fields of a published form version, computed once per `key@version` (versions are
 * immutable). Most forms have none: an empty list, and callers then do nothing.
 */
export function referenceFields(form: Pick<FormVersion, 'key' | 'version' | 'schema' | 'uiSchema'>) {
  const cacheKey = `${form.key}@${form.version}`;
  const known = cache.get(cacheKey);
  if (known) return known;
  const found: ReferenceField[] = [];
  visit(form.schema, form.schema, form.uiSchema as UISchema | undefined, [], found);
  const unique = new Map(found.map((f) => [`${f.kind}:${f.segments.join('/')}`, f]));
  const frozen = Object.freeze([...unique.values()]);
  if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value as string);
  cache.set(cacheKey, frozen);
  return frozen;
}

/** The string values at `fields` in `data` (non-strings are left to schema validation). */
export function collectReferences(fields: readonly ReferenceField[], data: unknown): ReferenceValue[] {
  const found: ReferenceValue[] = [];
  const walk = (field: ReferenceField, value: unknown, depth: number, path: string[]) => {
    if (depth === field.segments.length) {
      if (typeof value === 'string' && value !== '') found.push({ kind: field.kind, segments: path, value });
      return;
    }
    const segment = field.segments[depth]!;
    if (segment === '*') {
      if (Array.isArray(value))
        value.forEach((item, i) => {
          walk(field, item, depth + 1, [...path, String(i)]);
        });
      return;
    }
    if (isRecord(value) && Object.hasOwn(value, segment))
      walk(field, value[segment], depth + 1, [...path, segment]);
  };
  for (const field of fields) walk(field, data, 0, []);
  return found;
}
