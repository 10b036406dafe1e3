/**
 * Small helpers over JSON values and JSON Schema documents shared by the forms module. Internal:
 * not re-exported from index.ts.
 */
import type { FormValues, JSONSchema, JsonValue } from './types.ts';

/** Whether `value` is a plain JSON object (not null, not an array). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A deep copy of a JSON value. */
export function cloneJson<T>(value: T): T {
  return structuredClone(value);
}

/** Structural equality of two JSON values (key order does not matter). */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((item, i) => jsonEqual(item, b[i]));
  }
  if (!isRecord(a) || !isRecord(b)) return false;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((key) => Object.hasOwn(b, key) && jsonEqual(a[key], b[key]));
}

/** `schema.properties`, or an empty object when the schema declares none. */
export function propertiesOf(schema: JSONSchema | undefined): Record<string, JSONSchema> {
  const properties = schema?.properties;
  return isRecord(properties) ? (properties as Record<string, JSONSchema>) : {};
}

/** `schema.required` as a string list (empty when absent or malformed). */
export function requiredOf(schema: JSONSchema | undefined): string[] {
  const required = schema?.required;
  return Array.isArray(required) ? required.filter((name): name is string => typeof name === 'string') : [];
}

/** Splits a field key into path segments: `customer.mobile` -> `['customer', 'mobile']`. */
export function splitField(field: string): string[] {
  return field.split('.');
}

/** The value at `segments` inside `data`, or undefined. */
export function valueAt(data: unknown, segments: readonly string[]): unknown {
  let current = data;
  for (const segment of segments) {
    if (!isRecord(current)) return undefined;
    current = current[segment];
  }
  return current;
}

/** A JSON pointer (RFC 6901) for path segments: `['accessories', '0', 'price']` -> `/accessories/0/price`. */
export function toPointer(segments: readonly (string | number)[]): string {
  return segments.map((s) => `/${String(s).replaceAll('~', '~0').replaceAll('/', '~1')}`).join('');
}

/** Path segments of a JSON pointer (the inverse of `toPointer`). */
export function fromPointer(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replaceAll('~1', '/').replaceAll('~0', '~'));
}

/**
 * The schema a local `$ref` (`#/definitions/address`, `#`) points at inside `root`, or undefined when
 * it is not a local JSON pointer or names nothing.
 */
export function resolveRef(root: JSONSchema, ref: string): JSONSchema | undefined {
  if (ref !== '#' && !ref.startsWith('#/')) return undefined;
  let current: unknown = root;
  for (const segment of fromPointer(decodeURIComponent(ref.slice(1)))) {
    if (Array.isArray(current) && /^\d+$/.test(segment)) current = current[Number(segment)];
    else if (isRecord(current) && Object.hasOwn(current, segment)) current = current[segment];
    else return undefined;
  }
  return isRecord(current) ? current : undefined;
}

/** `schema` itself, or what its `$ref` points at (followed a few times; a dangling ref gives undefined). */
export function derefSchema(root: JSONSchema, schema: unknown): JSONSchema | undefined {
  let current = schema;
  for (let hops = 0; hops < 16; hops++) {
    if (!isRecord(current)) return undefined;
    if (typeof current.$ref !== 'string') return current;
    current = resolveRef(root, current.$ref);
  }
  return undefined;
}

/** Where a sub-schema that may declare fields sits, relative to the object schema it belongs to. */
export type DeclarationPath = string[];

/** One sub-schema that may declare fields of an object: the object itself or one of its branches. */
export interface Declaration {
  schema: JSONSchema;
  /** `[]` for the object schema itself, `['dependencies', 'payer']`, `['allOf', '0', 'then']`, ... */
  via: DeclarationPath;
}

const BRANCH_LISTS = ['allOf', 'anyOf', 'oneOf'] as const;

/**
 * The sub-schemas that declare the fields of the object described by `schema`: itself and, recursively,
 * its `allOf` / `anyOf` / `oneOf` items, `then` / `else` and schema `dependencies` — local `$ref`s
 * followed. `if` and `not` are conditions, not declarations, and are left out. Each sub-schema is the
 * object inside the document (mutating it mutates the document).
 *
 * @example declarations(root, { properties: { a: {} }, dependencies: { a: { properties: { b: {} } } } })
 * // [{ schema: <itself>, via: [] }, { schema: <dependencies.a>, via: ['dependencies', 'a'] }]
 */
export function declarations(root: JSONSchema, schema: unknown): Declaration[] {
  const found: Declaration[] = [];
  const seen = new Set<unknown>();
  const walk = (node: unknown, via: string[]): void => {
    const resolved = derefSchema(root, node);
    if (!resolved || seen.has(resolved)) return;
    seen.add(resolved);
    found.push({ schema: resolved, via });
    for (const list of BRANCH_LISTS) {
      const items: unknown = resolved[list];
      if (!Array.isArray(items)) continue;
      items.forEach((item, i) => {
        walk(item, [...via, list, String(i)]);
      });
    }
    for (const key of ['then', 'else'] as const) {
      if (resolved[key] !== undefined) walk(resolved[key], [...via, key]);
    }
    const dependencies: unknown = resolved.dependencies;
    if (isRecord(dependencies)) {
      for (const [name, dependency] of Object.entries(dependencies)) {
        if (isRecord(dependency)) walk(dependency, [...via, 'dependencies', name]);
      }
    }
  };
  walk(schema, []);
  return found;
}

/** A field of an object schema with every sub-schema declaring it, first declaration first. */
export interface DeclaredField {
  name: string;
  /** The field's schemas (`$ref`s followed), one per declaration. */
  schemas: JSONSchema[];
  /** Where each declaration sits (see `Declaration.via`), in the same order. */
  via: DeclarationPath[];
}

