/**
 * The role catalogue, the demo stores and the demo users of docs/dealership.md (password `dealerflow`).
 * Idempotent: existing rows are left as they are, so a restart never resets a changed password.
 */
import { inArray } from 'drizzle-orm';
import type { Database, Db } from '../../engine/store/db.ts';
import { roles, stores, userRoles, users } from '../../engine/store/schema.ts';
import { hashPassword } from '../auth/password.ts';
import type { Role } from '../rbac.ts';

/** Every role with its labels. */
export const ROLE_CATALOGUE: { code: Role; labelZh: string; labelEn: string }[] = [
  { code: 'admin', labelZh: '系统管理员', labelEn: 'Administrator' },
  { code: 'general_manager', labelZh: '总经理', labelEn: 'General manager' },
  { code: 'sales_manager', labelZh: '销售经理', labelEn: 'Sales manager' },
  { code: 'sales_consultant', labelZh: '销售顾问', labelEn: 'Sales consultant' },
  { code: 'finance', labelZh: '财务', labelEn: 'Finance' },
  { code: 'logistics', labelZh: '库管/物流', labelEn: 'Logistics' },
  { code: 'service_advisor', labelZh: '售后顾问', labelEn: 'Service advisor' },
];

/** The demo stores (docs/dealership.md). */
export const DEMO_STORES = [
  { id: 'BJ01', name: '北京朝阳店' },
  { id: 'SH01', name: '上海浦东店' },
];

/** Every demo user's password. */
export const DEMO_PASSWORD = 'dealerflow';

/** A demo user with their one role. */
export interface DemoUser {
  username: string;
  displayName: string;
  role: Role;
  storeId: string | null;
  team?: string;
}

/** docs/dealership.md's demo users. */
export const DEMO_USERS: DemoUser[] = [
  { username: 'admin', displayName: '系统管理员', role: 'admin', storeId: null },
  { username: 'gm', displayName: '周总', role: 'general_manager', storeId: null },
  { username: 'manager', displayName: '王强', role: 'sales_manager', storeId: 'BJ01' },
  { username: 'consultant', displayName: '李娜', role: 'sales_consultant', storeId: 'BJ01', team: '一组' },
  { username: 'consultant2', displayName: '赵磊', role: 'sales_consultant', storeId: 'BJ01', team: '二组' },
  { username: 'finance', displayName: '张敏', role: 'finance', storeId: 'BJ01' },
  { username: 'logistics', displayName: '刘洋', role: 'logistics', storeId: 'BJ01' },
  { username: 'service', displayName: '陈静', role: 'service_advisor', storeId: 'BJ01' },
  { username: 'manager_sh', displayName: '孙伟', role: 'sales_manager', storeId: 'SH01' },
  { username: 'consultant_sh', displayName: '吴芳', role: 'sales_consultant', storeId: 'SH01' },
];

/** Inserts the role catalogue (needed in every mode: user_roles refers to it). */
export async function seedRoles(db: Db): Promise<void> {
  await db.insert(roles).values(ROLE_CATALOGUE).onConflictDoNothing();
}

/**
 * Seeds roles, the demo stores and the demo users with their roles; returns how many users it added.
 *
 * @example
 * await seedDemoUsers(database); // admin / dealerflow can now log in
 */
export async function seedDemoUsers(database: Pick<Database, 'db'>): Promise<number> {
  const { db } = database;
  await seedRoles(db);
  await db.insert(stores).values(DEMO_STORES).onConflictDoNothing();
  const existing = await db
    .select({ username: users.username })
    .from(users)
    .where(
      inArray(
        users.username,
        DEMO_USERS.map((u) => u.username),
      ),
    );
  const known = new Set(existing.map((r) => r.username));
  const missing = DEMO_USERS.filter((u) => !known.has(u.username));
  if (missing.length === 0) return 0;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await db.transaction(async (tx) => {
    for (const user of missing) {
      const [row] = await tx
        .insert(users)
        .values({
          username: user.username,
          displayName: user.displayName,
          passwordHash,
          storeId: user.storeId,
          team: user.team ?? null,
        })
        .onConflictDoNothing()
        .returning({ id: users.id });
      if (row) await tx.insert(userRoles).values({ userId: row.id, role: user.role }).onConflictDoNothing();
    }
  });
  return missing.length;
}
