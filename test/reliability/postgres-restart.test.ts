/**
 * PostgreSQL restarted under load, in the test's own cluster (initdb into a temp dir, pg_ctl on a
 * free port): requests during the outage fail cleanly with 503 and Retry-After, never 500; the
 * server reconnects by itself; and every start and completion it acknowledged (2xx) is in the
 * database afterwards. Skipped only when the PostgreSQL server binaries are not installed.
 */
import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { seedDemoUsers } from '../../api/dealer/demo/users.ts';
import { migrateDatabase, openDatabase } from '../../engine/store/db.ts';
import type { WorkflowDefinition } from '../../engine/types.ts';
import { MIGRATIONS } from '../fixtures/databases.ts';
import { freePort, type ServerProcess, startServerProcess, waitFor } from '../fixtures/server-process.ts';
import { type ApiClient, type InstanceBody, login, publishFlow } from './support.ts';

const CLIENTS = 6;
/** Acknowledged requests before the stop, and again after the start, so both sides see load. */
const ACKS_BEFORE = 30;
const ACKS_AFTER = 30;
/** Answers refused during the outage before PostgreSQL is started again. */
const REFUSALS_DURING = 10;

/** The newest installed PostgreSQL's bin directory with initdb and pg_ctl, if any. */
function postgresBin(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root).sort((a, b) => Number(b) - Number(a));
  return versions
    .map((v) => join(root, v, 'bin'))
    .find((bin) => existsSync(join(bin, 'initdb')) && existsSync(join(bin, 'pg_ctl')));
}

const BIN = postgresBin();
/** initdb refuses to run as root: then the cluster belongs to the `postgres` user. */
const AS_ROOT = process.getuid?.() === 0;

function runPg(tool: string, args: string[]): void {
  const command = join(BIN!, tool);
  if (AS_ROOT) execFileSync('runuser', ['-u', 'postgres', '--', command, ...args], { stdio: 'pipe' });
  else execFileSync(command, args, { stdio: 'pipe' });
}

/** A throwaway cluster on a free port. */
async function createCluster(): Promise<{ url: string; start(): void; stop(): void; remove(): void }> {
  const dir = mkdtempSync(join(tmpdir(), 'dealerflow-pg-'));
  const data = join(dir, 'data');
  if (AS_ROOT) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString());
    chownSync(dir, uid, gid);
  }
  runPg('initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--no-sync']);
  const port = await freePort();
  const options = `-p ${port} -c listen_addresses=127.0.0.1 -k ${dir} -c fsync=off`;
  const start = () => runPg('pg_ctl', ['-D', data, '-o', options, '-l', join(dir, 'log'), '-w', 'start']);
  const stop = () => runPg('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
  start();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    start,
    stop,
    remove: () => {
      try {
        runPg('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } catch {
        // already stopped
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const FLOW: WorkflowDefinition = {
  key: 'restart-review',
  name: '重启审批',
  machine: {
    id: 'restartReview',
    initial: 'review',
    states: {
      review: {
        meta: { task: { name: '经理审批', assignee: { roles: ['sales_manager'] }, outcomes: ['approve'] } },
        on: { APPROVE: 'approved' },
      },
      approved: { type: 'final' },
    },
  },
};

interface Ledger {
  started: Set<string>;
  completed: Set<string>;
  acks: number;
  refusals: number;
  /** Answers that were neither 2xx nor a clean 503 with Retry-After. */
  unclean: string[];
}

/** Checks a failed answer is the clean outage answer; records it otherwise. */
function refused(
  ledger: Ledger,
  what: string,
  res: { status: number; headers: Headers; body: unknown },
): void {
  if (res.status === 503 && Number(res.headers.get('retry-after')) > 0) ledger.refusals++;
  else ledger.unclean.push(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
}

/** Starts an instance and approves its task, over and over, until `stop()`. */
async function clientLoop(consultant: ApiClient, manager: ApiClient, ledger: Ledger, stop: () => boolean) {
  while (!stop()) {
    const start = await consultant.call('POST', '/api/instances', { workflowKey: FLOW.key, input: {} });
    if (start.status !== 201) {
      refused(ledger, 'start', start);
      continue;
    }
    const instance = start.body as InstanceBody;
    ledger.started.add(instance.id);
    ledger.acks++;
    const task = instance.tasks.find((t) => t.status === 'open');
    if (!task) throw new Error('no open task');
    const done = await manager.call('POST', `/api/tasks/${task.id}/complete`, { outcome: 'approve' });
    if (done.status !== 200) {
      refused(ledger, 'complete', done);
      continue;
    }
    ledger.completed.add(task.id);
    ledger.acks++;
  }
}

describe.skipIf(!BIN)('PostgreSQL restarted under load', () => {
  let cluster: Awaited<ReturnType<typeof createCluster>>;
  let server: ServerProcess;

  beforeAll(async () => {
    cluster = await createCluster();
    const database = await openDatabase({ url: cluster.url });
    await migrateDatabase(database, MIGRATIONS);
    await seedDemoUsers(database);
    await database.close();
    server = await startServerProcess({ DATABASE_URL: cluster.url, DEMO: '0', OUTBOX_INTERVAL_MS: '0' });
  }, 120_000);

  afterAll(async () => {
    await server?.stop();
    cluster?.remove();
  });

  it('answers 503 with Retry-After while it is down, reconnects, and loses nothing acknowledged', async () => {
    await publishFlow(await login(server.url, 'admin'), FLOW);
    const consultant = await login(server.url, 'consultant');
    const manager = await login(server.url, 'manager');
    const ledger: Ledger = { started: new Set(), completed: new Set(), acks: 0, refusals: 0, unclean: [] };
    let stopped = false;
    const load = Promise.all(
      Array.from({ length: CLIENTS }, () => clientLoop(consultant, manager, ledger, () => stopped)),
    );
    try {
      await waitFor(async () => (ledger.acks >= ACKS_BEFORE ? true : undefined));
      cluster.stop();
      await waitFor(async () => (ledger.refusals >= REFUSALS_DURING ? true : undefined));
      const acksWhileDown = ledger.acks;
      cluster.start();
      await waitFor(async () => (ledger.acks >= acksWhileDown + ACKS_AFTER ? true : undefined), 60_000);
    } finally {
      stopped = true;
      await load.catch((error: unknown) => {
        throw new Error(`${String(error)}\nserver output:\n${server.output().slice(-4000)}`);
      });
    }

    expect(ledger.unclean).toEqual([]);
    expect(ledger.refusals).toBeGreaterThanOrEqual(REFUSALS_DURING);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);

    const sql = postgres(cluster.url, { max: 1, onnotice: () => {} });
    try {
      const instances = await sql<{ id: string }[]>`
        SELECT id FROM instances WHERE id = ANY(${[...ledger.started]}::uuid[])`;
      expect(instances.length).toBe(ledger.started.size);
      const completed = await sql<{ id: string }[]>`
        SELECT id FROM tasks WHERE id = ANY(${[...ledger.completed]}::uuid[]) AND status = 'completed'`;
      expect(completed.length).toBe(ledger.completed.size);
    } finally {
      await sql.end({ timeout: 1 });
    }
  }, 150_000);
});
