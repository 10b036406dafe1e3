/**
 * Test support for the dealership suites (not a test file): the whole app over a test database with
 * the demo users, the shipped flows published, the dealership's effects and routes, a clock the test
 * moves, and a JSON `call` that logs in as a demo user.
 */
import { and, eq } from 'drizzle-orm';
import { instances } from '../../engine/store/schema.ts';
import { WorkflowService } from '../../engine/store/service.ts';
import type { TestDatabase } from '../../test/fixtures/databases.ts';
import { FORMS, WORKFLOWS } from '../../workflows/index.ts';
import { type CreateAppOptions, createApp } from '../app.ts';
import { usableFiles } from '../files/file-repo.ts';
import { createSilentLogger } from '../logger.ts';
import { taskOversight } from '../rbac.ts';
import { publishShipped } from '../seed/index.ts';
import { apiPorts } from '../store/ports.ts';
import { DEMO_PASSWORD, seedDemoUsers } from './demo/users.ts';
import { DEALER_EFFECT_DOCS } from './effect-docs.ts';
import { createDealerEffects } from './effects.ts';
import { createDealerInstanceHooks } from './instance-hooks.ts';
import { dealerReferenceCheckers } from './references.ts';
import { DEALER_ROLES } from './roles.ts';
import { createDealerRoutes } from './routes/index.ts';

export interface DealerTestApp {
  app: ReturnType<typeof createApp>;
  service: WorkflowService;
  now: () => Date;
  /** Moves the clock forward. */
  advance(ms: number): void;
  /** A request as a demo user (password `dealerflow`); `body` sent as JSON (FormData, text and Blobs as they are). */
  call(
    method: string,
    path: string,
    as: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<Response>;
  /** `call` that expects `status` and returns the parsed JSON. */
  json<T = Record<string, unknown>>(
    method: string,
    path: string,
    as: string,
    status: number,
    body?: unknown,
  ): Promise<T>;
  /**
   * Completes the open task of an instance as `as`. Like the decision page, the review's comment
   * field (`reviewComment`) goes as the task comment too (the review steps require one to reject or return).
   */
  completeOpenTask(
    instanceId: string,
    as: string,
    outcome: string,
    data?: Record<string, unknown>,
  ): Promise<void>;
  /** The id of the `workflowKey` instance started for `businessKey` (an order or work-order number). */
  instanceOf(workflowKey: string, businessKey: string): Promise<string>;
}

/**
 * Builds the app; the clock starts at `start` (default 2026-11-23 02:00 UTC = 10:00 in Beijing).
 *
 * @example
 * const t = await createDealerTestApp(db);
 * const order = await t.json('POST', '/api/orders', 'consultant', 201, EXAMPLE_ORDER);
 */
export async function createDealerTestApp(
  db: TestDatabase,
  start = '2026-11-23T02:00:00Z',
  /**
   * App options over the test defaults (the actor cache is off unless `actorCacheMs` is given);
   * `sessionsOnTestClock`: sessions and login throttling read the test's clock too (else the system's).
   */
  appOptions: Pick<CreateAppOptions, 'actorCacheMs' | 'bodyLimit' | 'fileLimit' | 'uploadRatePerMinute'> & {
    sessionsOnTestClock?: boolean;
  } = {},
): Promise<DealerTestApp> {
  const { database } = db;
  let current = Date.parse(start);
  const clock = () => new Date(current);
  await seedDemoUsers(database);
  const service = new WorkflowService({
    ports: apiPorts,
    database,
    clock,
    effects: createDealerEffects({ clock }),
    hooks: createDealerInstanceHooks({ clock }),
    references: { file: usableFiles, ...dealerReferenceCheckers },
    oversight: taskOversight(DEALER_ROLES),
  });
  const report = await publishShipped(service, { workflows: WORKFLOWS, forms: FORMS });
  if (report.failed.length > 0)
    throw new Error(`shipped flows not published: ${JSON.stringify(report.failed)}`);
  const dealer = createDealerRoutes({ database, service, clock });
  const app = createApp({
    service,
    database,
    dealer,
    roles: DEALER_ROLES,
    effectDocs: DEALER_EFFECT_DOCS,
    logger: createSilentLogger(),
    actorCacheMs: appOptions.actorCacheMs ?? 0,
    bodyLimit: appOptions.bodyLimit,
    fileLimit: appOptions.fileLimit,
    uploadRatePerMinute: appOptions.uploadRatePerMinute,
    clock: appOptions.sessionsOnTestClock ? clock : undefined,
  });
  const tokens = new Map<string, string>();

  async function token(username: string): Promise<string> {
    const known = tokens.get(username);
    if (known) return known;
    const res = await app.request('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: DEMO_PASSWORD }),
    });
    if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
    const fresh = ((await res.json()) as { token: string }).token;
    tokens.set(username, fresh);
    return fresh;
  }

  async function call(
    method: string,
    path: string,
    as: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ) {
    const h: Record<string, string> = { ...headers, authorization: `Bearer ${await token(as)}` };
    // FormData (an upload) goes as is: fetch sets its multipart content type.
    const raw = typeof body === 'string' || body instanceof Blob || body instanceof FormData;
    if (body !== undefined && !(body instanceof FormData)) h['content-type'] ??= 'application/json';
    const init: RequestInit = { method, headers: h };
    if (body !== undefined) init.body = raw ? (body as BodyInit) : JSON.stringify(body);
    return app.request(path, init);
  }

  async function json<T>(
    method: string,
    path: string,
    as: string,
    status: number,
    body?: unknown,
  ): Promise<T> {
    const res = await call(method, path, as, body);
    const text = await res.text();
    if (res.status !== status)
      throw new Error(`${method} ${path} as ${as}: expected ${status}, got ${res.status} ${text}`);
    return JSON.parse(text) as T;
  }

  async function completeOpenTask(
    instanceId: string,
    as: string,
    outcome: string,
    data: Record<string, unknown> = {},
  ) {
    const instance = await service.getInstance(instanceId);
    const task = instance.tasks.find((t) => t.status === 'open');
    if (!task)
      throw new Error(`instance ${instanceId} has no open task (state ${JSON.stringify(instance.state)})`);
    const comment = typeof data.reviewComment === 'string' ? data.reviewComment : undefined;
    await json('POST', `/api/tasks/${task.id}/complete`, as, 200, {
      outcome,
      data,
      ...(comment ? { comment } : {}),
    });
  }

  async function instanceOf(workflowKey: string, businessKey: string): Promise<string> {
    const [row] = await database.db
      .select({ id: instances.id })
      .from(instances)
      .where(and(eq(instances.workflowKey, workflowKey), eq(instances.businessKey, businessKey)));
    if (!row) throw new Error(`no ${workflowKey} instance for ${businessKey}`);
    return row.id;
  }

  return {
    app,
    service,
    now: clock,
    advance: (ms) => {
      current += ms;
    },
    call,
    json,
    completeOpenTask,
    instanceOf,
  };
}

/** The example new order of the orders contract (`NewOrderSchema`). */
export const EXAMPLE_ORDER = {
  customer: { name: '张伟', mobile: '13800138000' },
  vehicle: { brand: 'BYD', model: '海豹', trim: '豪华版', color: '珍珠白' },
  pricing: {
    msrp: 18_980_000,
    discount: 500_000,
    accessories: [{ name: '基础包', price: 300_000 }],
    insurance: 650_000,
    registrationFee: 50_000,
  },
  paymentMethod: 'bank_transfer',
  source: 'walk_in',
};
