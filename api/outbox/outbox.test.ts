import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import { OutboxWorker } from '../../engine/store/outbox-worker.ts';
import { outbox } from '../../engine/store/schema.ts';
import { type NotificationEvent, TaskEvents } from '../../engine/store/task-events.ts';
import type { JsonObject } from '../../engine/types.ts';
import { DATABASES, type TestDatabase } from '../../test/fixtures/databases.ts';
import { createSilentLogger } from '../logger.ts';
import { users } from '../store/schema.ts';
import { createTestApp, publishTestWorkflow, type TestApp } from '../test-support.ts';
import { createOutboxChannels, type OutboxSettings } from './channels.ts';
import { DELIVERY_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER, verifyWebhook } from './webhook.ts';

const SECRET = 'test-webhook-secret';
const MINUTE = 60_000;

/** A local receiver: answers `answer(n)` to its n-th request (from 1), or never when it returns null. */
interface Receiver {
  url: string;
  received: { delivery: string; verified: boolean; body: JsonObject; status: number | null }[];
  answer: (n: number) => number | null;
  close(): Promise<void>;
}

async function startReceiver(clock: () => Date, answer: (n: number) => number | null): Promise<Receiver> {
  const receiver: Receiver = { url: '', received: [], answer, close: async () => {} };
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const verdict = verifyWebhook(
        SECRET,
        {
          timestamp: req.headers[TIMESTAMP_HEADER] as string,
          signature: req.headers[SIGNATURE_HEADER] as string,
          body,
        },
        { now: clock() },
      );
      const status = receiver.answer(receiver.received.length + 1);
      receiver.received.push({
        delivery: String(req.headers[DELIVERY_HEADER]),
        verified: verdict.ok,
        body: JSON.parse(body) as JsonObject,
        status,
      });
      if (status === null) return; // never answers
      res.writeHead(verdict.ok ? status : 401).end();
    });
  });
  server.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;
  receiver.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return receiver;
}

const SETTINGS: OutboxSettings = {
  webhook: { secret: SECRET, timeoutMs: 10_000 },
  smtp: { host: undefined, port: 587, secure: false, from: 'test@dealerflow.local' },
  robots: {},
  robotKinds: [],
};

