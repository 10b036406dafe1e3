/**
 * A second application on the platform, for tests only: leave requests (请假申请). Its own table (and
 * migrations folder),
 * roles, people, flow, form and effects — and nothing of the dealership (leave-app.test.ts checks
 * its import graph). What an application brings is what api/main.ts wires for the dealership.
 */
import { fileURLToPath } from 'node:url';
import { eq, sql } from 'drizzle-orm';
import { integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { ADMIN_ROLE } from '../../api/rbac.ts';
import { seedUsers } from '../../api/seed/users.ts';
import type { StartupApplication } from '../../api/startup.ts';
import type { Database, MigrationSet } from '../../engine/store/db.ts';
import { instances } from '../../engine/store/schema.ts';
import type { ServiceEffectRegistry } from '../../engine/store/service.ts';
import type { WorkflowDefinition } from '../../engine/types.ts';
import type { FormDefinition } from '../../forms/types.ts';
import leaveForm from './leave-request.form.json' with { type: 'json' };
import leaveFlow from './leave-request.workflow.json' with { type: 'json' };

/** The application's own table: one leave request per instance. */
export const leaveRequests = pgTable('leave_requests', {
  instanceId: uuid()
    .primaryKey()
    .references(() => instances.id),
  employee: text().notNull(),
  kind: text().notNull(),
  days: integer().notNull(),
  reason: text().notNull(),
  status: text().$type<'pending' | 'approved' | 'rejected'>().notNull(),
  decidedBy: text(),
  decidedAt: timestamp({ withTimezone: true, mode: 'string' }),
});

/** Its migrations (test/leave-app/migrations), applied after the engine's and the API's. */
export const LEAVE_MIGRATIONS: MigrationSet = {
  owner: 'leave',
  folder: fileURLToPath(new URL('./migrations', import.meta.url)),
  table: '__drizzle_migrations_leave',
};

/** Its roles: HR sees every department ("store" in the platform's words). */
export const LEAVE_ROLES = [
  ADMIN_ROLE,
  { code: 'employee', labelZh: '员工', labelEn: 'Employee' },
  { code: 'dept_manager', labelZh: '部门经理', labelEn: 'Department manager' },
  { code: 'hr', labelZh: '人事', labelEn: 'HR', seesEveryStore: true },
];

export const LEAVE_PASSWORD = 'leave-app-pw';

/** Its people: two departments, an employee and a manager in R&D, HR at group level. */
export function seedLeavePeople(database: Pick<Database, 'db'>): Promise<number> {
  return seedUsers(database, {
    roles: LEAVE_ROLES,
    stores: [
      { id: 'RD', name: '研发部' },
      { id: 'OPS', name: '运营部' },
    ],
    users: [
      { username: 'admin', displayName: '管理员', roles: ['admin'], storeId: null },
      { username: 'xiaoming', displayName: '小明', roles: ['employee'], storeId: 'RD' },
      { username: 'boss_rd', displayName: '研发经理', roles: ['dept_manager'], storeId: 'RD' },
      { username: 'boss_ops', displayName: '运营经理', roles: ['dept_manager'], storeId: 'OPS' },
      { username: 'hr', displayName: '人事专员', roles: ['hr'], storeId: null },
    ],
    password: LEAVE_PASSWORD,
  });
}

/** Its effects: the request row opens with the flow and takes its decision. */
export const LEAVE_EFFECTS: ServiceEffectRegistry = {
  'leave.open': async (_args, ctx) => {
    const { kind, days, reason } = ctx.instance.context;
    await ctx.tx.insert(leaveRequests).values({
      instanceId: ctx.instance.id,
      employee: ctx.actor.username,
      kind: String(kind),
      days: Number(days),
      reason: String(reason),
      status: 'pending',
    });
  },
  'leave.decide': async (args, ctx) => {
    const status = args.status === 'approved' ? 'approved' : 'rejected';
    await ctx.tx
      .update(leaveRequests)
      .set({ status, decidedBy: ctx.actor.username, decidedAt: sql`now()` })
      .where(eq(leaveRequests.instanceId, ctx.instance.id));
  },
};

/** What start-up seeds and publishes for it (api/startup.ts). */
export const LEAVE_APPLICATION: StartupApplication = {
  migrations: LEAVE_MIGRATIONS,
  roles: LEAVE_ROLES,
  shipped: {
    workflows: [leaveFlow as unknown as WorkflowDefinition],
    forms: [leaveForm as unknown as FormDefinition],
  },
  demoSeeders: [{ name: 'leave people', seed: seedLeavePeople }],
};
