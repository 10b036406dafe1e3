/**
 * Concurrent requests over real sockets (the app served by @hono/node-server, not `app.request`) on
 * both drivers: of several completions or claims of one task exactly one wins, and a POST retried with
 * the same Idempotency-Key acts once even when both copies arrive together (docs/architecture.md).
 */
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createTestApp, publishTestWorkflow, TEST_WORKFLOW, type TestApp } from '../../api/test-support.ts';
import { DATABASES, type TestDatabase } from '../fixtures/databases.ts';
import { type ApiClient, type InstanceBody, type JsonResponse, login, startInstance } from './support.ts';

type Server = ReturnType<typeof serve>;

async function listen(t: TestApp): Promise<{ server: Server; url: string }> {
  return new Promise((resolve) => {
    const server = serve({ fetch: t.app.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) => {
      resolve({ server, url: `http://127.0.0.1:${info.port}` });
    });
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    if ('closeAllConnections' in server) server.closeAllConnections();
  });
}

function statuses(responses: JsonResponse[]): number[] {
  return responses.map((r) => r.status).sort();
}

function errorMessage(res: JsonResponse): string {
  return (res.body as { error?: { message?: string } } | undefined)?.error?.message ?? '';
}

describe.each(DATABASES)('concurrent requests over HTTP on $name', ({ open }) => {
  let db: TestDatabase;
  let server: Server | undefined;
  let url = '';
  let consultant: ApiClient;
  let manager: ApiClient;
  let managerSh: ApiClient;
  let admin: ApiClient;

  beforeAll(async () => {
    db = await open();
    const t = await createTestApp(db);
    await publishTestWorkflow(t);
    ({ server, url } = await listen(t));
    [consultant, manager, managerSh, admin] = await Promise.all([
      login(url, 'consultant'),
      login(url, 'manager'),
      login(url, 'manager_sh'),
      login(url, 'admin'),
    ]);
  });

  afterAll(async () => {
    if (server) await closeServer(server);
    await db?.close();
  });

  async function historyOf(instanceId: string): Promise<InstanceBody['history']> {
    const res = await admin.call('GET', `/api/instances/${instanceId}`);
    expect(res.status).toBe(200);
    return (res.body as InstanceBody).history;
  }

  it('lets exactly one of ten concurrent completions of a task win; the others get 409', async () => {
    const instance = await startInstance(consultant, TEST_WORKFLOW.key);
    const taskId = instance.tasks[0]!.id;
    const responses = await Promise.all(
      Array.from({ length: 10 }, () =>
        manager.call('POST', `/api/tasks/${taskId}/complete`, { outcome: 'approve' }),
      ),
    );
    expect(statuses(responses)).toEqual([200, ...Array(9).fill(409)]);
    const history = await historyOf(instance.id);
    expect(history.filter((h) => h.action === 'complete')).toHaveLength(1);
  });

  it('completes each of ten tasks exactly once when fifty clients race over them', async () => {
    const started = await Promise.all(
      Array.from({ length: 10 }, () => startInstance(consultant, TEST_WORKFLOW.key)),
    );
    const taskIds = started.map((i) => i.tasks[0]!.id);
    const responses = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        manager.call('POST', `/api/tasks/${taskIds[i % taskIds.length]}/complete`, {
          outcome: i % 2 === 0 ? 'approve' : 'reject',
        }),
      ),
    );
    expect(statuses(responses)).toEqual([...Array(10).fill(200), ...Array(40).fill(409)]);
    for (const [index, instance] of started.entries()) {
      const wins = responses.filter((r, i) => i % taskIds.length === index && r.status === 200);
      expect(wins).toHaveLength(1);
      const history = await historyOf(instance.id);
      expect(history.filter((h) => h.action === 'complete')).toHaveLength(1);
    }
  });

  it('gives a group task to exactly one of two managers claiming it at the same time', async () => {
    // Started by admin, so in no store: both stores' sales managers are candidates.
    const instance = await startInstance(admin, TEST_WORKFLOW.key);
    const taskId = instance.tasks[0]!.id;
    const claims = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        (i % 2 === 0 ? manager : managerSh).call('POST', `/api/tasks/${taskId}/claim`),
      ),
    );
    const winners = new Set(
      claims.filter((r) => r.status === 200).map((r) => (r.body as { assignee: string }).assignee),
    );
    expect(winners.size).toBe(1);
    // The winner's repeated claims are harmless (200); every claim by the other manager is refused.
    expect(statuses(claims)).toEqual([...Array(5).fill(200), ...Array(5).fill(409)]);
    const history = await historyOf(instance.id);
    expect(history.filter((h) => h.action === 'claim')).toHaveLength(1);
  });

  /** Sends the same completion twice at once with one key, then once more; returns what came back. */
  async function completeTwiceWithOneKey(taskId: string) {
    const send = () =>
      manager.call(
        'POST',
        `/api/tasks/${taskId}/complete`,
        { outcome: 'approve', comment: '同意' },
        { 'idempotency-key': `reliability-${taskId}` },
      );
    const pair = await Promise.all([send(), send()]);
    return { pair, retry: await send() };
  }

  it('acts once on two concurrent completions sharing an Idempotency-Key, and replays on a retry', async () => {
    const started = await Promise.all(
      Array.from({ length: 5 }, () => startInstance(consultant, TEST_WORKFLOW.key)),
    );
    const outcomes = await Promise.all(started.map((i) => completeTwiceWithOneKey(i.tasks[0]!.id)));
    for (const [index, { pair, retry }] of outcomes.entries()) {
      const acted = pair.filter((r) => r.status === 200 && r.headers.get('idempotent-replayed') === null);
      expect(acted).toHaveLength(1);
      const other = pair.find((r) => r !== acted[0])!;
      // Either still in flight (409) or the stored answer; never a second attempt at the task.
      if (other.status === 409) expect(errorMessage(other)).toMatch(/in progress/);
      else expect([other.status, other.headers.get('idempotent-replayed')]).toEqual([200, 'true']);
      expect([retry.status, retry.headers.get('idempotent-replayed')]).toEqual([200, 'true']);
      expect(retry.body).toEqual(acted[0]!.body);
      const history = await historyOf(started[index]!.id);
      expect(history.filter((h) => h.action === 'complete')).toHaveLength(1);
    }
  });
});
