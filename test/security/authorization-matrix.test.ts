/**
 * The authorization matrix (issue #12 point 4): every route of the app × every demo user × a record
 * of the caller's own store and of the other store, against the declarations in
 * `access-declarations.ts`. One PGlite database for the file; the refusals run first (they change
 * nothing when they hold), then the admitted calls, the consuming ones last.
 */
import { createDealerTestApp, type DealerTestApp } from '../../api/dealer/testing.ts';
import { DEMO_PASSWORD } from '../../api/seed/demo-users.ts';
import { DATABASES, type TestDatabase } from '../fixtures/databases.ts';
import {
  ACCESS,
  type Answer,
  EVERYONE,
  ID_FIXTURE,
  type MatrixRequest,
  type RouteAccess,
  WHO,
  type Who,
} from './access-declarations.ts';
import {
  type MatrixFixtures,
  STORES,
  type StoreId,
  type StoreRecords,
  seedMatrixFixtures,
} from './matrix-fixtures.ts';

const pglite = DATABASES.find((d) => d.name === 'pglite')!;
const ROUTES = Object.keys(ACCESS);
const METHOD_ORDER = ['GET', 'PUT', 'PATCH', 'POST', 'DELETE'];
/** Admitted calls: reads, then writes, then the ones that consume the task, the flow or the definition. */
const ADMIT_ORDER = [...ROUTES].sort((a, b) => {
  const rank = (k: string) => (ACCESS[k]!.late ? 10 : 0) + METHOD_ORDER.indexOf(k.split(' ')[0]!);
  return rank(a) - rank(b);
});

/** What the declarations expect `who` to get on `store`'s record. */
function expectedAnswer(access: RouteAccess, who: Who, store: StoreId): Answer {
  if (access.roles === 'public') return 'ok';
  const user = WHO[who];
  if (access.roles !== 'any' && !access.roles.includes(user.role)) return 403;
  if (user.store !== null && user.store !== store) return access.otherStore;
  return access.except?.[who] ?? 'ok';
}

interface Case {
  who: Who;
  store: StoreId;
  expected: Answer;
}

function casesOf(route: string): Case[] {
  const access = ACCESS[route]!;
  return EVERYONE.flatMap((who) =>
    STORES.map((store) => ({ who, store, expected: expectedAnswer(access, who, store) })),
  );
}

