/**
 * `npm run db:migrate`: applies the migrations to the database the environment names.
 */
import { migrateDatabase, openDatabase } from '../engine/store/db.ts';
import { loadEnv } from './env.ts';
import { createLogger } from './logger.ts';

const env = loadEnv();
const logger = createLogger({ level: env.logLevel });
const database = await openDatabase(env.databaseUrl ? { url: env.databaseUrl } : { dataDir: env.dataDir });
try {
  await migrateDatabase(database);
  logger.info({ kind: database.kind }, 'migrations applied');
} finally {
  await database.close();
}
