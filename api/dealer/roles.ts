/**
 * The dealership's role catalogue (docs/dealership.md): seeded into `roles` at start-up and handed to
 * `createApp({ roles })`, which makes the roles marked `seesEveryStore` the group roles.
 */
import { ADMIN_ROLE, type RoleDefinition } from '../rbac.ts';

/**
 * Every role of a 4S store with its labels; admin and the general manager see every store. The general
 * manager may read any task, a sales manager their store's.
 */
export const DEALER_ROLES = [
  ADMIN_ROLE,
  {
    code: 'general_manager',
    labelZh: '总经理',
    labelEn: 'General manager',
    seesEveryStore: true,
    overseesTasks: 'everyStore',
  },
  { code: 'sales_manager', labelZh: '销售经理', labelEn: 'Sales manager', overseesTasks: 'ownStore' },
  { code: 'sales_consultant', labelZh: '销售顾问', labelEn: 'Sales consultant' },
  { code: 'finance', labelZh: '财务', labelEn: 'Finance' },
  { code: 'logistics', labelZh: '库管/物流', labelEn: 'Logistics' },
  { code: 'service_advisor', labelZh: '售后顾问', labelEn: 'Service advisor' },
] as const satisfies readonly RoleDefinition[];

/** A dealership role code. */
export type DealerRole = (typeof DEALER_ROLES)[number]['code'];