describe('the authorization matrix', () => {
  let db: TestDatabase;
  let t: DealerTestApp;
  let f: MatrixFixtures;
  const tokens = new Map<string, string>();

  beforeAll(async () => {
    db = await pglite.open();
    t = await createDealerTestApp(db);
    f = await seedMatrixFixtures(t, db);
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

  async function token(who: Who, fresh: boolean): Promise<string> {
    if (fresh) return login(who);
    const known = tokens.get(who) ?? (await login(who));
    tokens.set(who, known);
    return known;
  }

  function pathOf(route: string, s: StoreRecords): string {
    const [, path] = route.split(' ') as [string, string];
    const access = ACCESS[route]!;
    const segment = path.split('/')[2] ?? '';
    return path.replace(/\{(\w+)\}/g, (_, name: string) => {
      if (name === 'version') return '1';
      if (name === 'username') return s.consultant;
      if (name === 'key') {
        if (segment === 'workflows') return f.workflowKey;
        if (segment === 'forms') return f.formKey;
        return 'order.arrived';
      }
      if (segment === 'admin') return String(f.outbox);
      const field = access.id ?? ID_FIXTURE[segment];
      if (!field) throw new Error(`no fixture for {${name}} of ${route}`);
      return String(s[field]);
    });
  }

  /** Calls `route` for `store`'s records as `who` (undefined: without a session). */
  async function call(route: string, store: StoreId, who: Who | undefined): Promise<Response> {
    const access = ACCESS[route]!;
    const s = f.stores[store];
    const req: MatrixRequest = access.request?.(s, f) ?? {};
    const headers: Record<string, string> = { ...req.headers };
    if (who) headers.authorization = `Bearer ${await token(who, access.freshSession === true)}`;
    const raw = typeof req.body === 'string' || req.body instanceof FormData || req.body instanceof Blob;
    if (req.body !== undefined && !raw) headers['content-type'] ??= 'application/json';
    const query = req.query ? `?${new URLSearchParams(req.query)}` : '';
    const init: RequestInit = { method: route.split(' ')[0], headers };
    if (req.body !== undefined) init.body = raw ? (req.body as BodyInit) : JSON.stringify(req.body);
    const res = await t.app.request(`${pathOf(route, s)}${query}`, init);
    return res;
  }

  /** What the call got, in the matrix's terms (a number: an answer the matrix never expects). */
  async function answerOf(route: string, res: Response): Promise<Answer | number> {
    const fromBody = await ACCESS[route]!.answerOf?.(res);
    if (res.headers.get('content-type')?.startsWith('text/event-stream')) await res.body?.cancel();
    else await res.arrayBuffer();
    if (fromBody !== undefined) return fromBody;
    if (res.status === 403 || res.status === 404) return res.status;
    if (res.status === 401 || res.status >= 500) return res.status;
    return 'ok';
  }

  async function mismatches(route: string, cases: Case[]): Promise<string[]> {
    const found: string[] = [];
    for (const c of cases) {
      const res = await call(route, c.store, c.who);
      const status = res.status;
      if (process.env.MATRIX_DEBUG && res.status === 422) console.log(route, c.who, await res.clone().text());
      const got = await answerOf(route, res);
      if (got !== c.expected)
        found.push(`${c.who} on ${c.store}: expected ${c.expected}, got ${got} (${status})`);
    }
    return found;
  }

  it('declares every route the app serves, and no other', () => {
    const served = new Set(
      t.app.routes
        .filter((r) => r.method !== 'ALL')
        .map((r) => `${r.method} ${r.path.replace(/:(\w+)/g, '{$1}')}`),
    );
    expect([...served].filter((r) => !ACCESS[r]).sort()).toEqual([]);
    expect(ROUTES.filter((r) => !served.has(r)).sort()).toEqual([]);
  });

  it('declares the roles that each operation of the OpenAPI document lists in x-roles', async () => {
    const doc = (await (await t.app.request('/api/openapi.json')).json()) as {
      paths: Record<string, Record<string, { 'x-roles'?: string[] }>>;
    };
    const differ: string[] = [];
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(item)) {
        const route = `${method.toUpperCase()} ${path}`;
        const declared = ACCESS[route]?.roles;
        const documented = op['x-roles'] ?? 'public';
        const same =
          documented === 'public'
            ? declared === 'public'
            : documented.includes('*')
              ? declared === 'any'
              : Array.isArray(declared) && [...declared].sort().join() === [...documented].sort().join();
        if (!same)
          differ.push(
            `${route}: declared ${JSON.stringify(declared)}, x-roles ${JSON.stringify(documented)}`,
          );
      }
    }
    expect(differ).toEqual([]);
  });

  it('answers 401 to every route but the public ones without a session', async () => {
    const wrong: string[] = [];
    for (const route of ROUTES) {
      if (ACCESS[route]!.roles === 'public') continue;
      const res = await call(route, 'BJ01', undefined);
      await res.arrayBuffer();
      if (res.status !== 401) wrong.push(`${route}: ${res.status}`);
    }
    expect(wrong).toEqual([]);
  });

  describe('refuses', () => {
    it.each(ROUTES)('%s to whom the declarations refuse it', async (route) => {
      expect(
        await mismatches(
          route,
          casesOf(route).filter((c) => c.expected !== 'ok'),
        ),
      ).toEqual([]);
    });
  });

  describe('admits', () => {
    it.each(ADMIT_ORDER)('%s to whom the declarations admit', async (route) => {
      expect(
        await mismatches(
          route,
          casesOf(route).filter((c) => c.expected === 'ok'),
        ),
      ).toEqual([]);
    });
  });
});
