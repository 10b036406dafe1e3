/**
 * fast-check arbitraries for the fuzz suite (not a test file): values generated from a JSON Schema of
 * the OpenAPI document, hostile values (NUL, odd unicode, huge, deep, negative, year 0, prototype
 * keys), and a value with one hostile value put somewhere inside it.
 */
import fc from 'fast-check';

/** A JSON Schema as the OpenAPI 3.1 document holds it (only what the generator reads). */
export interface JsonSchema {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  format?: string;
  pattern?: string;
}

export type Components = Record<string, JsonSchema>;

function deep(levels: number): unknown {
  let v: unknown = 'x';
  for (let i = 0; i < levels; i++) v = i % 2 ? [v] : { a: v };
  return v;
}

/** 100,000 characters that do not compress (a repeated letter fits an index row; this does not). */
function incompressible(length: number): string {
  let x = 2026;
  return Array.from({ length }, () => {
    x = (x * 1_103_515_245 + 12_345) % 2 ** 31;
    return String.fromCharCode(0x4e00 + (x % 20_000));
  }).join('');
}

/** Values that have broken servers: each one a known class of hostile input. */
export const HOSTILE_VALUES: readonly unknown[] = [
  'nul\u0000in the middle',
  '\u0000',
  '\uD800 lone surrogate',
  '\u202E\uFEFF\u200B𝕏👨‍👩‍👧 mixed',
  'x'.repeat(200_000),
  incompressible(100_000),
  '0000-01-01',
  '0000-01-01T00:00:00Z',
  '-000001-01-01T00:00:00Z',
  '9999-12-31T23:59:60Z',
  -1,
  -(2 ** 53),
  2 ** 31,
  1e308,
  0.5,
  true,
  null,
  [],
  {},
  Array.from({ length: 20_000 }, () => 1),
  deep(3000),
  JSON.parse('{"__proto__":{"isAdmin":true},"constructor":{"prototype":{"polluted":1}}}'),
  '__proto__',
  'constructor',
  "'; DROP TABLE orders; --",
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template-injection probe, sent as text
  '{{7*7}}${7*7}',
];

/**
 * A hostile value, or a random string of any unicode. NUL and out-of-range dates, which PostgreSQL
 * refuses only once a value reaches it, come most often: a run has few tries per route.
 */
export const hostile: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('nul\u0000in the middle', '\u0000', 'ends in nul\u0000') },
  { weight: 3, arbitrary: fc.constantFrom('0000-01-01', '0000-01-01T00:00:00Z', '-000001-01-01T00:00:00Z') },
  { weight: 6, arbitrary: fc.constantFrom(...HOSTILE_VALUES) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
);

function resolve(schema: JsonSchema, components: Components): JsonSchema {
  let current = schema;
  for (let i = 0; i < 10 && current.$ref; i++) {
    current = components[current.$ref.split('/').pop() ?? ''] ?? {};
  }
  return current;
}

const ISO_DAY = fc
  .date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString());

function stringArb(s: JsonSchema): fc.Arbitrary<unknown> {
  if (s.format === 'uuid') return fc.uuid();
  if (s.format === 'date-time') return ISO_DAY;
  if (s.format === 'date') return ISO_DAY.map((d) => d.slice(0, 10));
  if (s.format === 'email') return fc.emailAddress();
  const max = Math.min(s.maxLength ?? 30, 30);
  return fc.string({ minLength: Math.min(s.minLength ?? 0, max), maxLength: max });
}

/**
 * A value that (mostly) fits `schema`; depth-bounded.
 *
 * @example fc.sample(fromSchema({ type: 'integer', minimum: 1 }, {}), 1)
 */
export function fromSchema(schema: JsonSchema, components: Components, depth = 0): fc.Arbitrary<unknown> {
  const s = resolve(schema, components);
  if (depth > 6) return fc.constant(null);
  if (s.const !== undefined) return fc.constant(s.const);
  if (s.enum) return fc.constantFrom(...s.enum);
  const choices = s.anyOf ?? s.oneOf;
  if (choices && choices.length > 0)
    return fc.oneof(...choices.map((c) => fromSchema(c, components, depth + 1)));
  if (s.allOf && s.allOf.length > 0) return fromSchema(s.allOf[0]!, components, depth + 1);
  const type = Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type;
  switch (type) {
    case 'string':
      return stringArb(s);
    case 'integer':
      return fc.integer({ min: s.minimum ?? -1000, max: Math.min(s.maximum ?? 100_000, 2 ** 31 - 1) });
    case 'number':
      return fc.double({ min: s.minimum ?? -1000, max: s.maximum ?? 100_000, noNaN: true });
    case 'boolean':
      return fc.boolean();
    case 'array':
      return fc.array(fromSchema(s.items ?? {}, components, depth + 1), {
        minLength: Math.min(s.minItems ?? 0, 3),
        maxLength: Math.min(s.maxItems ?? 3, 3),
      });
    case 'object':
    case undefined: {
      if (!s.properties && type === undefined) return fc.jsonValue({ maxDepth: 2 });
      const props = Object.fromEntries(
        Object.entries(s.properties ?? {}).map(([k, v]) => [k, fromSchema(v, components, depth + 1)]),
      );
      return fc.record(props, { requiredKeys: (s.required ?? []).filter((k) => k in props) });
    }
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

export type Path = (string | number)[];

export function pathsOf(value: unknown, prefix: Path = [], out: Path[] = []): Path[] {
  out.push(prefix);
  if (out.length > 200) return out;
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) pathsOf(v, [...prefix, i], out);
  } else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) pathsOf(v, [...prefix, k], out);
  return out;
}

export function setAt(value: unknown, path: Path, replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const [head, ...rest] = path as [string | number, ...Path];
  if (Array.isArray(value)) return value.map((v, i) => (i === head ? setAt(v, rest, replacement) : v));
  const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  Object.defineProperty(copy, head, {
    value: setAt(copy[head], rest, replacement),
    enumerable: true,
    writable: true,
    configurable: true,
  });
  return copy;
}

/**
 * `valid` with one hostile value put at a random place: replacing a value, or under a new key
 * (`__proto__` among them) of an object.
 */
export function broken(valid: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  return fc
    .tuple(valid, hostile, fc.nat(), fc.constantFrom('replace', 'add', 'proto'))
    .map(([value, bad, pick, how]) => {
      const paths = pathsOf(value);
      const path = paths[pick % paths.length]!;
      if (how === 'replace') return setAt(value, path, bad);
      const objects = paths.filter((p) => {
        let v: unknown = value;
        for (const k of p) v = (v as Record<string, unknown>)[k as string];
        return v !== null && typeof v === 'object' && !Array.isArray(v);
      });
      const target = objects[pick % Math.max(1, objects.length)];
      if (!target) return setAt(value, path, bad);
      return setAt(value, [...target, how === 'proto' ? '__proto__' : 'extra'], bad);
    });
}
