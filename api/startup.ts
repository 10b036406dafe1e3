/**
 * What a server process does to its database before serving: migrate (the engine's, the API's, then the
 * application's migrations), seed the application's role
 * catalogue, publish its shipped flows and forms that are missing, and in demo mode run its demo
 * seeders. Several processes may start at once on one PostgreSQL, so the whole preparation runs under
 * a transaction-scoped advisory lock: one process prepares, the others wait and then find nothing
 * left to do.
 *
 * Publishing and seeding read every shipped document back and compare it (seconds on the embedded
 * database), so a start whose shipped documents, role catalogue, seeders and demo flag hash to what
 * the last complete preparation recorded (`startup_marks`) skips them; migrations always run.
 */
import { createHash } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { Database, MigrationSet } from '../engine/store/db.ts';
import { migrateDatabase } from '../engine/store/db.ts';
import type { WorkflowService } from '../engine/store/service.ts';
import type { Logger } from './logger.ts';
import type { RoleDefinition } from './rbac.ts';
import { publishShipped, type ShippedFlows } from './seed/index.ts';
import { seedRoles } from './seed/users.ts';
import { migrationSets } from './store/migration-sets.ts';
import { startupMarks } from './store/schema.ts';

const STARTUP_LOCK = 0x0df10001;
const MARK_KEY = 'prepare';

/** Demo data an application seeds in demo mode; idempotent, since it runs at every demo start. */
export interface Seeder {
  name: string;
  seed(database: Database): Promise<unknown>;
}

/** What an application brings to start-up (the composition root builds it, e.g. api/main.ts). */
export interface StartupApplication {
  /** Its own tables' migrations, applied after the engine's and the API's (none: it has no tables). */
  migrations?: MigrationSet;
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

/**
 * The hash of everything publishing and seeding depend on. A seeder's data is its own: one that
 * changes what it seeds should change its `name` (e.g. a version suffix) to be run again.
 */
function preparationFingerprint(application: StartupApplication, demo: boolean): string {
  const inputs = {
    roles: application.roles,
    shipped: application.shipped,
    demo: demo ? application.demoSeeders.map((s) => s.name) : false,
  };
  return createHash('sha256').update(JSON.stringify(inputs)).digest('hex');
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
    await migrateDatabase(database, migrationSets(application));
    const fingerprint = preparationFingerprint(application, demo);
    const [mark] = await database.db
      .select({ fingerprint: startupMarks.fingerprint })
      .from(startupMarks)
      .where(eq(startupMarks.key, MARK_KEY));
    if (mark?.fingerprint === fingerprint) return;
    await seedRoles(database.db, application.roles);
    const report = await publishShipped(service, application.shipped);
    if (report.published.length > 0) logger.info({ published: report.published }, 'shipped flows published');
    for (const failure of report.failed) logger.warn(failure, 'shipped document not published');
    if (demo) {
      for (const seeder of application.demoSeeders) {
        const seeded = await seeder.seed(database);
        // Seeders add people: the directory the engine assigns tasks from must see them.
        service.invalidateDirectory();
        logger.info({ seeder: seeder.name, seeded }, 'demo data seeded');
      }
    }
    // A failed shipped document is tried again at the next start.
    if (report.failed.length > 0) return;
    await database.db
      .insert(startupMarks)
      .values({ key: MARK_KEY, fingerprint })
      .onConflictDoUpdate({ target: startupMarks.key, set: { fingerprint, at: sql`now()` } });
  };
  // PGlite is one connection in one process: a held transaction would block the work itself.
  if (database.kind !== 'postgres') return prepare();
  await database.db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${STARTUP_LOCK})`);
    await prepare();
  });
}
