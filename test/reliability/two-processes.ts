/**
 * The set-up of the suites that run two server processes on one PostgreSQL database: a scratch
 * database, both processes polling timers every 20 ms, and a flow's instances started through both.
 */
import type { WorkflowDefinition } from '../../engine/types.ts';
import { type ServerProcess, startServerProcess } from '../fixtures/server-process.ts';
import {
  createScratchDatabase,
  type InstanceBody,
  login,
  mapConcurrent,
  publishFlow,
  type ScratchDatabase,
  startInstance,
} from './support.ts';

export interface TwoProcesses {
  /** The scratch database (read inside tests: it is made in `beforeAll`). */
  readonly database: ScratchDatabase;
  readonly servers: readonly [ServerProcess, ServerProcess];
}

/** Registers the hooks that start (and afterwards kill and drop) two processes on one database. */
export function twoProcessesOnOneDatabase(): TwoProcesses {
  let database: ScratchDatabase | undefined;
  const servers: ServerProcess[] = [];

  beforeAll(async () => {
    database = await createScratchDatabase();
    const env = { DATABASE_URL: database.url, DEMO: '1', TIMER_INTERVAL_MS: '20' };
    // One after the other: the first runs the migrations and the demo seed alone.
    servers.push(await startServerProcess(env));
    servers.push(await startServerProcess(env));
  }, 240_000);

  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop('SIGKILL')));
    await database?.drop();
  });

  return {
    get database() {
      if (!database) throw new Error('the database is made in beforeAll');
      return database;
    },
    get servers() {
      const [first, second] = servers;
      if (!first || !second) throw new Error('the processes start in beforeAll');
      return [first, second] as const;
    },
  };
}

/**
 * Publishes `flow` through the first process and starts `count` instances of it, every other one
 * through each process (so each caches the definition on its own).
 */
export async function startThroughBoth(
  [first, second]: readonly [ServerProcess, ServerProcess],
  flow: WorkflowDefinition,
  count: number,
): Promise<InstanceBody[]> {
  const admin = await login(first.url, 'admin');
  await publishFlow(admin, flow);
  const adminOnSecond = await login(second.url, 'admin');
  return mapConcurrent(
    Array.from({ length: count }, (_, i) => i),
    10,
    (i) => startInstance(i % 2 === 0 ? admin : adminOnSecond, flow.key, { n: i }),
  );
}