/**
 * Every field the object schema `schema` declares, in its own `properties` or in a branch
 * (`declarations`), in document order.
 */
export function declaredFields(root: JSONSchema, schema: unknown): Map<string, DeclaredField> {
  const fields = new Map<string, DeclaredField>();
  for (const declaration of declarations(root, schema)) {
    for (const [name, child] of Object.entries(propertiesOf(declaration.schema))) {
      const resolved = derefSchema(root, child) ?? (isRecord(child) ? child : {});
      const field = fields.get(name) ?? { name, schemas: [], via: [] };
      field.schemas.push(resolved);
      field.via.push(declaration.via);
      fields.set(name, field);
    }
  }
  return fields;
}

/** The names of every field of the form's top level, branches included (see `declaredFields`). */
export function fieldNamesOf(schema: JSONSchema): string[] {
  return [...declaredFields(schema, schema).keys()];
}

/**
 * Whether the object schema accepts keys it does not declare: its `additionalProperties` is set to
 * something other than `false`, or it has `patternProperties`. Forms that say nothing accept only
 * their declared fields (the server refuses others).
 */
export function acceptsExtraKeys(root: JSONSchema, schema: unknown): boolean {
  return declarations(root, schema).some(
    ({ schema: s }) =>
      (s.additionalProperties !== undefined && s.additionalProperties !== false) ||
      isRecord(s.patternProperties),
  );
}

/** The sub-schema describing one child (`segment`) of `schema`: a property (in any branch) or an array item. */
function childSchema(root: JSONSchema, schema: JSONSchema, segment: string): JSONSchema | undefined {
  const own = declaredFields(root, schema).get(segment)?.schemas[0];
  if (own) return own;
  const resolved = derefSchema(root, schema);
  if (resolved && /^\d+$/.test(segment) && resolved.items !== undefined) {
    const items: unknown = resolved.items;
    if (Array.isArray(items)) return derefSchema(root, items[Number(segment)]);
    return derefSchema(root, items);
  }
  const extra: unknown = resolved?.additionalProperties;
  return isRecord(extra) ? derefSchema(root, extra) : undefined;
}

/** The sub-schema at a data path (`['accessories', '0', 'price']`), following properties, branches and items. */
export function schemaAt(schema: JSONSchema, segments: readonly string[]): JSONSchema | undefined {
  let current: JSONSchema | undefined = schema;
  for (const segment of segments) {
    if (!current) return undefined;
    current = childSchema(schema, current, segment);
  }
  return current;
}

/**
 * A copy of `schema` with every local `$ref` replaced by (a copy of) what it points at, so the result
 * can be changed field by field without touching shared definitions. A recursive reference is left as
 * it is, and then `definitions` are kept; otherwise they are dropped when nothing refers to them.
 */
export function inlineRefs(schema: JSONSchema): JSONSchema {
  let keptRef = false;
  const inline = (node: unknown, stack: readonly string[]): unknown => {
    if (Array.isArray(node)) return node.map((item) => inline(item, stack));
    if (!isRecord(node)) return node;
    if (typeof node.$ref === 'string') {
      const target = resolveRef(schema, node.$ref);
      if (!target || stack.includes(node.$ref)) {
        keptRef = true;
        return cloneJson(node);
      }
      return inline(target, [...stack, node.$ref]);
    }
    const result: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(node)) {
      // Values of these keywords are data, not schemas.
      result[key] =
        key === 'enum' || key === 'const' || key === 'default' || key === 'examples'
          ? cloneJson(value)
          : inline(value, stack);
    }
    return result;
  };
  const { definitions, ...rest } = schema;
  const result = inline(rest, []) as JSONSchema;
  if (definitions !== undefined && keptRef) result.definitions = cloneJson(definitions);
  return result;
}

/** A copy of `data` restricted to the keys in `keys`. */
export function pick(data: Record<string, unknown>, keys: Iterable<string>): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const key of keys) if (Object.hasOwn(data, key)) result[key] = data[key];
  return result;
}

/** `value` as JSON: bigints become numbers; undefined, functions, symbols and non-finite numbers are dropped. */
export function toJsonValue(value: unknown): JsonValue | undefined {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'bigint') return Number(value);
  if (Array.isArray(value)) return value.map((item) => toJsonValue(item) ?? null);
  return isRecord(value) ? toJsonObject(value) : undefined;
}

/** `record` as a JSON object (see `toJsonValue`); keys whose values are not JSON are left out. */
export function toJsonObject(record: Record<string, unknown>): FormValues {
  const result: FormValues = {};
  for (const [key, value] of Object.entries(record)) {
    const json = toJsonValue(value);
    if (json !== undefined) result[key] = json;
  }
  return result;
}

/**
 * The JSON pointer of the first string or key in `value` holding a NUL character (`\u0000`), which
 * PostgreSQL cannot store in text; undefined when there is none.
 *
 * @example nulPointer({ schema: { title: 'a\u0000' } }) // '/schema/title'
 */
export function nulPointer(value: unknown, segments: string[] = []): string | undefined {
  if (typeof value === 'string') return value.includes('\u0000') ? toPointer(segments) : undefined;
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const found = nulPointer(item, [...segments, String(i)]);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  if (!isRecord(value)) return undefined;
  for (const [key, item] of Object.entries(value)) {
    if (key.includes('\u0000')) return toPointer([...segments, key]);
    const found = nulPointer(item, [...segments, key]);
    if (found !== undefined) return found;
  }
  return undefined;
}
