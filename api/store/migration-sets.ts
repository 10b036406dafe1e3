/**
 * The API's migrations (api/store/migrations: the directory, sessions, files, CC, notifications, login
 * throttling, start-up marks) and the order every owner's are applied in: the engine's, the API's,
 * then the application's (docs/architecture.md, "Who owns which tables").
 */
import { fileURLToPath } from 'node:url';
import { ENGINE_MIGRATIONS, type MigrationSet } from '../../engine/store/db.ts';

export const API_MIGRATIONS: MigrationSet = {
  owner: 'api',
  folder: fileURLToPath(new URL('./migrations', import.meta.url)),
  table: '__drizzle_migrations_api',
  legacyBaseline: true,
};

/** The sets `migrateDatabase` applies for an application (its own migrations last, if it has any). */
export function migrationSets(application: { migrations?: MigrationSet }): MigrationSet[] {
  return [ENGINE_MIGRATIONS, API_MIGRATIONS, ...(application.migrations ? [application.migrations] : [])];
}
