/**
 * The dealership as an application of the platform, for the composition root (api/main.ts): its role
 * catalogue, its migrations (api/dealer/migrations), its shipped flows and forms (workflows/), its demo
 * seeders, and what its effects do (for the designer). Its effects, instance
 * hooks, reference checkers and routes are wired there too (effects.ts, instance-hooks.ts,
 * references.ts, routes/index.ts).
 */
import { FORMS, WORKFLOWS } from '../../workflows/index.ts';
import type { StartupApplication } from '../startup.ts';
import { seedDemoUsers } from './demo/users.ts';
import { seedDealerDemo } from './demo-seed.ts';
import { DEALER_MIGRATIONS } from './migrations.ts';
import { DEALER_ROLES } from './roles.ts';

/** What start-up seeds and publishes for the dealership. */
export const DEALER_APPLICATION: StartupApplication = {
  roles: DEALER_ROLES,
  migrations: DEALER_MIGRATIONS,
  shipped: { workflows: WORKFLOWS, forms: FORMS },
  demoSeeders: [
    { name: 'demo users', seed: seedDemoUsers },
    { name: 'dealership demo', seed: (database) => seedDealerDemo({ database }) },
  ],
};

/** What the flow designer's action picker says of the dealership's effects (`createApp({ effectDocs })`). */
export { DEALER_EFFECT_DOCS } from './effect-docs.ts';
