/**
 * HTTP task completions per second on PostgreSQL: the real server as a child process (its own event
 * loop, as in production) on a fresh `dealerflow_bench` database; this process only generates load.
 * After an unmeasured warm-up (a few seconds of the same starts and completions), phase 1 starts
 * instances for a fixed time (each opens one manager task); the outbox then delivers
 * what the starts queued (their notifications), so each phase pays only for its own work; phase 2 has
 * `clients` concurrent clients complete the tasks with `POST /api/tasks/:id/complete` over keep-alive
 * connections.
 */
import type { WorkflowDefinition } from '../../engine/types.ts';
import { startServerProcess } from '../fixtures/server-process.ts';
import { createScratchDatabase, login, publishFlow, type ScratchDatabase } from '../reliability/support.ts';
import { type CpuSplit, startCpuMeter } from './cpu-meter.ts';
import { type LeanClient, leanClient } from './http-client.ts';
import { benchTransport } from './transport.ts';

/** One manager approval; completing it ends the instance. */
export const BENCH_FLOW: WorkflowDefinition = {
  key: 'bench-approval',
  name: '压测审批',
  machine: {
    id: 'benchApproval',
    initial: 'review',
    context: { amount: 0 },
    states: {
      review: {
        meta: {
          task: { name: '经理审批', assignee: { roles: ['sales_manager'] }, outcomes: ['approve', 'reject'] },
        },
        on: { APPROVE: 'approved', REJECT: 'rejected' },
      },
      approved: { type: 'final' },
      rejected: { type: 'final' },
    },
  },
};

export interface HttpBenchOptions {
  clients?: number;
  /** How long phase 1 creates open tasks. */
  createSeconds?: number;
  /** Upper bound on phase 2. */
  completeSeconds?: number;
  /** How long the unmeasured warm-up starts instances (then completes them); default 3. */
  warmSeconds?: number;
  /**
   * Server settings other than the defaults, e.g. `{ INSTANCE_CACHE_MB: '0' }` (every completion reads
   * its instance) or `{ DATABASE_POOL: '10' }`.
   */
  settings?: Record<string, string>;
  /** Extra Node flags for the server process (profiling). */
  nodeArgs?: string[];
  /** Server processes sharing the port (`WORKERS`); default 1. */
  workers?: number;
}

/** Latency percentiles in ms. */
export interface Latency {
  p50: number;
  p99: number;
}

export interface HttpBenchResult {
  clients: number;
  startsPerSec: number;
  tasksCreated: number;
  completed: number;
  failed: number;
  seconds: number;
  completionsPerSec: number;
  /** CPU ms per completion spent by the server, its PostgreSQL backends and the load generator. */
  cpuMsPerCompletion: CpuSplit;
  /** The same per instance start. */
  cpuMsPerStart: CpuSplit;
  workers: number;
  /** The server settings the run set besides the defaults. */
  settings?: Record<string, string>;
  startLatency: Latency;
  completionLatency: Latency;
  /** Peak resident memory of each server process during the completions (MB; a cluster's primary first). */
  serverPeakMb: number[];
  /** How the server reached PostgreSQL (test/bench/transport.ts). */
  transport: string;
  /**
   * Task-arrival notifications the starts left undelivered when phase 1 ended, and how long the
   * outbox worker then took to deliver them (phase 2 waits for it; the starts' CPU includes it).
   */
  outboxBacklog: { rows: number; drainMs: number };
  /** Starts and completions of the unmeasured warm-up. */
  warmedUp: number;
}

/** p50 / p99 of a list of durations (ms). */
export function percentiles(ms: number[]): Latency {
  const sorted = [...ms].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
  return { p50: at(0.5), p99: at(0.99) };
}

