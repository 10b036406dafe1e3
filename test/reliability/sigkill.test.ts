/**
 * A server process killed with SIGKILL in the middle of a load of completions leaves no half-applied
 * transition (docs/architecture.md "The life of a step": every state change is one transaction), and a restarted process carries on.
 */
import type { WorkflowDefinition } from '../../engine/types.ts';
import { type ServerProcess, startServerProcess } from '../fixtures/server-process.ts';
import {
  type ApiClient,
  createScratchDatabase,
  type InstanceBody,
  login,
  publishFlow,
  type ScratchDatabase,
  startInstance,
} from './support.ts';

const CLIENTS = 8;
/** Successful requests before the kill: enough that the load is well under way. */
const KILL_AFTER = 60;
/** Each client stops after this many rounds even if the kill never comes. */
const MAX_ROUNDS = 200;

/** A manager review, then a finance confirmation; each completion records who approved. */
const TWO_STEP_FLOW: WorkflowDefinition = {
  key: 'reliability-two-step',
  name: '两级审批',
  machine: {
    id: 'reliabilityTwoStep',
    initial: 'review',
    context: { approvals: 0 },
    states: {
      review: {
        meta: { task: { name: '经理审批', assignee: { roles: ['sales_manager'] }, outcomes: ['approve'] } },
        on: {
          APPROVE: {
            target: 'finance',
            actions: { type: 'assign', params: { values: { approvals: 'approvals + 1' } } },
          },
        },
      },
      finance: {
        meta: { task: { name: '财务确认', assignee: { roles: ['finance'] }, outcomes: ['confirm'] } },
        on: {
          CONFIRM: {
            target: 'approved',
            actions: { type: 'assign', params: { values: { approvals: 'approvals + 1' } } },
          },
        },
      },
      approved: { type: 'final' },
    },
  },
};

interface Clients {
  consultant: ApiClient;
  manager: ApiClient;
  finance: ApiClient;
}

function openTask(instance: InstanceBody): string | undefined {
  return instance.tasks.find((t) => t.status === 'open')?.id;
}

/** One client's loop: start, approve, confirm; ends at the first network error (the kill). */
async function clientLoop(clients: Clients, done: () => void, killed: () => boolean): Promise<void> {
  for (let round = 0; round < MAX_ROUNDS && !killed(); round++) {
    try {
      const started = await startInstance(clients.consultant, TWO_STEP_FLOW.key);
      done();
      const review = openTask(started);
      if (!review) throw new Error('no review task opened');
      const approved = await clients.manager.call('POST', `/api/tasks/${review}/complete`, {
        outcome: 'approve',
      });
      if (approved.status !== 200) throw new Error(`approve: ${approved.status}`);
      done();
      const finance = openTask((approved.body as { instance: InstanceBody }).instance);
      if (!finance) throw new Error('no finance task opened');
      const confirmed = await clients.finance.call('POST', `/api/tasks/${finance}/complete`, {
        outcome: 'confirm',
      });
      if (confirmed.status !== 200) throw new Error(`confirm: ${confirmed.status}`);
      done();
    } catch (error) {
      if (killed()) return;
      throw error;
    }
  }
}

interface InstanceRow {
  id: string;
  revision: number;
  state_value: unknown;
  context: { approvals: number };
  engine_state: { tasks: Record<string, { status: string; state: string }> };
}

