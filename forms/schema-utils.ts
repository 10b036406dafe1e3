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

/** The sub-schema describing one child (`segment`) of `schema`: a property, an array item, or a rule's `then`. */
function childSchema(schema: JSONSchema, segment: string): JSONSchema | undefined {
  const own = propertiesOf(schema)[segment];
  if (own) return own;
  if (/^\d+$/.test(segment) && schema.items !== undefined) {
    const items: unknown = schema.items;
    if (Array.isArray(items)) return isRecord(items[Number(segment)]) ? items[Number(segment)] : undefined;
    return isRecord(items) ? items : undefined;
  }
  const branches: unknown = schema.allOf;
  if (!Array.isArray(branches)) return undefined;
  for (const branch of branches) {
    const found = isRecord(branch) && isRecord(branch.then) ? propertiesOf(branch.then)[segment] : undefined;
    if (found) return found;
  }
  return undefined;
}

/** The sub-schema at a data path (`['accessories', '0', 'price']`), following properties and items. */
export function schemaAt(schema: JSONSchema, segments: readonly string[]): JSONSchema | undefined {
  let current: JSONSchema | undefined = schema;
  for (const segment of segments) {
    if (!current) return undefined;
    current = childSchema(current, segment);
  }
  return current;
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
