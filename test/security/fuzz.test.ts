/**
 * Property-based fuzzing (issue #12 point 5): for every operation of the served OpenAPI document,
 * requests generated from its schemas and then broken (api/… `schema-arbitrary.ts`), sent in process
 * to the app on one PGlite database with real records of both stores; workflow and form definitions
 * broken the same way; CEL expressions of any shape. Properties: never a 5xx, never a hang (a
 * per-request timeout), every error body `{ error: { code, message, details? } }`. fast-check prints
 * the seed and the shrunk request of a failure; `FUZZ_RUNS` (runs per route, default 6) and
 * `FUZZ_SEED` replay or lengthen it: `npm run fuzz` runs 200 per route.
 */
import fc from 'fast-check';
import { DEMO_PASSWORD } from '../../api/dealer/demo/users.ts';
import { createDealerTestApp, type DealerTestApp } from '../../api/dealer/testing.ts';
import { checkExpression, evaluateExpression } from '../../engine/expression.ts';
import { FORMS, WORKFLOWS } from '../../workflows/index.ts';
import { DATABASES, type TestDatabase } from '../fixtures/databases.ts';
import { ACCESS, ID_FIXTURE } from './access-declarations.ts';
import { incompressible, OVER_LIMIT } from './fuzz-support.ts';
import { MATRIX_WORKFLOW, type MatrixFixtures, seedMatrixFixtures } from './matrix-fixtures.ts';
import {
  broken,
  type Components,
  fromSchema,
  hostile,
  type JsonSchema,
  type Path,
  pathsOf,
  setAt,
} from './schema-arbitrary.ts';

const RUNS = Number(process.env.FUZZ_RUNS ?? 6);
const SEED = process.env.FUZZ_SEED === undefined ? undefined : Number(process.env.FUZZ_SEED);
const REQUEST_TIMEOUT_MS = 10_000;
const pglite = DATABASES.find((d) => d.name === 'pglite')!;

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  schema?: JsonSchema;
}
interface Operation {
  /** Set by the suite: the operation's HTTP method. */
  method: string;
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: JsonSchema }> };
}
interface Document {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Components };
}

/** One generated request before it is sent. */
interface FuzzRequest {
  as: string;
  params: Record<string, string>;
  query: Record<string, string>;
  headers: Record<string, string>;
  body?: { type: string; text: string };
}

const USERS = ['admin', 'gm', 'manager', 'consultant', 'service', 'manager_sh'];
/** Header values a fetch client can send (latin-1, no controls), some of them huge or odd. */
const headerValue = fc.oneof(
  fc.constantFrom(
    'en',
    'zh-CN',
    '*',
    'en;q=abc',
    ',,,',
    'x'.repeat(8000),
    'application/json; charset=utf-16',
  ),
  fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: 60 }),
);

/** A hostile value as query or path text. */
const hostileText = hostile.map((v) => (typeof v === 'string' ? v : JSON.stringify(v)));

function asText(v: unknown): string {
  return typeof v === 'string' ? v : (JSON.stringify(v) ?? '');
}

function isErrorBody(body: unknown): boolean {
  if (!body || typeof body !== 'object') return false;
  const error = (body as { error?: unknown }).error;
  if (!error || typeof error !== 'object') return false;
  const { code, message, details } = error as Record<string, unknown>;
  if (typeof code !== 'string' || typeof message !== 'string') return false;
  if (details === undefined) return true;
  return (
    Array.isArray(details) &&
    details.every(
      (d) => d && typeof d === 'object' && typeof (d as Record<string, unknown>).path === 'string',
    )
  );
}

