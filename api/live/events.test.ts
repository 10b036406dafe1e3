import type { AddressInfo } from 'node:net';
import { type ServerType, serve } from '@hono/node-server';
import { TaskEvents } from '../../engine/store/task-events.ts';
import type { TaskEvent } from '../../engine/store/task-notify.ts';
import { DATABASES, type TestDatabase } from '../../test/fixtures/databases.ts';
import { SESSION_COOKIE } from '../auth/authenticate.ts';
import { createTestApp, publishTestWorkflow, type TestApp } from '../test-support.ts';
import { openSse, type SseMessage, type SseTestClient } from './sse-test-client.ts';

const isTask = (m: SseMessage) => m.event === 'task';
const isCc = (m: SseMessage) => m.event === 'cc';
const taskOf = (m: SseMessage) => JSON.parse(m.data) as TaskEvent;

describe.each(DATABASES)('GET /api/events over HTTP on $name', ({ open }) => {
  let db: TestDatabase;
  let t: TestApp;
  let hub: TaskEvents;
  let server: ServerType;
  let base: string;
  const streams: SseTestClient[] = [];

  /** Opens a stream as `username` (Bearer, or the session cookie as a browser sends it). */
  async function streamAs(username: string, via: 'bearer' | 'cookie' = 'bearer'): Promise<SseTestClient> {
    const token = await t.token(username);
    const headers: Record<string, string> =
      via === 'bearer' ? { authorization: `Bearer ${token}` } : { cookie: `${SESSION_COOKIE}=${token}` };
    const sse = await openSse(`${base}/api/events`, headers);
    streams.push(sse);
    await sse.next((m) => m.event === 'ready');
    return sse;
  }

  async function startApproval(as: string): Promise<string> {
    const res = await t.call('POST', '/api/instances', {
      as,
      body: { workflowKey: 'test-approval', input: {} },
    });
    expect(res.status).toBe(201);
    return ((await res.json()) as { id: string }).id;
  }

  beforeAll(async () => {
    db = await open();
    hub = new TaskEvents(db.database);
    t = await createTestApp(db, { taskEvents: hub, eventsHeartbeatMs: 200 });
    await publishTestWorkflow(t);
    server = serve({ fetch: t.app.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await Promise.all(streams.map((s) => s.close()));
    await hub?.stop();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    await db?.close();
  });

  it('sends the manager the task a consultant of the store opens, and not another store’s manager', async () => {
    const manager = await streamAs('manager');
    const managerSh = await streamAs('manager_sh', 'cookie');
    const bj = await startApproval('consultant');
    const received = taskOf(await manager.next((m) => isTask(m) && taskOf(m).instanceId === bj));
    expect(received).toMatchObject({
      instanceId: bj,
      status: 'opened',
      candidateRoles: ['sales_manager'],
      storeId: 'BJ01',
    });
    expect(received).not.toHaveProperty('partial');
    // The hub fans out in commit order: had SH01's manager been sent BJ01's task, it would come first.
    const sh = await startApproval('consultant_sh');
    const first = await managerSh.next(isTask);
    expect(taskOf(first).instanceId).toBe(sh);
    expect(manager.messages.filter(isTask).map((m) => taskOf(m).instanceId)).not.toContain(sh);
  });

  it('tells the other candidates when a task they could claim is closed', async () => {
    const manager = await streamAs('manager');
    const id = await startApproval('consultant');
    const opened = taskOf(await manager.next((m) => isTask(m) && taskOf(m).instanceId === id));
    const done = await t.call('POST', `/api/tasks/${opened.taskId}/complete`, {
      as: 'manager',
      body: { outcome: 'approve', data: {} },
    });
    expect(done.status).toBe(200);
    const closed = await manager.next((m) => isTask(m) && taskOf(m).status === 'closed');
    expect(taskOf(closed).taskId).toBe(opened.taskId);
  });

  it('sends a CC to its recipient only, once the CC committed', async () => {
    const idOf = async (username: string) => {
      const res = await t.call('GET', '/api/auth/me', { as: username });
      return ((await res.json()) as { id: string }).id;
    };
    const [financeId, logisticsId] = await Promise.all([idOf('finance'), idOf('logistics')]);
    const manager = await streamAs('manager');
    const finance = await streamAs('finance', 'cookie');
    const logistics = await streamAs('logistics');
    const id = await startApproval('consultant');
    const task = taskOf(await manager.next((m) => isTask(m) && taskOf(m).instanceId === id));

    const bad = await t.call('POST', `/api/tasks/${task.taskId}/cc`, {
      as: 'manager',
      body: { users: [financeId, '00000000-0000-4000-8000-000000000000'] },
    });
    expect(bad.status).toBe(422);
    const res = await t.call('POST', `/api/tasks/${task.taskId}/cc`, {
      as: 'manager',
      body: { users: [financeId] },
    });
    expect(res.status).toBe(200);
    const cc = JSON.parse((await finance.next(isCc)).data) as Record<string, unknown>;
    const listed = await t.call('GET', '/api/cc', { as: 'finance' });
    const [row] = ((await listed.json()) as { items: { id: string; instanceId: string }[] }).items;
    expect(cc).toEqual({ ccId: row!.id, instanceId: id, userId: financeId });
    // The refused request sent nothing: finance heard exactly one CC.
    expect(finance.messages.filter(isCc)).toHaveLength(1);

    // Events are fanned out in commit order: had logistics been sent finance's CC, it would come first.
    await t.call('POST', `/api/tasks/${task.taskId}/cc`, { as: 'manager', body: { users: [logisticsId] } });
    const own = JSON.parse((await logistics.next(isCc)).data) as { userId: string };
    expect(own.userId).toBe(logisticsId);
    expect(manager.messages.filter(isCc)).toEqual([]);
  });

  it('keeps the stream open with heartbeat comments', async () => {
    const sse = await streamAs('consultant');
    expect(await sse.nextComment((c) => c === 'heartbeat')).toBe('heartbeat');
  });

  it('answers 401 without a session', async () => {
    const res = await fetch(`${base}/api/events`);
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: { code: 'unauthorized' } });
  });

  it('unsubscribes a stream when its client disconnects', async () => {
    const before = hub.subscriberCount;
    const sse = await streamAs('finance');
    expect(hub.subscriberCount).toBe(before + 1);
    await sse.close();
    await vi.waitFor(() => expect(hub.subscriberCount).toBe(before), { timeout: 5_000, interval: 20 });
  });

  it('ends every open stream when the hub stops', async () => {
    const sse = await streamAs('logistics');
    expect(sse.ended()).toBe(false);
    await hub.stop();
    expect(hub.subscriberCount).toBe(0);
    // Ended from the server side: the client never closed it.
    await vi.waitFor(() => expect(sse.ended()).toBe(true), { timeout: 5_000, interval: 20 });
    await hub.start();
  });
});
