/**
 * The authorization matrix (issue #12 point 4): every route of the app × every demo user × a record
 * of the caller's own store and of the other store, against the declarations in
 * `access-declarations.ts`. One PGlite database for the file; the refusals run first (they change
 * nothing when they hold), then the admitted calls, the consuming ones last.
 */

import { DEMO_PASSWORD } from '../../api/dealer/demo/users.ts';
import { createDealerTestApp, type DealerTestApp } from '../../api/dealer/testing.ts';
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

describe('references to another store’s records', () => {
  let db: TestDatabase;
  let t: DealerTestApp;
  let f: MatrixFixtures;

  beforeAll(async () => {
    db = await pglite.open();
    t = await createDealerTestApp(db);
    f = await seedMatrixFixtures(t, db);
  });
  afterAll(() => db.close());

  const NOWHERE = '00000000-0000-4000-8000-000000000000';
  type Named = Pick<
    StoreRecords,
    'managerId' | 'consultantId' | 'customer' | 'vehicle' | 'vin' | 'order' | 'serviceOrder'
  >;
  const nowhere: Named = {
    managerId: NOWHERE,
    consultantId: NOWHERE,
    customer: NOWHERE,
    vehicle: NOWHERE,
    vin: 'LNOWHERE000000000',
    order: NOWHERE,
    serviceOrder: NOWHERE,
  };
  interface Call {
    as: string;
    method: string;
    path: string;
    body: unknown;
  }
  const NEW_ORDER = {
    customer: { name: '张伟', mobile: '13800138000' },
    vehicle: { brand: 'BYD', model: '海豹', trim: '豪华版', color: '珍珠白' },
    pricing: { msrp: 18_980_000 },
    paymentMethod: 'cash',
    source: 'walk_in',
  };
  const COMPLAINT = {
    customerName: '王五',
    channel: 'phone',
    category: 'repair',
    level: 'normal',
    description: '等待',
  };
  const onTask =
    (action: string, body: unknown) =>
    (task: string): Call => ({
      as: 'manager',
      method: 'POST',
      path: `/api/tasks/${task}/${action}`,
      body,
    });

  /** Each case names `x`'s record from BJ01 (`task`: an open approval task of BJ01, fresh per case). */
  const CASES: [string, (x: Named, own: StoreRecords) => (task: string) => Call][] = [
    ['a task transferred to', (x) => onTask('transfer', { to: x.managerId })],
    ['a task delegated to', (x) => onTask('delegate', { to: x.managerId })],
    ['an approver added', (x) => onTask('add-approver', { users: [x.managerId], position: 'after' })],
    [
      'a test drive’s vehicle',
      (x, own) => () => ({
        as: 'consultant',
        method: 'POST',
        path: `/api/customers/${own.customer}/test-drives`,
        body: { at: '2026-11-22T02:00:00Z', model: '海豹', vehicleId: x.vehicle, licenceChecked: true },
      }),
    ],
    [
      'a new order’s customer',
      (x) => () => ({
        as: 'consultant',
        method: 'POST',
        path: '/api/orders',
        body: { ...NEW_ORDER, customer: { ...NEW_ORDER.customer, id: x.customer } },
      }),
    ],
    [
      'a new order’s vehicle',
      (x) => () => ({
        as: 'consultant',
        method: 'POST',
        path: '/api/orders',
        body: { ...NEW_ORDER, vehicle: { ...NEW_ORDER.vehicle, vin: x.vin } },
      }),
    ],
    [
      'a complaint’s order',
      (x) => () => ({
        as: 'service',
        method: 'POST',
        path: '/api/complaints',
        body: { ...COMPLAINT, orderId: x.order },
      }),
    ],
    [
      'a complaint’s work order',
      (x) => () => ({
        as: 'service',
        method: 'POST',
        path: '/api/complaints',
        body: { ...COMPLAINT, serviceOrderId: x.serviceOrder },
      }),
    ],
  ];

  /** People CC'd or mentioned may be of another store (a CC shares the instance on purpose), but must exist. */
  const EXISTING: [string, (x: Named, own: StoreRecords) => (task: string) => Call][] = [
    ['a person CC’d', (x) => onTask('cc', { users: [x.consultantId] })],
    ['a person mentioned', (x) => onTask('comment', { comment: '看一下', mentions: [x.consultantId] })],
  ];

  /** An open task of BJ01's sales managers on the matrix flow. */
  async function freshTask(): Promise<string> {
    const started = await t.json<{ tasks: { id: string; status: string }[] }>(
      'POST',
      '/api/instances',
      'consultant',
      201,
      {
        workflowKey: f.workflowKey,
        input: {},
      },
    );
    return started.tasks.find((x) => x.status === 'open')!.id;
  }

  async function answer(make: (task: string) => Call) {
    const { as, method, path, body } = make(await freshTask());
    const res = await t.call(method, path, as, body);
    return { status: res.status, body: (await res.json()) as unknown };
  }

  it.each(CASES)('refuses %s of another store with 422', async (_what, ref) => {
    expect(await answer(ref(f.stores.SH01, f.stores.BJ01))).toMatchObject({ status: 422 });
  });

  it.each([...CASES, ...EXISTING])('refuses %s that does not exist with 422', async (_what, ref) => {
    expect(await answer(ref(nowhere, f.stores.BJ01))).toMatchObject({ status: 422 });
  });

  it('still hands a task to a colleague of its store, and CCs anyone', async () => {
    expect((await answer(onTask('transfer', { to: f.stores.BJ01.consultantId }))).status).toBe(200);
    expect((await answer(onTask('cc', { users: [f.stores.SH01.consultantId] }))).status).toBe(200);
  });
});
