/**
 * What a server process does to its database before serving: migrate, seed the role catalogue,
 * publish the shipped flows and forms that are missing, and in demo mode seed the demo users and
 * the dealership's demo data. Several processes may start at once on one PostgreSQL, so the whole
 * preparation runs under a transaction-scoped advisory lock: one process prepares, the others wait
 * and then find nothing left to do.
 *
 * Publishing and seeding read every shipped document back and compare it (seconds on the embedded
 * database), so a start whose shipped documents, catalogue and demo flag hash to what the last
 * complete preparation recorded (`startup_marks`) skips them; migrations always run.
 */
import { createHash } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { Database } from '../engine/store/db.ts';
import { migrateDatabase } from '../engine/store/db.ts';
import { startupMarks } from '../engine/store/schema.ts';
import type { WorkflowService } from '../engine/store/service.ts';
import { FORMS, WORKFLOWS } from '../workflows/index.ts';
import { seedDealerDemo } from './dealer/demo-seed.ts';
import type { Logger } from './logger.ts';
import { DEMO_STORES, DEMO_USERS, ROLE_CATALOGUE, seedDemoUsers, seedRoles } from './seed/demo-users.ts';
import { publishShipped } from './seed/index.ts';

const STARTUP_LOCK = 0x0df10001;
const MARK_KEY = 'prepare';

export interface PrepareOptions {
  database: Database;
  service: WorkflowService;
  demo: boolean;
  logger: Logger;
}

/** The hash of everything publishing and seeding depend on. */
function preparationFingerprint(demo: boolean): string {
  const inputs = { WORKFLOWS, FORMS, ROLE_CATALOGUE, demo: demo ? { DEMO_STORES, DEMO_USERS } : false };
  return createHash('sha256').update(JSON.stringify(inputs)).digest('hex');
}

/** Migrates and seeds; safe to run from several processes at once and at every start. */
export async function prepareDatabase({ database, service, demo, logger }: PrepareOptions): Promise<void> {
  const prepare = async () => {
    await migrateDatabase(database);
    const fingerprint = preparationFingerprint(demo);
    const [mark] = await database.db
      .select({ fingerprint: startupMarks.fingerprint })
      .from(startupMarks)
      .where(eq(startupMarks.key, MARK_KEY));
    if (mark?.fingerprint === fingerprint) return;
    await seedRoles(database.db);
    const report = await publishShipped(service, { workflows: WORKFLOWS, forms: FORMS });
    if (report.published.length > 0) logger.info({ published: report.published }, 'shipped flows published');
    for (const failure of report.failed) logger.warn(failure, 'shipped document not published');
    if (demo) {
      await seedDemoUsers(database);
      service.invalidateDirectory();
      const seeded = await seedDealerDemo({ database });
      if (!seeded.skipped) logger.info(seeded, 'demo data seeded');
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
