/**
 * The demo stores and the demo users of docs/dealership.md (password `dealerflow`), with the
 * dealership's role catalogue. Idempotent (api/seed/users.ts).
 */

import { STORE } from '../../../dealer-rules/vocabulary.ts';
import type { Database } from '../../../engine/store/db.ts';
import { seedUsers } from '../../seed/users.ts';
import { DEALER_ROLES, type DealerRole } from '../roles.ts';

/** The demo stores (docs/dealership.md). */
export const DEMO_STORES = STORE.map(([id, name]) => ({ id, name: name.zh }));

/** Every demo user's password. */
export const DEMO_PASSWORD = 'dealerflow';

/** A demo user with their one role. */
export interface DemoUser {
  username: string;
  displayName: string;
  role: DealerRole;
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

/**
 * Seeds the dealership's roles, the demo stores and the demo users; returns how many users it added.
 *
 * @example
 * await seedDemoUsers(database); // admin / dealerflow can now log in
 */
export function seedDemoUsers(database: Pick<Database, 'db'>): Promise<number> {
  return seedUsers(database, {
    roles: DEALER_ROLES,
    stores: DEMO_STORES,
    users: DEMO_USERS.map(({ role, ...user }) => ({ ...user, roles: [role] })),
    password: DEMO_PASSWORD,
  });
}