/** Runs `work` in `clients` loops until it returns false or `seconds` pass; returns elapsed seconds. */
async function drive(clients: number, seconds: number, work: () => Promise<boolean>): Promise<number> {
  const deadline = performance.now() + seconds * 1000;
  const t0 = performance.now();
  const loop = async () => {
    while (performance.now() < deadline && (await work())) {
      // keep going
    }
  };
  await Promise.all(Array.from({ length: clients }, loop));
  return (performance.now() - t0) / 1000;
}

/**
 * Waits until the outbox has nothing pending; answers how many rows were pending at first and how long
 * it took. Woken by the outbox's own changes (a statement trigger, there only while draining, NOTIFYs
 * each claim and each marking), so it looks again exactly when the worker has done something.
 */
async function drainOutbox(sql: ScratchDatabase['sql']): Promise<{ rows: number; drainMs: number }> {
  const t0 = performance.now();
  await sql.unsafe(`CREATE FUNCTION bench_outbox_changed() RETURNS trigger LANGUAGE plpgsql AS
    $$ BEGIN PERFORM pg_notify('bench_outbox', ''); RETURN NULL; END $$;
    CREATE TRIGGER bench_outbox_changed AFTER UPDATE ON outbox
    FOR EACH STATEMENT EXECUTE FUNCTION bench_outbox_changed();`);
  let wake: () => void = () => {};
  let fail: (error: Error) => void = () => {};
  const nextChange = () =>
    new Promise<void>((resolve, reject) => {
      wake = resolve;
      fail = reject;
    });
  const { unlisten } = await sql.listen('bench_outbox', () => wake());
  let left = 0;
  const deadline = AbortSignal.timeout(120_000);
  deadline.addEventListener('abort', () =>
    fail(new Error(`outbox still has ${left} pending rows after 120 s`)),
  );
  try {
    const pending = async () =>
      (await sql<{ n: number }[]>`SELECT count(*)::int AS n FROM outbox WHERE status = 'pending'`)[0]!.n;
    const rows = await pending();
    left = rows;
    while (left > 0) {
      // Armed before looking: a change between the count and the wait is not missed.
      const changed = nextChange();
      left = await pending();
      if (left > 0) await changed;
    }
    return { rows, drainMs: performance.now() - t0 };
  } finally {
    fail = () => {};
    await unlisten();
    await sql.unsafe(`DROP TRIGGER bench_outbox_changed ON outbox; DROP FUNCTION bench_outbox_changed();`);
  }
}

async function createTasks(http: LeanClient, token: string, clients: number, seconds: number) {
  const taskIds: string[] = [];
  const latencies: number[] = [];
  const elapsed = await drive(clients, seconds, async () => {
    const t0 = performance.now();
    const res = await http.post('/api/instances', token, {
      workflowKey: BENCH_FLOW.key,
      input: { amount: 1 },
    });
    latencies.push(performance.now() - t0);
    if (res.status !== 201) throw new Error(`start: ${res.status} ${res.body}`);
    const body = JSON.parse(res.body) as { tasks: { id: string; status: string }[] };
    const open = body.tasks.find((t) => t.status === 'open');
    if (!open) throw new Error('start opened no task');
    taskIds.push(open.id);
    return true;
  });
  return { taskIds, startsPerSec: taskIds.length / elapsed, startLatency: percentiles(latencies) };
}

/** Completes `taskIds` (approve) with `clients` concurrent clients, the managers' sessions in turn. */
async function completeTasks(
  http: LeanClient,
  managers: { token: string }[],
  clients: number,
  taskIds: string[],
  maxSeconds: number,
) {
  const queue = [...taskIds];
  let completed = 0;
  let failed = 0;
  let next = 0;
  const latencies: number[] = [];
  const seconds = await drive(clients, maxSeconds, async () => {
    const id = queue.pop();
    if (id === undefined) return false;
    const token = managers[next++ % managers.length]!.token;
    const t0 = performance.now();
    const res = await http.post(`/api/tasks/${id}/complete`, token, { outcome: 'approve', comment: '同意' });
    latencies.push(performance.now() - t0);
    if (res.status === 200) completed++;
    else failed++;
    return true;
  });
  return { completed, failed, seconds, latencies };
}

