/**
 * The reuse boundary's proof (issue #13): a second application — leave requests — runs on the engine
 * and the API with its own table, roles, flow, form and effects, and without the dealership anywhere
 * in its import graph.
 */
import { fileURLToPath } from 'node:url';
import { cruise } from 'dependency-cruiser';
import { eq, sql } from 'drizzle-orm';
import { createApp } from '../../api/app.ts';
import { createSilentLogger } from '../../api/logger.ts';
import { prepareDatabase } from '../../api/startup.ts';
import { migrationSets } from '../../api/store/migration-sets.ts';
import { apiPorts } from '../../api/store/ports.ts';
import { WorkflowService } from '../../engine/store/service.ts';
import { cruiseOptions } from '../architecture/import-rules.ts';
import { databaseKinds, type TestDatabase } from '../fixtures/database-kinds.ts';
import {
  LEAVE_APPLICATION,
  LEAVE_EFFECTS,
  LEAVE_PASSWORD,
  LEAVE_ROLES,
  leaveRequests,
} from './application.ts';

const REPO = fileURLToPath(new URL('../..', import.meta.url));

describe('the leave application’s import graph', () => {
  it('reaches the engine, forms and the platform API but nothing of the dealership or its flows', async () => {
    const result = await cruise(['test/leave-app/leave-app.test.ts'], cruiseOptions({ baseDir: REPO }));
    if (typeof result.output === 'string') throw new Error('expected a cruise result');
    const reached = result.output.modules.map((m) => m.source);
    expect(reached).toContain('api/app.ts');
    expect(reached).toContain('engine/store/service.ts');
    expect(reached.filter((path) => /^(api\/dealer|workflows|designer)\//.test(path))).toEqual([]);
  });
});

// Its databases have the engine's, the API's and its own tables: none of the dealership's.
describe.each(databaseKinds(migrationSets(LEAVE_APPLICATION)))(
  'the leave application on $name',
  ({ open }) => {
    let t: TestDatabase;
    let app: ReturnType<typeof createApp>;
    let service: WorkflowService;

    beforeAll(async () => {
      t = await open();
      const logger = createSilentLogger();
      service = new WorkflowService({
        ports: apiPorts,
        database: t.database,
        logger,
        effects: LEAVE_EFFECTS,
      });
      await prepareDatabase({
        database: t.database,
        service,
        demo: true,
        logger,
        application: LEAVE_APPLICATION,
      });
      app = createApp({ service, database: t.database, roles: LEAVE_ROLES, logger, actorCacheMs: 0 });
    });
    afterAll(async () => {
      await service.stop();
      await t.close();
    });

    async function call(as: string, method: string, path: string, body?: unknown) {
      const login = await app.request('/api/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: as, password: LEAVE_PASSWORD }),
      });
      const { token } = (await login.json()) as { token: string };
      const headers: Record<string, string> = { authorization: `Bearer ${token}` };
      if (body !== undefined) headers['content-type'] = 'application/json';
      const res = await app.request(path, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    }

    const requestOf = async (instanceId: string) =>
      (await t.database.db.select().from(leaveRequests).where(eq(leaveRequests.instanceId, instanceId)))[0];

    it('migrates its own table from its own folder and journal, and none of the dealership’s tables', async () => {
      const result = await t.database.db.execute(
        sql`select table_schema || '.' || table_name as name from information_schema.tables
          where table_name in ('leave_requests', 'orders', 'vehicles', 'customers', '__drizzle_migrations_leave', '__drizzle_migrations_dealer')
          order by 1`,
      );
      const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as {
        name: string;
      }[];
      expect(rows.map((row) => row.name)).toEqual([
        'drizzle.__drizzle_migrations_leave',
        'public.leave_requests',
      ]);
    });

    it('lets an employee ask for leave, the department’s manager approve it, and writes its own table', async () => {
      const started = await call('xiaoming', 'POST', '/api/instances', {
        workflowKey: 'leave-request',
        input: { kind: 'annual', days: 3, reason: '回老家' },
      });
      expect(started.status).toBe(201);
      const instanceId = String(started.body.id);
      expect(await requestOf(instanceId)).toMatchObject({ employee: 'xiaoming', days: 3, status: 'pending' });

      const otherDepartment = await call('boss_ops', 'GET', '/api/tasks?scope=candidate');
      expect(otherDepartment.body.items).toEqual([]);
      const inbox = await call('boss_rd', 'GET', '/api/tasks?scope=candidate');
      const task = (inbox.body.items as { id: string; instanceId: string }[]).find(
        (x) => x.instanceId === instanceId,
      );
      expect(task).toBeDefined();
      const done = await call('boss_rd', 'POST', `/api/tasks/${task!.id}/complete`, { outcome: 'approve' });
      expect(done.status).toBe(200);

      expect(await requestOf(instanceId)).toMatchObject({ status: 'approved', decidedBy: 'boss_rd' });
      // HR sees every department because the application's catalogue says so.
      const seen = await call('hr', 'GET', `/api/instances/${instanceId}`);
      expect(seen).toMatchObject({ status: 200, body: { status: 'done', state: 'approved' } });
    });

    it('refuses a request its form does not allow, at the field, and keeps its table unchanged', async () => {
      const before = await t.database.db.select().from(leaveRequests);
      const refused = await call('xiaoming', 'POST', '/api/instances', {
        workflowKey: 'leave-request',
        input: { kind: 'annual', days: 40, reason: '环游世界' },
      });
      expect(refused.status).toBe(422);
      expect(JSON.stringify(refused.body)).toContain('days');
      expect(await t.database.db.select().from(leaveRequests)).toEqual(before);
    });

    it('lets only its starters start it', async () => {
      const refused = await call('boss_rd', 'POST', '/api/instances', {
        workflowKey: 'leave-request',
        input: { kind: 'sick', days: 1, reason: '发烧' },
      });
      expect(refused.status).toBe(403);
    });
  },
);
