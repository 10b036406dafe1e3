/**
 * `tsx test/bench/inprocess-cpu.ts [count] [clients]`: node's own CPU per instance start and per task
 * completion through the whole application (`app.request`: middleware, validation, service, driver)
 * on PostgreSQL, without the HTTP socket layer and without background loops (no timer loop, no
 * outbox worker) — a figure that moves little with what else runs on a shared machine, unlike the
 * per-process figures of `npm run bench`, where those loops' fixed cost is spread over the requests.
 * Also PostgreSQL's CPU per request (its backends of the scratch database, /proc), and per read
 * statement of a completion alone, so the write statement's share is the difference.
 */
import { createApp } from '../../api/app.ts';
import { DEMO_PASSWORD, seedDemoUsers } from '../../api/dealer/demo/users.ts';
import { DEALER_ROLES } from '../../api/dealer/roles.ts';
import { createSilentLogger } from '../../api/logger.ts';
import { apiPorts } from '../../api/store/ports.ts';
import { migrateDatabase, openDatabase } from '../../engine/store/db.ts';
import { READ_OF_TASK } from '../../engine/store/fast-step.ts';
import { WorkflowService } from '../../engine/store/service.ts';
import { MIGRATIONS } from '../fixtures/databases.ts';
import { createScratchDatabase } from '../reliability/support.ts';
import { startCpuMeter } from './cpu-meter.ts';
import { BENCH_FLOW } from './http-bench.ts';

const count = Number(process.argv[2] ?? 400);
const clients = Number(process.argv[3] ?? 8);

const scratch = await createScratchDatabase('dealerflow_bench_inprocess');
const database = await openDatabase({ url: scratch.url });
try {
  await migrateDatabase(database, MIGRATIONS);
  await seedDemoUsers(database);
  const service = new WorkflowService({ ports: apiPorts, database });
  const app = createApp({ service, database, roles: DEALER_ROLES, logger: createSilentLogger() });
  const call = async (path: string, token: string | undefined, body: unknown, method = 'POST') => {
    const payload = JSON.stringify(body);
    const res = await app.request(path, {
      method,
      headers: {
        'content-type': 'application/json',
        'content-length': String(Buffer.byteLength(payload)),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: payload,
    });
    if (res.status >= 300) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return res.json() as Promise<Record<string, unknown>>;
  };
  const tokenOf = async (username: string) =>
    (await call('/api/auth/login', undefined, { username, password: DEMO_PASSWORD })).token as string;
  const admin = await tokenOf('admin');
  await call(`/api/workflows/${BENCH_FLOW.key}/draft`, admin, BENCH_FLOW, 'PUT');
  await call(`/api/workflows/${BENCH_FLOW.key}/publish`, admin, {});
  const consultant = await tokenOf('consultant');
  const manager = await tokenOf('manager');

  const run = async (n: number, work: (i: number) => Promise<void>) => {
    let next = 0;
    const meter = startCpuMeter(undefined, scratch.name);
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: clients }, async () => {
        while (next < n) await work(next++);
      }),
    );
    const cpu = process.cpuUsage(cpu0);
    const postgresMs = meter.stop().postgresMs;
    return {
      pgMs: postgresMs === undefined ? Number.NaN : postgresMs / n,
      cpuMs: (cpu.user + cpu.system) / 1000 / n,
      sysMs: cpu.system / 1000 / n,
      wallMs: (performance.now() - t0) / n,
    };
  };
  const taskIds: string[] = [];
  const start = () =>
    call('/api/instances', consultant, { workflowKey: BENCH_FLOW.key, input: { amount: 1 } });
  // Warm-up: caches, prepared statements, JIT.
  for (let i = 0; i < 50; i++) taskIds.push(((await start()).tasks as { id: string }[])[0]!.id);
  await run(50, async (i) => {
    await call(`/api/tasks/${taskIds[i]}/complete`, manager, { outcome: 'approve', comment: '同意' });
  });
  taskIds.length = 0;
  const starts = await run(count, async () => {
    taskIds.push(((await start()).tasks as { id: string }[])[0]!.id);
  });
  // The HTTP edge alone (middleware, session, a small JSON answer; no engine, no SQL): what every
  // request pays before the service — the share of a start or a completion the edge accounts for.
  const edge = await run(count, async () => {
    const res = await app.request('/api/auth/me', { headers: { authorization: `Bearer ${manager}` } });
    if (res.status !== 200) throw new Error(`/api/auth/me: ${res.status}`);
    await res.arrayBuffer();
  });
  // The completion's read statement alone (the fast path's), for PostgreSQL's share of a completion.
  const reads = await run(count, async (i) => {
    await database.sql?.unsafe(READ_OF_TASK, [taskIds[i]!], { prepare: true });
  });
  const completions = await run(count, async (i) => {
    await call(`/api/tasks/${taskIds[i]}/complete`, manager, { outcome: 'approve', comment: '同意' });
  });
  console.log(`node CPU ms per GET /api/auth/me (the edge alone) ${edge.cpuMs.toFixed(3)}`);
  console.log(
    `PostgreSQL CPU ms per start ${starts.pgMs.toFixed(3)}, per completion ${completions.pgMs.toFixed(3)}, per completion's read statement alone ${reads.pgMs.toFixed(3)}`,
  );
  console.log(
    `node CPU ms per start ${starts.cpuMs.toFixed(3)} (system ${starts.sysMs.toFixed(3)}, wall ${starts.wallMs.toFixed(2)}), per completion ${completions.cpuMs.toFixed(3)} (system ${completions.sysMs.toFixed(3)}, wall ${completions.wallMs.toFixed(2)}) — ${count} each, ${clients} at a time, in process`,
  );
} finally {
  await database.close();
  await scratch.drop();
}
