/**
 * Helpers for the API's own tests: an app over a test database with the dealership's demo users and
 * roles (the platform's suites use them as their cast), logins, and a `call` that speaks JSON. Not a
 * test file; imported only by `*.test.ts`.
 */

import { WorkflowService } from '../engine/store/service.ts';
import type { WorkflowDefinition } from '../engine/types.ts';
import type { TestDatabase } from '../test/fixtures/databases.ts';
import { type AppType, type CreateAppOptions, createApp } from './app.ts';
import { DEMO_PASSWORD, seedDemoUsers } from './dealer/demo/users.ts';
import { DEALER_ROLES } from './dealer/roles.ts';
import { usableFiles } from './files/file-repo.ts';
import { createSilentLogger } from './logger.ts';
import { taskOversight } from './rbac.ts';
import { apiPorts } from './store/ports.ts';

/** An app under test with its service and login helpers. */
export interface TestApp {
  app: AppType;
  service: WorkflowService;
  /** Logs in a demo user (password `dealerflow`) and returns the token; cached per username. */
  token(username: string): Promise<string>;
  /** A JSON request; `as` logs in first. */
  call(method: string, path: string, options?: CallOptions): Promise<Response>;
}

/** Who calls and with what, for `TestApp.call`. */
export interface CallOptions {
  as?: string;
  token?: string;
  body?: unknown;
  /** Sent as is (for malformed JSON). */
  rawBody?: string;
  headers?: Record<string, string>;
}

/**
 * Builds the app over a migrated test database, seeding the demo users once.
 *
 * @example
 * const t = await createTestApp(db); const res = await t.call('GET', '/api/tasks', { as: 'manager' });
 */
export async function createTestApp(
  db: TestDatabase,
  options: Partial<CreateAppOptions> = {},
): Promise<TestApp> {
  const { database } = db;
  await seedDemoUsers(database);
  const service = new WorkflowService({
    ports: apiPorts,
    database,
    references: { file: usableFiles },
    oversight: taskOversight(DEALER_ROLES),
  });
  // No cache: tests log out and expect the next request to be refused at once.
  const app = createApp({
    service,
    database,
    roles: DEALER_ROLES,
    logger: createSilentLogger(),
    actorCacheMs: 0,
    ...options,
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
    const { token: fresh } = (await res.json()) as { token: string };
    tokens.set(username, fresh);
    return fresh;
  }

  async function call(method: string, path: string, options: CallOptions = {}): Promise<Response> {
    const headers: Record<string, string> = { ...options.headers };
    const bearer = options.token ?? (options.as ? await token(options.as) : undefined);
    if (bearer) headers.authorization = `Bearer ${bearer}`;
    let body: string | undefined = options.rawBody;
    if (options.body !== undefined) body = JSON.stringify(options.body);
    if (body !== undefined) headers['content-type'] ??= 'application/json';
    return app.request(path, { method, headers, ...(body !== undefined ? { body } : {}) });
  }

  return { app, service, token, call };
}

/** A one-step approval by a sales manager of the instance's store. */
export const TEST_WORKFLOW: WorkflowDefinition = {
  key: 'test-approval',
  name: '测试审批',
  events: { WITHDRAW: { label: '撤回', from: { starter: true } } },
  machine: {
    id: 'testApproval',
    initial: 'review',
    context: {},
    states: {
      review: {
        meta: {
          task: { name: '经理审批', assignee: { roles: ['sales_manager'] }, outcomes: ['approve', 'reject'] },
        },
        on: { APPROVE: 'approved', REJECT: 'rejected', WITHDRAW: 'withdrawn' },
      },
      approved: { type: 'final' },
      rejected: { type: 'final' },
      withdrawn: { type: 'final' },
    },
  },
};

/** Publishes `TEST_WORKFLOW` through the API as admin. */
export async function publishTestWorkflow(t: TestApp): Promise<void> {
  const saved = await t.call('PUT', `/api/workflows/${TEST_WORKFLOW.key}/draft`, {
    as: 'admin',
    body: TEST_WORKFLOW,
  });
  if (saved.status !== 200) throw new Error(`draft: ${saved.status} ${await saved.text()}`);
  const published = await t.call('POST', `/api/workflows/${TEST_WORKFLOW.key}/publish`, { as: 'admin' });
  if (published.status !== 200) throw new Error(`publish: ${published.status} ${await published.text()}`);
}