describe('fuzzing', () => {
  let db: TestDatabase;
  let t: DealerTestApp;
  let f: MatrixFixtures;
  let doc: Document;
  const tokens = new Map<string, string>();

  beforeAll(async () => {
    db = await pglite.open();
    t = await createDealerTestApp(db);
    f = await seedMatrixFixtures(t, db);
    doc = (await (await t.app.request('/api/openapi.json')).json()) as Document;
    for (const u of USERS) tokens.set(u, await login(u));
  });
  afterAll(() => db.close());

  async function login(username: string): Promise<string> {
    const res = await t.app.request('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: DEMO_PASSWORD }),
    });
    if (res.status !== 200) throw new Error(`login ${username}: ${res.status}`);
    return ((await res.json()) as { token: string }).token;
  }

  /** A real record of BJ01 or SH01 for a path parameter, as the matrix substitutes them. */
  function realParam(path: string, name: string, store: 'BJ01' | 'SH01'): string {
    const s = f.stores[store];
    const segment = path.split('/')[2] ?? '';
    if (name === 'version') return '1';
    if (name === 'username') return s.consultant;
    if (name === 'key')
      return segment === 'forms'
        ? 'matrix-form'
        : segment === 'workflows'
          ? MATRIX_WORKFLOW.key
          : 'order.arrived';
    if (segment === 'admin') return String(f.outbox);
    const field = ID_FIXTURE[segment];
    return field ? String(s[field]) : 'x';
  }

  function requestArb(path: string, op: Operation): fc.Arbitrary<FuzzRequest> {
    const components = doc.components.schemas;
    const params = op.parameters ?? [];
    const pathArb = fc.record(
      Object.fromEntries(
        params
          .filter((p) => p.in === 'path')
          .map((p) => [
            p.name,
            fc.oneof(
              {
                weight: 4,
                arbitrary: fc.constantFrom('BJ01', 'SH01').map((s) => realParam(path, p.name, s)),
              },
              { weight: 1, arbitrary: hostileText },
            ),
          ]),
      ),
    );
    const queryParams = params.filter((p) => p.in === 'query');
    const validQuery = fc.record(
      Object.fromEntries(
        queryParams.map((p) => [p.name, fromSchema(p.schema ?? {}, components).map(asText)]),
      ),
      { requiredKeys: [] },
    );
    // The matrix's working request for the route (a valid body and query of either store), so that
    // broken values get past the schema's other fields to the code and SQL behind them.
    const known = (method: string) =>
      fc
        .constantFrom('BJ01' as const, 'SH01' as const)
        .map((s) => ACCESS[`${method.toUpperCase()} ${path}`]?.request?.(f.stores[s], f) ?? {});
    const knownQuery = known(op.method).map((r) => (r.query ?? {}) as Record<string, string>);
    const queryArb = fc.oneof(
      knownQuery,
      validQuery,
      fc
        .tuple(
          fc.oneof(knownQuery, validQuery),
          fc.constantFrom(...queryParams.map((p) => p.name), 'extra'),
          hostileText,
        )
        .map(([q, name, bad]) => ({ ...q, [name]: bad })),
    );
    const headersArb = fc.record(
      { 'accept-language': headerValue, 'idempotency-key': headerValue, 'x-request-id': headerValue },
      { requiredKeys: [] },
    );
    const content = op.requestBody?.content ?? {};
    const json = content['application/json'];
    let bodyArb: fc.Arbitrary<FuzzRequest['body']> = fc.constant(undefined);
    if (json) {
      const generated = fromSchema(json.schema, components);
      const knownBody = known(op.method).map((r) => r.body ?? {});
      bodyArb = fc
        .oneof(
          { weight: 1, arbitrary: generated },
          { weight: 2, arbitrary: broken(generated) },
          { weight: 4, arbitrary: broken(knownBody) },
        )
        .map((v) => ({ type: 'application/json', text: JSON.stringify(v) ?? 'null' }));
      bodyArb = fc.oneof(
        { weight: 9, arbitrary: bodyArb },
        {
          weight: 1,
          arbitrary: fc
            .constantFrom('{', '[1,', '\u0000', '{"a":1}{', 'null')
            .map((text) => ({ type: 'application/json', text })),
        },
      );
    } else if (Object.keys(content).length > 0) {
      // Uploads and imports: text in the declared type (their parsers are fuzzed with text, not files).
      const type = Object.keys(content).includes('text/csv') ? 'text/csv' : Object.keys(content)[0]!;
      bodyArb = fc
        .oneof(fc.string({ unit: 'binary', maxLength: 200 }), hostileText)
        .map((text) => ({ type, text }));
    }
    return fc.record({
      as: fc.constantFrom(...USERS),
      params: pathArb,
      query: queryArb,
      headers: headersArb,
      body: bodyArb,
    }) as fc.Arbitrary<FuzzRequest>;
  }

  async function send(method: string, path: string, req: FuzzRequest): Promise<Response> {
    const url =
      path.replace(/\{(\w+)\}/g, (_, n: string) => encodePathSegment(req.params[n] ?? 'x')) +
      (Object.keys(req.query).length > 0 ? `?${new URLSearchParams(req.query)}` : '');
    const fresh = path === '/api/auth/logout';
    const headers: Record<string, string> = {
      ...req.headers,
      authorization: `Bearer ${fresh ? await login('consultant2') : tokens.get(req.as)}`,
    };
    const init: RequestInit = { method: method.toUpperCase(), headers };
    if (req.body) {
      headers['content-type'] = req.body.type;
      init.body = req.body.text;
    }
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`no answer within ${REQUEST_TIMEOUT_MS} ms`)),
        REQUEST_TIMEOUT_MS,
      );
    });
    try {
      return await Promise.race([t.app.request(url, init), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** The property every answer must have. */
  async function checkAnswer(res: Response): Promise<void> {
    if (res.headers.get('content-type')?.startsWith('text/event-stream')) {
      await res.body?.cancel();
      return;
    }
    const text = await res.text();
    expect(res.status, text.slice(0, 500)).toBeLessThan(500);
    if (res.status >= 400 && res.headers.get('content-type')?.includes('json')) {
      expect(isErrorBody(JSON.parse(text)), text.slice(0, 500)).toBe(true);
    }
  }

  /** The operations of the document as `[method, path]`. */
  function operations(): (readonly [string, string])[] {
    return Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.keys(item).map((method) => [method, path] as const),
    );
  }

  /** `path` with its parameters named after BJ01's records, as the matrix calls it. */
  function pathFor(path: string): string {
    return path.replace(/\{(\w+)\}/g, (_, n: string) => encodePathSegment(realParam(path, n, 'BJ01')));
  }

  async function sendJson(
    method: string,
    url: string,
    body: unknown,
    as = 'admin',
  ): Promise<{ status: number; text: string }> {
    const init: RequestInit = {
      method: method.toUpperCase(),
      headers: { authorization: `Bearer ${tokens.get(as)}`, 'content-type': 'application/json' },
    };
    if (body !== undefined) init.body = JSON.stringify(body);
    const res = await t.app.request(url, init);
    if (res.headers.get('content-type')?.startsWith('text/event-stream')) {
      await res.body?.cancel();
      return { status: res.status, text: '' };
    }
    return { status: res.status, text: await res.text() };
  }

  it('refuses a value past the input limits anywhere in a body or query with 422 at its pointer', {
    timeout: 60_000 + RUNS * 5_000,
  }, async () => {
    const withQuery = OVER_LIMIT.flatMap((l, i) => (l.query === undefined ? [] : [i]));
    for (const [method, path] of operations()) {
      const op = doc.paths[path]![method]!;
      const known = ACCESS[`${method.toUpperCase()} ${path}`]?.request?.(f.stores.BJ01, f) ?? {};
      const body = op.requestBody?.content?.['application/json'] ? (known.body ?? {}) : undefined;
      const queryNames = (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);
      const modes = [
        ...(body === undefined ? [] : (['replace', 'add'] as const)),
        ...(queryNames.length > 0 ? (['query'] as const) : []),
      ];
      if (modes.length === 0) continue;
      const bodyPaths = body === undefined ? [] : pathsOf(body);
      const last = Math.max(0, bodyPaths.length - 1);
      const examples: [number, number, (typeof modes)[number]][] = OVER_LIMIT.flatMap((_, i) =>
        modes
          .filter((m) => m !== 'query' || withQuery.includes(i))
          .map((m) => [i, last, m] as [number, number, (typeof modes)[number]]),
      );
      await fc
        .assert(
          fc.asyncProperty(
            fc.nat(OVER_LIMIT.length - 1),
            fc.nat(),
            fc.constantFrom(...modes),
            async (limit, pick, mode) => {
              const { value, query } = OVER_LIMIT[limit]!;
              let url = pathFor(path);
              let sent = body;
              let expected: string;
              if (mode === 'query') {
                const name = queryNames[pick % queryNames.length]!;
                const q = { ...(known.query ?? {}), [name]: query ?? 'nul\u0000inside' };
                url += `?${new URLSearchParams(q)}`;
                expected = `/query/${name}`;
              } else {
                const objects = bodyPaths.filter((p) => isObjectAt(body, p));
                const target = mode === 'add' ? objects[pick % Math.max(1, objects.length)] : undefined;
                const at = target ? [...target, 'extra'] : bodyPaths[pick % bodyPaths.length]!;
                sent = setAt(body, at, value);
                expected = at
                  .map((k) => `/${String(k).replaceAll('~', '~0').replaceAll('/', '~1')}`)
                  .join('');
              }
              const res = await sendJson(method, url, sent);
              const brief = `${res.status} ${res.text.slice(0, 300)}`;
              expect(res.status, brief).toBe(422);
              const details = (JSON.parse(res.text) as { error: { details?: { path: string }[] } }).error
                .details;
              expect(
                details?.some((d) => d.path.startsWith(expected)),
                `expected a detail at ${expected}: ${brief}`,
              ).toBe(true);
            },
          ),
          { numRuns: RUNS, seed: SEED, examples },
        )
        .catch((error: unknown) => {
          throw new Error(
            `${method.toUpperCase()} ${path}: ${String(error instanceof Error ? error.message : error)}`,
          );
        });
    }
  });

  it('stores no 5,000-character text in a record field (the longest a field of a record takes is far less)', {
    timeout: 60_000 + RUNS * 2_000,
  }, async () => {
    const wrong: string[] = [];
    for (const [method, path] of operations()) {
      const route = `${method.toUpperCase()} ${path}`;
      const op = doc.paths[path]![method]!;
      const known = ACCESS[route]?.request?.(f.stores.BJ01, f) ?? {};
      // Each query parameter 5,000 characters long: an answer, never a 5xx.
      for (const p of (op.parameters ?? []).filter((q) => q.in === 'query')) {
        const query = new URLSearchParams({ ...(known.query ?? {}), [p.name]: incompressible(5_001) });
        const res = await sendJson(method, `${pathFor(path)}?${query}`, undefined);
        if (res.status >= 500) wrong.push(`${route} ?${p.name}: ${res.status} ${res.text.slice(0, 200)}`);
      }
      if (!op.requestBody?.content?.['application/json'] || FREE_TEXT_ROUTES.some((r) => r.test(route)))
        continue;
      const body = known.body ?? {};
      const query = known.query ? `?${new URLSearchParams(known.query)}` : '';
      const leaves = pathsOf(body).filter((p) => typeof valueAt(body, p) === 'string');
      for (const [n, leaf] of leaves.entries()) {
        const res = await sendJson(
          method,
          pathFor(path) + query,
          setAt(body, leaf, incompressible(5_001, n)),
        );
        if (res.status < 300 || res.status >= 500)
          wrong.push(`${route} /${leaf.join('/')}: ${res.status} ${res.text.slice(0, 200)}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('answers every operation of the document without a 5xx, a hang or a stray error shape', {
    timeout: 60_000 + RUNS * 15_000,
  }, async () => {
    for (const [method, path] of operations()) {
      const op = { ...doc.paths[path]![method]!, method };
      await fc
        .assert(
          fc.asyncProperty(requestArb(path, op), async (req) => {
            await checkAnswer(await send(method, path, req));
          }),
          { numRuns: RUNS, seed: SEED, verbose: 1 },
        )
        .catch((error: unknown) => {
          const cause =
            error instanceof Error && error.cause instanceof Error ? `\n${error.cause.message}` : '';
          throw new Error(
            `${method.toUpperCase()} ${path}: ${String(error instanceof Error ? error.message : error)}${cause}`,
          );
        });
    }
  });

  it('answers broken workflow and form definitions without a 5xx', {
    timeout: 60_000 + RUNS * 2_000,
  }, async () => {
    const workflows = [MATRIX_WORKFLOW, ...WORKFLOWS.slice(0, 3)];
    const forms = FORMS.slice(0, 3);
    const cel = fc.oneof(hostileText, celExpression);
    const definition = fc.oneof(
      broken(fc.constantFrom(...workflows)).map((d) => ({ kind: 'workflow' as const, d })),
      fc
        .tuple(fc.constantFrom(...workflows), cel)
        .map(([w, expr]) => ({ kind: 'workflow' as const, d: withGuard(w, expr) })),
      broken(fc.constantFrom(...forms)).map((d) => ({ kind: 'form' as const, d })),
    );
    await fc.assert(
      fc.asyncProperty(
        definition,
        fc.constantFrom('validate', 'draft', 'create'),
        async ({ kind, d }, how) => {
          const key = kind === 'workflow' ? MATRIX_WORKFLOW.key : 'matrix-form';
          const base = kind === 'workflow' ? '/api/workflows' : '/api/forms';
          const [method, path, body] =
            how === 'validate' && kind === 'workflow'
              ? ['POST', `${base}/validate`, { definition: d }]
              : how === 'create'
                ? ['POST', base, d]
                : ['PUT', `${base}/${key}/draft`, d];
          const req: FuzzRequest = {
            as: 'admin',
            params: {},
            query: {},
            headers: {},
            body: { type: 'application/json', text: JSON.stringify(body) },
          };
          await checkAnswer(await send(method, path, req));
        },
      ),
      { numRuns: RUNS * 10, seed: SEED },
    );
  });

  it('evaluates any CEL expression in its sandbox: an answer or an error, no escape, no pollution', {
    timeout: 60_000 + RUNS * 1_000,
  }, () => {
    fc.assert(
      fc.property(fc.oneof(celExpression, fc.string({ unit: 'binary', maxLength: 80 })), (src) => {
        expect(Array.isArray(checkExpression(src, ['order', 'items']))).toBe(true);
        try {
          const value = evaluateExpression(src, { order: { total: 100, items: [1, 2, 3] }, items: [1, 2] });
          expect(typeof value === 'function').toBe(false);
          expect(() => JSON.stringify(value)).not.toThrow();
        } catch (error) {
          expect(error).toBeInstanceOf(Error);
        }
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
        expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
      }),
      { numRuns: RUNS * 50, seed: SEED },
    );
  });
});

/**
 * Routes whose JSON carries free text on purpose: flow and form definitions, and the input and task
 * data of instances (a drawn signature is a data URL of up to 200 000 characters). The input policy
 * bounds them; every other field of a record has its own, far lower bound.
 */
const FREE_TEXT_ROUTES = [
  /^(POST|PUT) \/api\/(workflows|forms)/,
  /^POST \/api\/instances$/,
  /^POST \/api\/tasks\/\{id\}\/(complete|draft)/,
];

function valueAt(value: unknown, path: Path): unknown {
  let v: unknown = value;
  for (const k of path) v = (v as Record<string, unknown> | undefined)?.[k as string];
  return v;
}

function isObjectAt(value: unknown, path: Path): boolean {
  const v = valueAt(value, path);
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** A path segment; a lone surrogate goes as the invalid UTF-8 it would be (`%ED%A0%80`). */
function encodePathSegment(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return `%ED%A0%80${encodeURIComponent(value.replace(/[\uD800-\uDFFF]/g, ''))}`;
  }
}

/** A workflow whose first transition is guarded by `expr`. */
function withGuard(w: unknown, expr: string): unknown {
  const copy = structuredClone(w) as {
    machine?: { states?: Record<string, { on?: Record<string, unknown> }> };
  };
  const state = Object.values(copy.machine?.states ?? {}).find((s) => s.on);
  const [event] = Object.keys(state?.on ?? {});
  if (state?.on && event)
    state.on[event] = { target: state.on[event], guard: { type: 'expr', params: { expr } } };
  return copy;
}

/** CEL of many shapes: names that try the sandbox, macros nested deep, huge literals. */
const celExpression: fc.Arbitrary<string> = fc.letrec<{ expr: string }>((tie) => ({
  expr: fc.oneof(
    { depthSize: 'small' },
    fc.constantFrom(
      'order.total',
      'items',
      'process',
      'globalThis',
      'this',
      'constructor',
      'order.__proto__',
      'order["constructor"]',
      '{}.__proto__',
      'now',
      'actor.roles',
      "'x' + 'y'",
      '1 / 0',
      '9223372036854775807 + 1',
      '-9223372036854775808 - 1',
      "timestamp('0000-01-01T00:00:00Z')",
      "duration('999999999999h')",
      "'a'.matches('(a+)+$')",
      `[${Array.from({ length: 600 }, () => 1).join(',')}]`,
      `'${'x'.repeat(5000)}'`,
    ),
    tie('expr').map((e) => `(${e})`),
    fc
      .tuple(tie('expr'), fc.constantFrom('+', '*', '==', '&&', '||', '?'), tie('expr'))
      .map(([a, op, b]) => (op === '?' ? `${a} ? ${b} : ${a}` : `${a} ${op} ${b}`)),
    fc
      .tuple(fc.constantFrom('map', 'filter', 'all', 'exists'), tie('expr'))
      .map(([m, body]) => `items.${m}(i, ${body})`),
    tie('expr').map((e) => `cel.bind(v, ${e}, v + v)`),
    tie('expr').map((e) => `size(${e})`),
  ),
})).expr;
