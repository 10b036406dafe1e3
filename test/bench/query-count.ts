/**
 * Database statements per request, counted with postgres.js's `debug` hook on PostgreSQL (in process,
 * through `app.request`): every statement the driver sends — drizzle's, the fast path's fixed prepared
 * ones (engine/store/fast-step.ts), and BEGIN / COMMIT. A figure that does not move with the machine's
 * load, unlike throughput, and that bounds it.
 */
import { drizzle } from 'drizzle-orm/postgres-js';
import { migrate } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import { createApp } from '../../api/app.ts';
import { DEMO_PASSWORD, seedDemoUsers } from '../../api/dealer/demo/users.ts';
import { DEALER_ROLES } from '../../api/dealer/roles.ts';
import { createSilentLogger } from '../../api/logger.ts';
import { apiPorts } from '../../api/store/ports.ts';
import { type Database, type Db, ENGINE_MIGRATIONS, migrateDatabase } from '../../engine/store/db.ts';
import { preparedClient } from '../../engine/store/prepared-client.ts';
import * as schema from '../../engine/store/schema.ts';
import { WorkflowService } from '../../engine/store/service.ts';
import { MIGRATIONS } from '../fixtures/databases.ts';
import { createScratchDatabase } from '../reliability/support.ts';
import { BENCH_FLOW } from './http-bench.ts';

export interface QueryCounts {
  /** Statements sent to PostgreSQL (BEGIN / COMMIT included). */
  startInstance: number;
  /** A completion of a task whose instance this process wrote last (recent-instances.ts). */
  completeTask: number;
  /** A completion that must read its instance first (another process wrote it last). */
  completeTaskRead: number;
  /** The start's statements, shortened. */
  startStatements: string[];
  /** The completion's statements, shortened. */
  completeStatements: string[];
  /** Size of the completed instance's row parts as JSON text (what every step reads and rewrites). */
  bytes: { engineState: number; context: number; responseBody: number };
}

/** Counts the statements of one instance start and one task completion (warm caches, 2nd of each). */
export async function countQueries(): Promise<QueryCounts> {
  const scratch = await createScratchDatabase('dealerflow_bench_queries');
  let count = 0;
  const statements: string[] = [];
  const client = preparedClient(
    postgres(scratch.url, {
      max: 4,
      onnotice: () => {},
      debug: (_connection: number, query: string) => {
        count++;
        statements.push(query.replace(/"/g, '').replace(/\s+/g, ' ').trim().slice(0, 90));
      },
    }),
  );
  const db = drizzle({ client, schema, casing: 'snake_case' });
  const database: Database = {
    db: db as unknown as Db,
    kind: 'postgres',
    sql: client,
    migrate: (set = ENGINE_MIGRATIONS) =>
      migrate(db, { migrationsFolder: set.folder, migrationsTable: set.table, migrationsSchema: 'drizzle' }),
    close: () => client.end({ timeout: 1 }),
  };
  try {
    await migrateDatabase(database, MIGRATIONS);
    await seedDemoUsers(database);
    const service = new WorkflowService({ ports: apiPorts, database });
    const app = createApp({ service, database, roles: DEALER_ROLES, logger: createSilentLogger() });
    // Another process on the same database: it remembers none of the instances `app` writes.
    const other = createApp({
      service: new WorkflowService({ ports: apiPorts, database }),
      database,
      roles: DEALER_ROLES,
      logger: createSilentLogger(),
    });
    const call = async (path: string, token: string | undefined, body: unknown, on = app) => {
      const res = await on.request(path, {
        method: body === undefined ? 'GET' : 'POST',
        headers: {
          'content-type': 'application/json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      if (res.status >= 300) throw new Error(`${path}: ${res.status} ${await res.text()}`);
      return res.json() as Promise<Record<string, unknown>>;
    };
    const tokenOf = async (username: string) =>
      (await call('/api/auth/login', undefined, { username, password: DEMO_PASSWORD })).token as string;
    const admin = await tokenOf('admin');
    await app.request(`/api/workflows/${BENCH_FLOW.key}/draft`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` },
      body: JSON.stringify(BENCH_FLOW),
    });
    await call(`/api/workflows/${BENCH_FLOW.key}/publish`, admin, {});
    const consultant = await tokenOf('consultant');
    const manager = await tokenOf('manager');
    const measure = async (work: () => Promise<unknown>) => {
      // Task events are NOTIFY'd in batches a little later: not the request's statements.
      await new Promise((resolve) => setTimeout(resolve, 100));
      const before = count;
      statements.length = 0;
      await work();
      return { count: count - before, statements: [...statements] };
    };
    const startOne = () => call('/api/instances', consultant, { workflowKey: BENCH_FLOW.key, input: {} });
    const taskOf = (view: Record<string, unknown>) => (view.tasks as { id: string }[])[0]!.id;
    const complete = (id: string, on = app) =>
      call(`/api/tasks/${id}/complete`, manager, { outcome: 'approve' }, on);
    // The first of each warms the caches (definition version, directory, sessions).
    await complete(taskOf(await startOne()));
    await complete(taskOf(await startOne()), other);
    const unread = taskOf(await startOne());
    const read = await measure(() => complete(unread, other));
    let view: Record<string, unknown> = {};
    const started = await measure(async () => {
      view = await startOne();
    });
    let completed: Record<string, unknown> = {};
    const completion = await measure(async () => {
      completed = await complete(taskOf(view));
    });
    const [sizes] = await client<{ engine_state: number; context: number }[]>`
      SELECT length(engine_state::text) AS engine_state, length(context::text) AS context
      FROM instances WHERE id = ${view.id as string}`;
    return {
      startInstance: started.count,
      completeTask: completion.count,
      completeTaskRead: read.count,
      startStatements: started.statements,
      completeStatements: completion.statements,
      bytes: {
        engineState: sizes?.engine_state ?? 0,
        context: sizes?.context ?? 0,
        responseBody: JSON.stringify(completed).length,
      },
    };
  } finally {
    await client.end({ timeout: 1 });
    await scratch.drop();
  }
}