/**
 * Runs the HTTP benchmark on `dealerflow_bench` (dropped and recreated, dropped again at the end).
 *
 * @example const r = await runHttpBench({ clients: 8 }); console.log(r.completionsPerSec);
 */
export async function runHttpBench(options: HttpBenchOptions = {}): Promise<HttpBenchResult> {
  const clients = options.clients ?? 8;
  const transport = await benchTransport();
  const database = await createScratchDatabase('dealerflow_bench');
  const workers = options.workers ?? 1;
  const server = await startServerProcess(
    {
      DATABASE_URL: transport.url(database.url),
      DEMO: '1',
      LOG_LEVEL: 'warn',
      WORKERS: String(workers),
      ...options.settings,
    },
    // What production runs (`npm start`): the compiled server, not tsx.
    { nodeArgs: options.nodeArgs ?? [], readyTimeoutMs: 300_000, compiled: true },
  ).catch(async (error: unknown) => {
    await database.drop();
    throw error;
  });
  const http = leanClient(server.url, clients);
  try {
    await publishFlow(await login(server.url, 'admin'), BENCH_FLOW);
    const consultant = await login(server.url, 'consultant');
    // A few sessions shared by the clients (logins are deliberately slow: scrypt).
    const managers = await Promise.all(
      Array.from({ length: Math.min(clients, 8) }, () => login(server.url, 'manager')),
    );

    // Warm-up, unmeasured: a server that has been running has compiled its hot paths; a fresh one
    // spends the first seconds of each path in V8's compiler (CPU per start ~30 % higher).
    const warm = await createTasks(http, consultant.token, clients, options.warmSeconds ?? 3);
    const warmedUp = await completeTasks(
      http,
      managers,
      clients,
      warm.taskIds,
      options.completeSeconds ?? 20,
    );
    await drainOutbox(database.sql);

    const startMeter = startCpuMeter(server.child.pid, database.name);
    const { taskIds, startsPerSec, startLatency } = await createTasks(
      http,
      consultant.token,
      clients,
      options.createSeconds ?? 10,
    );
    // The starts' notifications are delivered before the completions are timed: their cost is the
    // starts' (an outbox worker catching up meanwhile would be billed to the completions).
    const outboxBacklog = await drainOutbox(database.sql);
    const startCpu = startMeter.stop();
    const meter = startCpuMeter(server.child.pid, database.name);
    const { completed, failed, seconds, latencies } = await completeTasks(
      http,
      managers,
      clients,
      taskIds,
      options.completeSeconds ?? 20,
    );
    const cpu = meter.stop();
    const per = (ms: number | undefined) => (ms === undefined ? undefined : ms / Math.max(1, completed));
    const perStart = (ms: number | undefined) =>
      ms === undefined ? undefined : ms / Math.max(1, taskIds.length);
    return {
      clients,
      startsPerSec,
      tasksCreated: taskIds.length,
      completed,
      failed,
      seconds,
      completionsPerSec: completed / seconds,
      cpuMsPerCompletion: {
        serverMs: per(cpu.serverMs),
        postgresMs: per(cpu.postgresMs),
        clientMs: per(cpu.clientMs),
      },
      cpuMsPerStart: {
        serverMs: perStart(startCpu.serverMs),
        postgresMs: perStart(startCpu.postgresMs),
        clientMs: perStart(startCpu.clientMs),
      },
      workers,
      ...(options.settings ? { settings: options.settings } : {}),
      startLatency,
      completionLatency: percentiles(latencies),
      serverPeakMb: cpu.serverPeakMb,
      transport: transport.label,
      outboxBacklog,
      warmedUp: warmedUp.completed,
    };
  } finally {
    http.close();
    // SIGTERM: a graceful exit, so a --cpu-prof profile gets written.
    await server.stop('SIGTERM');
    await database.drop();
  }
}