describe('SIGKILL of a server process under load on PostgreSQL', () => {
  let database: ScratchDatabase | undefined;
  const servers: ServerProcess[] = [];

  beforeAll(async () => {
    database = await createScratchDatabase();
    servers.push(await startServerProcess({ DATABASE_URL: database.url, DEMO: '1' }));
  }, 150_000);

  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop('SIGKILL')));
    await database?.drop();
  });

  it('leaves every instance whole and a restarted server completes the leftovers', async () => {
    const db = database!;
    const victim = servers[0]!;
    await publishFlow(await login(victim.url, 'admin'), TWO_STEP_FLOW);
    const clients: Clients = {
      consultant: await login(victim.url, 'consultant'),
      manager: await login(victim.url, 'manager'),
      finance: await login(victim.url, 'finance'),
    };

    let successes = 0;
    let sent = false;
    const killed = () => sent;
    const done = () => {
      successes++;
      if (successes === KILL_AFTER) {
        sent = true;
        victim.child.kill('SIGKILL');
      }
    };
    await Promise.all(Array.from({ length: CLIENTS }, () => clientLoop(clients, done, killed)));
    expect(killed()).toBe(true);
    await victim.stop('SIGKILL');
    expect(victim.child.signalCode).toBe('SIGKILL');

    const restarted = await startServerProcess({ DATABASE_URL: db.url, DEMO: '1' });
    servers.push(restarted);

    const rows = await db.sql<InstanceRow[]>`
      SELECT id, revision, state_value, context, engine_state FROM instances WHERE workflow_key = ${TWO_STEP_FLOW.key}`;
    expect(rows.length).toBeGreaterThanOrEqual(KILL_AFTER / 3);
    const taskRows = await db.sql<{ id: string; instance_id: string; status: string; state: string }[]>`
      SELECT t.id, t.instance_id, t.status, t.state FROM tasks t JOIN instances i ON i.id = t.instance_id
      WHERE i.workflow_key = ${TWO_STEP_FLOW.key}`;
    const historyRows = await db.sql<
      { instance_id: string; seq: number; action: string; task_id: string | null }[]
    >`
      SELECT h.instance_id, h.seq, h.action, h.task_id FROM history h JOIN instances i ON i.id = h.instance_id
      WHERE i.workflow_key = ${TWO_STEP_FLOW.key} ORDER BY h.instance_id, h.seq`;

    for (const row of rows) {
      const engineTasks = Object.entries(row.engine_state.tasks).map(([id, t]) => ({ id, status: t.status }));
      const mirrored = taskRows
        .filter((t) => t.instance_id === row.id)
        .map((t) => ({ id: t.id, status: t.status }));
      const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id);
      // The tasks table mirrors the engine state exactly: open ones and closed ones alike.
      expect({ instance: row.id, tasks: mirrored.sort(byId) }).toEqual({
        instance: row.id,
        tasks: engineTasks.sort(byId),
      });

      // Each completion's assign landed with it: the context counts the completed tasks.
      const done = mirrored.filter((t) => t.status === 'completed').length;
      expect({ instance: row.id, approvals: row.context.approvals }).toEqual({
        instance: row.id,
        approvals: done,
      });

      // Start writes seq 1 at revision 0; every later change bumps the revision and appends one row.
      const seqs = historyRows.filter((h) => h.instance_id === row.id).map((h) => h.seq);
      expect({ instance: row.id, seqs }).toEqual({
        instance: row.id,
        seqs: Array.from({ length: row.revision + 1 }, (_, i) => i + 1),
      });
    }

    // A completed task always comes with its completion in history and its instance past its state.
    const completed = taskRows.filter((t) => t.status === 'completed');
    expect(completed.length).toBeGreaterThan(0);
    for (const task of completed) {
      const entry = historyRows.find((h) => h.task_id === task.id && h.action === 'complete');
      expect(entry, `history of completed task ${task.id}`).toBeDefined();
      const instance = rows.find((r) => r.id === task.instance_id)!;
      expect(
        `${TWO_STEP_FLOW.machine.id}.${JSON.stringify(instance.state_value).replaceAll('"', '')}`,
      ).not.toBe(task.state);
    }

    // The restarted process works on what the dead one left open.
    const leftover = taskRows.find((t) => t.status === 'open');
    expect(leftover).toBeDefined();
    const isReview = leftover!.state.endsWith('.review');
    const actor = await login(restarted.url, isReview ? 'manager' : 'finance');
    const res = await actor.call('POST', `/api/tasks/${leftover!.id}/complete`, {
      outcome: isReview ? 'approve' : 'confirm',
    });
    expect(res.status).toBe(200);
    const after = (res.body as { instance: InstanceBody }).instance;
    expect(after.state).toBe(isReview ? 'finance' : 'approved');
  }, 240_000);
});
