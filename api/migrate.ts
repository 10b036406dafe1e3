/**
 * `npm run db:migrate`: applies the engine's, the API's and the dealership's migrations to the database the
 * environment names. A composition root: it names the application (test/architecture/import-rules.ts).
 */
import { migrateDatabase, openDatabase } from '../engine/store/db.ts';
import { DEALER_APPLICATION } from './dealer/application.ts';
import { loadEnv } from './env.ts';
import { createLogger } from './logger.ts';
import { migrationSets } from './store/migration-sets.ts';

const env = loadEnv();
const logger = createLogger({ level: env.logLevel });
const database = await openDatabase(env.databaseUrl ? { url: env.databaseUrl } : { dataDir: env.dataDir });
try {
  await migrateDatabase(database, migrationSets(DEALER_APPLICATION));
  logger.info({ kind: database.kind }, 'migrations applied');
} finally {
  await database.close();
}
