/**
 * What a server process does to its database before serving: migrate, seed the application's role
 * catalogue, publish its shipped flows and forms that are missing, and in demo mode run its demo
 * seeders. Several processes may start at once on one PostgreSQL, so the whole preparation runs under
 * a transaction-scoped advisory lock: one process prepares, the others wait and then find nothing
 * left to do.
 */
import { sql } from 'drizzle-orm';
import type { Database } from '../engine/store/db.ts';
import { migrateDatabase } from '../engine/store/db.ts';
import type { WorkflowService } from '../engine/store/service.ts';
import type { Logger } from './logger.ts';
import type { RoleDefinition } from './rbac.ts';
import { publishShipped, type ShippedFlows } from './seed/index.ts';
import { seedRoles } from './seed/users.ts';

const STARTUP_LOCK = 0x0df10001;

/** Demo data an application seeds in demo mode; idempotent, since it runs at every demo start. */
export interface Seeder {
  name: string;
  seed(database: Database): Promise<unknown>;
}

/** What an application brings to start-up (the composition root builds it, e.g. api/main.ts). */
export interface StartupApplication {
  /** Its role catalogue (also given to `createApp({ roles })`). */
  roles: readonly RoleDefinition[];
  /** Its flows and forms, published when missing. */
  shipped: ShippedFlows;
  /** Run in order in demo mode, after the roles and the shipped flows. */
  demoSeeders: readonly Seeder[];
}

export interface PrepareOptions {
  database: Database;
  service: WorkflowService;
  demo: boolean;
  logger: Logger;
  application: StartupApplication;
}

/** Migrates and seeds; safe to run from several processes at once and at every start. */
export async function prepareDatabase({
  database,
  service,
  demo,
  logger,
  application,
}: PrepareOptions): Promise<void> {
  const prepare = async () => {
    await migrateDatabase(database);
    await seedRoles(database.db, application.roles);
    const report = await publishShipped(service, application.shipped);
    if (report.published.length > 0) logger.info({ published: report.published }, 'shipped flows published');
    for (const failure of report.failed) logger.warn(failure, 'shipped document not published');
    if (!demo) return;
    for (const seeder of application.demoSeeders) {
      const seeded = await seeder.seed(database);
      // Seeders add people: the directory the engine assigns tasks from must see them.
      service.invalidateDirectory();
      logger.info({ seeder: seeder.name, seeded }, 'demo data seeded');
    }
  };
  // PGlite is one connection in one process: a held transaction would block the work itself.
  if (database.kind !== 'postgres') return prepare();
  await database.db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${STARTUP_LOCK})`);
    await prepare();
  });
}