describe.each(DATABASES)('the outbox worker on $name', ({ name, open }) => {
  let db: TestDatabase;
  let t: TestApp;
  // The fake clock: an hour ahead of the rows the service writes, so they are all due.
  let now = new Date(Date.now() + 60 * MINUTE);
  const clock = () => now;
  const advance = (ms: number) => {
    now = new Date(now.getTime() + ms);
  };
  const receivers: Receiver[] = [];

  const workerOn = (database = db.database, maxAttempts = 4, settings = SETTINGS) =>
    new OutboxWorker({
      database,
      channels: createOutboxChannels(settings, createSilentLogger()),
      clock,
      logger: createSilentLogger(),
      maxAttempts,
      baseDelayMs: 1_000,
      maxDelayMs: 60_000,
      random: () => 0.5,
    });

  async function queueWebhook(
    url: string,
    data: JsonObject = { orderNo: 'BJ01202611220001' },
  ): Promise<number> {
    const at = new Date(Date.now()).toISOString();
    const [row] = await db.database.db
      .insert(outbox)
      .values({
        topic: 'webhook',
        payload: { url, event: 'order.approved', data },
        createdAt: at,
        availableAt: at,
      })
      .returning({ id: outbox.id });
    return row!.id;
  }

  const rowOf = async (id: number) =>
    (await db.database.db.select().from(outbox).where(eq(outbox.id, id)))[0]!;

  beforeAll(async () => {
    db = await open();
    t = await createTestApp(db, { clock });
    await publishTestWorkflow(t);
  });
  afterAll(async () => {
    await Promise.all(receivers.map((r) => r.close()));
    await db?.close();
  });

  it('delivers a webhook once after the receiver failed twice, signed, backing off between tries', async () => {
    const receiver = await startReceiver(clock, (n) => (n <= 2 ? 500 : 200));
    receivers.push(receiver);
    const id = await queueWebhook(receiver.url);
    const worker = workerOn();

    expect(await worker.deliverDue()).toMatchObject({ delivered: 0, retried: 1 });
    // Not due again until the backoff has passed: 1 s for the first retry (half of it jittered).
    expect(await worker.deliverDue()).toEqual({ delivered: 0, retried: 0, dead: 0 });
    advance(1_000);
    expect(await worker.deliverDue()).toMatchObject({ retried: 1 });
    advance(1_000);
    expect(await worker.deliverDue()).toEqual({ delivered: 0, retried: 0, dead: 0 });
    advance(1_000);
    expect(await worker.deliverDue()).toMatchObject({ delivered: 1 });
    advance(MINUTE);
    expect(await worker.deliverDue()).toEqual({ delivered: 0, retried: 0, dead: 0 });

    expect(receiver.received).toHaveLength(3);
    expect(receiver.received.every((r) => r.verified && r.delivery === String(id))).toBe(true);
    expect(receiver.received.filter((r) => r.status === 200)).toHaveLength(1);
    expect(receiver.received[2]!.body).toMatchObject({
      id,
      event: 'order.approved',
      data: { orderNo: 'BJ01202611220001' },
    });
    expect(await rowOf(id)).toMatchObject({ status: 'delivered', attempts: 3, lastError: null });
  });

  it('delivers each row once when two workers claim at the same moment, and marks them all delivered', async () => {
    const receiver = await startReceiver(clock, () => 200);
    receivers.push(receiver);
    const ids: number[] = [];
    for (let i = 0; i < 6; i++)
      ids.push(await queueWebhook(receiver.url, { orderNo: `BJ0120261122000${i}` }));
    const [a, b] = [workerOn(), workerOn()];

    await Promise.all([a.deliverDue(), b.deliverDue()]);

    const mine = receiver.received.map((r) => Number(r.delivery)).sort((x, y) => x - y);
    expect(mine).toEqual(ids);
    for (const id of ids) expect(await rowOf(id)).toMatchObject({ status: 'delivered', attempts: 1 });
  });

  it('dead-letters a webhook nobody answers; an admin sees it and sends it again', async () => {
    const receiver = await startReceiver(clock, () => null);
    receivers.push(receiver);
    const id = await queueWebhook(receiver.url);
    // The receiver never answers: the worker gives up on each try after its timeout.
    const worker = workerOn(db.database, 2, { ...SETTINGS, webhook: { secret: SECRET, timeoutMs: 100 } });

    expect(await worker.deliverDue()).toMatchObject({ retried: 1 });
    advance(MINUTE);
    expect(await worker.deliverDue()).toMatchObject({ dead: 1 });
    advance(60 * MINUTE);
    expect(await worker.deliverDue()).toEqual({ delivered: 0, retried: 0, dead: 0 });

    const forbidden = await t.call('GET', '/api/admin/outbox?status=dead', { as: 'manager' });
    expect(forbidden.status).toBe(403);
    const dead = await t.call('GET', '/api/admin/outbox?status=dead', { as: 'admin' });
    expect(dead.status).toBe(200);
    const page = (await dead.json()) as { items: { id: number; attempts: number; lastError: string }[] };
    expect(page.items.map((m) => m.id)).toContain(id);
    expect(page.items.find((m) => m.id === id)).toMatchObject({
      attempts: 2,
      lastError: expect.stringMatching(/timeout|abort/i),
    });

    receiver.answer = () => 204;
    const retried = await t.call('POST', `/api/admin/outbox/${id}/retry`, { as: 'admin' });
    expect(retried.status).toBe(200);
    expect(await retried.json()).toMatchObject({ id, status: 'pending', attempts: 0 });
    expect((await t.call('POST', `/api/admin/outbox/${id}/retry`, { as: 'admin' })).status).toBe(409);
    expect((await t.call('POST', '/api/admin/outbox/999999999/retry', { as: 'admin' })).status).toBe(404);
    expect((await t.call('POST', '/api/admin/outbox/abc/retry', { as: 'admin' })).status).toBe(404);

    expect(await worker.deliverDue()).toMatchObject({ delivered: 1 });
    expect(receiver.received.at(-1)).toMatchObject({ verified: true, status: 204, delivery: String(id) });
    const delivered = await t.call('GET', '/api/admin/outbox?status=delivered', { as: 'admin' });
    expect(((await delivered.json()) as { items: { id: number }[] }).items.map((m) => m.id)).toContain(id);
  });

  it.runIf(name === 'postgres')(
    'delivers each of 60 rows exactly once with two workers on two connections',
    async () => {
      const receiver = await startReceiver(clock, () => 200);
      receivers.push(receiver);
      const ids: number[] = [];
      for (let i = 0; i < 60; i++) ids.push(await queueWebhook(receiver.url, { n: i }));
      const other = await db.connect();
      await Promise.all([workerOn().deliverDue(), workerOn(other).deliverDue()]);
      const deliveries = receiver.received.map((r) => Number(r.delivery));
      expect(deliveries.sort((a, b) => a - b)).toEqual(ids);
    },
  );

  it('tells the store’s managers of a task that arrived, in their message centre and live', async () => {
    const hub = new TaskEvents(db.database);
    const heard: NotificationEvent[] = [];
    hub.subscribe({ onTask: () => {}, onNotification: (e) => heard.push(e) });
    await hub.start();
    const started = await t.call('POST', '/api/instances', {
      as: 'consultant',
      body: { workflowKey: 'test-approval', input: {} },
    });
    expect(started.status).toBe(201);
    const instance = (await started.json()) as { id: string; tasks: { id: string }[] };
    await workerOn().deliverDue();

    const mine = await t.call('GET', '/api/notifications', { as: 'manager' });
    expect(mine.status).toBe(200);
    const page = (await mine.json()) as {
      items: { id: string; kind: string; taskId: string; link: string }[];
      unread: number;
    };
    expect(page.unread).toBe(1);
    expect(page.items[0]).toMatchObject({
      kind: 'task.arrived',
      title: '经理审批',
      instanceId: instance.id,
      body: null,
    });
    expect(page.items[0]!.link).toBe(`/tasks/${page.items[0]!.taskId}`);
    const [manager] = await db.database.db
      .select({ id: users.id })
      .from(users)
      .where(eq(users.username, 'manager'));
    expect(heard).toContainEqual({
      kind: 'notification',
      notificationId: page.items[0]!.id,
      userId: manager!.id,
    });
    await hub.stop();
    const other = (await (await t.call('GET', '/api/notifications', { as: 'manager_sh' })).json()) as {
      total: number;
    };
    expect(other.total).toBe(0);

    expect(
      (await t.call('POST', `/api/notifications/${page.items[0]!.id}/read`, { as: 'manager_sh' })).status,
    ).toBe(404);
    expect(
      (await t.call('POST', `/api/notifications/${page.items[0]!.id}/read`, { as: 'manager' })).status,
    ).toBe(200);
    const after = (await (await t.call('GET', '/api/notifications', { as: 'manager' })).json()) as {
      unread: number;
      total: number;
    };
    expect(after).toMatchObject({ unread: 0, total: 1 });
  });

  it('tells nobody of a task that was done before its arrival was delivered', async () => {
    await workerOn().deliverDue();
    const before = (await (await t.call('GET', '/api/notifications', { as: 'manager' })).json()) as {
      total: number;
    };
    const started = await t.call('POST', '/api/instances', {
      as: 'consultant',
      body: { workflowKey: 'test-approval', input: {} },
    });
    const instance = (await started.json()) as { tasks: { id: string }[] };
    const done = await t.call('POST', `/api/tasks/${instance.tasks[0]!.id}/complete`, {
      as: 'manager',
      body: { outcome: 'approve', data: {} },
    });
    expect(done.status).toBe(200);
    expect(await workerOn().deliverDue()).toMatchObject({ delivered: 1 });
    const after = (await (await t.call('GET', '/api/notifications', { as: 'manager' })).json()) as {
      total: number;
    };
    expect(after.total).toBe(before.total);
  });

  it('puts a CC in the CC’d person’s message centre at once, leading to the instance', async () => {
    const started = await t.call('POST', '/api/instances', {
      as: 'consultant',
      body: { workflowKey: 'test-approval', input: {} },
    });
    const instance = (await started.json()) as { id: string; tasks: { id: string }[] };
    const [colleague] = await db.database.db
      .select({ id: users.id })
      .from(users)
      .where(eq(users.username, 'consultant2'));
    const cc = await t.call('POST', `/api/tasks/${instance.tasks[0]!.id}/cc`, {
      as: 'manager',
      body: { users: [colleague!.id], comment: '请知悉' },
    });
    expect(cc.status).toBe(200);
    const page = (await (await t.call('GET', '/api/notifications', { as: 'consultant2' })).json()) as {
      items: { kind: string; title: string; body: string; link: string }[];
      unread: number;
    };
    expect(page.unread).toBe(1);
    expect(page.items[0]).toMatchObject({
      kind: 'cc',
      title: '王强 抄送给您',
      body: '请知悉',
      link: `/instances/${instance.id}`,
    });
  });

  it('delivers a batch of notify rows together: each recipient once, a done task’s arrival to nobody, a redelivery to nobody again', async () => {
    await workerOn().deliverDue();
    await t.call('POST', '/api/notifications/read-all', { as: 'manager' });
    await t.call('POST', '/api/notifications/read-all', { as: 'consultant2' });
    const [manager] = await db.database.db
      .select({ id: users.id })
      .from(users)
      .where(eq(users.username, 'manager'));
    const started = await t.call('POST', '/api/instances', {
      as: 'consultant',
      body: { workflowKey: 'test-approval', input: {} },
    });
    const done = (await started.json()) as { tasks: { id: string }[] };
    await t.call('POST', `/api/tasks/${done.tasks[0]!.id}/complete`, {
      as: 'manager',
      body: { outcome: 'approve', data: {} },
    });
    const at = new Date(Date.now()).toISOString();
    const queued = await db.database.db
      .insert(outbox)
      .values(
        (
          [
            { kind: 'reminder', recipients: { users: [manager!.id] }, title: '催办一' },
            // manager by role in BJ01 and by id: one entry; consultant2 by username.
            {
              kind: 'notice',
              recipients: { users: [manager!.id, 'consultant2'], roles: ['sales_manager'], storeId: 'BJ01' },
              title: '通知二',
            },
            {
              kind: 'task.arrived',
              recipients: { roles: ['sales_manager'], storeId: 'BJ01' },
              title: '经理审批',
              taskId: done.tasks[0]!.id,
            },
          ] as JsonObject[]
        ).map((payload) => ({ topic: 'notify', payload, createdAt: at, availableAt: at })),
      )
      .returning({ id: outbox.id });
    advance(1_000);
    expect(await workerOn().deliverBatch()).toMatchObject({ claimed: 4, delivered: 4 });
    const page = async (as: string) =>
      (await (await t.call('GET', '/api/notifications?unread=true', { as })).json()) as {
        items: { title: string }[];
      };
    expect((await page('manager')).items.map((i) => i.title).sort()).toEqual(['催办一', '通知二']);
    expect((await page('consultant2')).items.map((i) => i.title)).toEqual(['通知二']);
    // Delivered again (a worker died before marking them): nobody gets an entry twice.
    for (const { id } of queued) {
      await db.database.db
        .update(outbox)
        .set({ status: 'pending', availableAt: at })
        .where(eq(outbox.id, id));
    }
    expect(await workerOn().deliverDue()).toMatchObject({ delivered: 3 });
    expect((await page('manager')).items).toHaveLength(2);
    expect((await page('consultant2')).items).toHaveLength(1);
  });

  it('retries only the row a batch channel failed, and falls back to one by one when the batch fails whole', async () => {
    await workerOn().deliverDue();
    const delivered: string[] = [];
    const batches: string[][] = [];
    let failWhole = false;
    const name = (m: { payload: JsonObject }) => String(m.payload.name);
    const worker = new OutboxWorker({
      database: db.database,
      channels: {
        'test.batch': {
          async deliver(message) {
            if (name(message) === 'bad') throw new Error('refused');
            delivered.push(name(message));
          },
          async deliverMany(messages) {
            batches.push(messages.map(name));
            if (failWhole) throw new Error('connection lost');
            return messages.map((m) => {
              if (name(m) === 'bad') return new Error('refused');
              delivered.push(name(m));
              return undefined;
            });
          },
        },
      },
      clock,
      logger: createSilentLogger(),
      baseDelayMs: 1_000,
      random: () => 0.5,
    });
    const queue = async (...names: string[]) => {
      const at = new Date(now.getTime() - 1_000).toISOString();
      return db.database.db
        .insert(outbox)
        .values(
          names.map((n) => ({ topic: 'test.batch', payload: { name: n }, createdAt: at, availableAt: at })),
        )
        .returning({ id: outbox.id });
    };
    const [a, bad, b] = await queue('a', 'bad', 'b');
    expect(await worker.deliverBatch()).toMatchObject({ claimed: 3, delivered: 2, retried: 1 });
    expect(batches).toEqual([['a', 'bad', 'b']]);
    expect((await rowOf(a!.id)).status).toBe('delivered');
    expect((await rowOf(b!.id)).status).toBe('delivered');
    expect(await rowOf(bad!.id)).toMatchObject({ status: 'pending', lastError: 'Error: refused' });

    failWhole = true;
    await queue('c', 'd');
    expect(await worker.deliverBatch()).toMatchObject({ claimed: 2, delivered: 2 });
    expect(delivered).toEqual(['a', 'b', 'c', 'd']);
  });

  it('turns a notify row of the actions’ shape into entries for the named users, newest first', async () => {
    // From a clean slate: what earlier tests queued is delivered and read.
    await workerOn().deliverDue();
    await t.call('POST', '/api/notifications/read-all', { as: 'manager' });
    const [manager] = await db.database.db
      .select({ id: users.id })
      .from(users)
      .where(eq(users.username, 'manager'));
    const at = new Date(Date.now()).toISOString();
    await db.database.db.insert(outbox).values([
      {
        topic: 'notify',
        payload: {
          kind: 'reminder',
          recipients: { users: [manager!.id] },
          title: '催办：经理审批',
          body: '请尽快处理',
        },
        createdAt: at,
        availableAt: at,
      },
      {
        topic: 'notify',
        payload: { topic: 'payment.loanTimeout', payload: { orderId: 'x' } },
        createdAt: at,
        availableAt: at,
      },
    ]);
    advance(1_000);
    expect(await workerOn().deliverDue()).toMatchObject({ delivered: 2 });
    const page = (await (await t.call('GET', '/api/notifications', { as: 'manager' })).json()) as {
      items: { kind: string; body: string | null }[];
      unread: number;
    };
    expect(page.items[0]).toMatchObject({ kind: 'reminder', body: '请尽快处理' });
    expect(page.unread).toBe(1);
    expect((await t.call('POST', '/api/notifications/read-all', { as: 'manager' })).status).toBe(200);
    const read = (await (await t.call('GET', '/api/notifications', { as: 'manager' })).json()) as {
      unread: number;
    };
    expect(read.unread).toBe(0);
  });
});

describe('verifyWebhook', () => {
  const body = '{"id":1,"event":"order.approved"}';
  const at = new Date('2026-11-22T10:00:00Z');
  const ts = String(at.getTime() / 1000);

  it('refuses a changed body, a wrong secret and a request outside the replay window', async () => {
    const { signWebhook } = await import('./webhook.ts');
    const signature = signWebhook(SECRET, Number(ts), body);
    expect(verifyWebhook(SECRET, { timestamp: ts, signature, body }, { now: at })).toEqual({ ok: true });
    expect(verifyWebhook(SECRET, { timestamp: ts, signature, body: `${body} ` }, { now: at })).toMatchObject({
      reason: 'bad_signature',
    });
    expect(verifyWebhook('other', { timestamp: ts, signature, body }, { now: at })).toMatchObject({
      ok: false,
    });
    const later = new Date(at.getTime() + 6 * MINUTE);
    expect(verifyWebhook(SECRET, { timestamp: ts, signature, body }, { now: later })).toMatchObject({
      reason: 'stale',
    });
    expect(verifyWebhook(SECRET, { timestamp: null, signature, body })).toMatchObject({
      reason: 'malformed',
    });
  });
});
