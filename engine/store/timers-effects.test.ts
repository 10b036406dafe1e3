import { eq } from 'drizzle-orm';
import { apiPorts } from '../../api/store/ports.ts';
import { DATABASES, type TestDatabase } from '../../test/fixtures/databases.ts';
import {
  createHarness,
  EFFECT_FLOW,
  publishFlow,
  REMINDER_FLOW,
  type ServiceHarness,
} from '../../test/fixtures/flows.ts';
import type { JsonObject } from '../types.ts';
import { instances, outbox, timers } from './schema.ts';
import { WorkflowService } from './service.ts';
import { TIMER_BATCH } from './timers.ts';

const HOUR = 3_600_000;

describe.each(DATABASES)('timers and effects on $name', ({ open }) => {
  let t: TestDatabase;
  let h: ServiceHarness;
  const seenInTx: { state: unknown; args: JsonObject }[] = [];

  beforeAll(async () => {
    t = await open();
    h = await createHarness(t.database, {
      'test.record': async (args, ctx) => {
        // Read through the step's transaction: the new state is visible before commit.
        const [row] = await ctx.tx.select().from(instances).where(eq(instances.id, ctx.instance.id));
        seenInTx.push({ state: row?.stateValue, args });
        await ctx.tx.insert(outbox).values({
          instanceId: ctx.instance.id,
          topic: 'test.record',
          payload: args,
          createdAt: h.clock().toISOString(),
          availableAt: h.clock().toISOString(),
        });
      },
      'test.fail': async () => {
        throw new Error('effect failed');
      },
    });
    await publishFlow(h.service, REMINDER_FLOW, h.admin);
    await publishFlow(h.service, EFFECT_FLOW, h.admin);
  });
  afterAll(() => t?.close());

  const startReminder = () => h.service.startInstance({ workflowKey: 'reminder' }, h.actors.consultant!);
  const pendingTimers = async () =>
    (await t.database.db.select().from(timers)).filter((x) => x.status === 'pending');

  it('fires a due timer exactly once when the clock passes its due time', async () => {
    await h.service.fireDueTimers(100); // earlier tests' timers are none, but be sure
    const instance = await startReminder();
    expect(await h.service.fireDueTimers()).toBe(0);
    h.advance(HOUR + 1000);
    expect(await h.service.fireDueTimers()).toBe(1);
    expect(await h.service.fireDueTimers()).toBe(0);
    const after = await h.service.getInstance(instance.id);
    expect(after).toMatchObject({ status: 'active', state: 'overdue' });
    expect(after.history.filter((e) => e.action === 'timer')).toHaveLength(1);
  });

  it('drains a backlog of more due timers than one batch in one call', async () => {
    await h.service.drainDueTimers();
    const backlog = TIMER_BATCH + 5;
    for (let i = 0; i < backlog; i++) await startReminder();
    h.advance(HOUR + 1000);
    expect(await h.service.drainDueTimers()).toBe(backlog);
    expect(await h.service.fireDueTimers()).toBe(0);
  });

  it('cancels the timer when the instance leaves the state first', async () => {
    const instance = await startReminder();
    await h.service.sendEvent(instance.id, { type: 'DONE' }, h.actors.consultant!);
    h.advance(2 * HOUR);
    expect(await h.service.fireDueTimers()).toBe(0);
    expect((await h.service.getInstance(instance.id)).state).toBe('finished');
  });

  it('restarts the delay when the state is re-entered, keeping one pending timer', async () => {
    const instance = await startReminder();
    h.advance(HOUR / 2);
    await h.service.sendEvent(instance.id, { type: 'SNOOZE' }, h.actors.consultant!);
    const pending = (await pendingTimers()).filter((x) => x.instanceId === instance.id);
    expect(pending).toHaveLength(1);
    h.advance((3 * HOUR) / 4);
    expect(await h.service.fireDueTimers()).toBe(0);
    h.advance(HOUR / 4 + 1000);
    expect(await h.service.fireDueTimers()).toBe(1);
    expect((await h.service.getInstance(instance.id)).state).toBe('overdue');
  });

  it('fires due timers from the timer loop until stopped', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    try {
      const instance = await startReminder();
      h.advance(HOUR + 1000);
      h.service.startTimerLoop(1000);
      vi.advanceTimersByTime(1000);
      await h.service.stop();
      expect((await h.service.getInstance(instance.id)).state).toBe('overdue');
    } finally {
      vi.useRealTimers();
    }
  });

  it('fires each timer once when two services on two connections race', async () => {
    const started = await Promise.all(Array.from({ length: 6 }, () => startReminder()));
    h.advance(HOUR + 1000);
    const other = new WorkflowService({ ports: apiPorts, database: await t.connect(), clock: h.clock });
    const counts = await Promise.all([h.service.fireDueTimers(), other.fireDueTimers()]);
    // A timer whose instance the other process holds is left for the next round, never fired twice.
    const rest = (await h.service.fireDueTimers()) + (await other.fireDueTimers());
    expect(counts[0] + counts[1] + rest).toBe(6);
    for (const instance of started) {
      const view = await h.service.getInstance(instance.id);
      expect(view.history.filter((e) => e.action === 'timer')).toHaveLength(1);
    }
    expect(await pendingTimers()).toHaveLength(0);
  });

  it('answers 409 to an event the current state does not accept', async () => {
    const instance = await startReminder();
    const error = await h.service.sendEvent(instance.id, { type: 'NOPE' }, h.admin).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'conflict' });
  });

  it('runs effect handlers inside the step transaction', async () => {
    const instance = await h.service.startInstance({ workflowKey: 'effects' }, h.actors.consultant!);
    seenInTx.length = 0;
    await h.service.sendEvent(instance.id, { type: 'SUBMIT' }, h.actors.consultant!);
    expect(seenInTx).toEqual([{ state: 'submitted', args: { n: 1 } }]);
    const rows = await t.database.db.select().from(outbox).where(eq(outbox.instanceId, instance.id));
    expect(rows.map((r) => r.topic)).toEqual(['test.record']);
  });

  it('rolls the whole step back when an effect handler throws', async () => {
    const instance = await h.service.startInstance({ workflowKey: 'effects' }, h.actors.consultant!);
    await expect(h.service.sendEvent(instance.id, { type: 'BREAK' }, h.actors.consultant!)).rejects.toThrow(
      'effect failed',
    );
    const after = await h.service.getInstance(instance.id);
    expect(after).toMatchObject({ state: 'draft', status: 'active', revision: instance.revision });
    expect(after.history).toHaveLength(instance.history.length);
    const rows = await t.database.db.select().from(outbox).where(eq(outbox.instanceId, instance.id));
    expect(rows).toHaveLength(0);
  });

  it('starts a chained instance with workflow.start and queues notify in the outbox', async () => {
    const parent = await h.service.startInstance(
      { workflowKey: 'effects', businessKey: 'BJ01202611230009' },
      h.actors.consultant!,
    );
    await h.service.sendEvent(parent.id, { type: 'CHAIN' }, h.actors.consultant!);
    const children = await t.database.db
      .select()
      .from(instances)
      .where(eq(instances.businessKey, 'BJ01202611230009'));
    const child = children.find((r) => r.workflowKey === 'reminder');
    expect(child).toMatchObject({ status: 'active', storeId: 'BJ01', startedBy: 'system' });
    expect(child?.context).toMatchObject({ from: 'effects' });
    const rows = await t.database.db.select().from(outbox).where(eq(outbox.instanceId, parent.id));
    expect(rows.map((r) => r.topic)).toEqual(['notify']);
  });
});
