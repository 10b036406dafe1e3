/** The dealership's migrations (api/dealer/migrations), applied after the engine's and the API's. */
import { fileURLToPath } from 'node:url';
import type { MigrationSet } from '../../engine/store/db.ts';

export const DEALER_MIGRATIONS: MigrationSet = {
  owner: 'dealer',
  folder: fileURLToPath(new URL('./migrations', import.meta.url)),
  table: '__drizzle_migrations_dealer',
  legacyBaseline: true,
};
