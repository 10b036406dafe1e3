import { defineConfig } from 'drizzle-kit';

/**
 * One migrations folder per owner of tables (docs/architecture.md, "Who owns which tables"), each with its
 * own drizzle journal and migrations table, for both drivers (PGlite and PostgreSQL). Pick the owner with
 * `MIGRATIONS_OWNER`: `npm run db:generate:engine`, `db:generate:api`, `db:generate:dealer` (docs/architecture.md,
 * "Adding a migration"). The table names must match the `MigrationSet`s the code applies
 * (engine/store/db.ts, api/store/migrations.ts, api/dealer/application.ts).
 */
const OWNERS = {
  engine: {
    schema: './engine/store/schema.ts',
    out: './engine/store/migrations',
    table: '__drizzle_migrations_engine',
  },
  api: { schema: './api/store/schema.ts', out: './api/store/migrations', table: '__drizzle_migrations_api' },
  dealer: {
    schema: './api/dealer/schema.ts',
    out: './api/dealer/migrations',
    table: '__drizzle_migrations_dealer',
  },
} as const;

const name = process.env.MIGRATIONS_OWNER ?? '';
if (!(name in OWNERS)) {
  throw new Error(`MIGRATIONS_OWNER must be one of ${Object.keys(OWNERS).join(', ')} (got "${name}")`);
}
const owner = OWNERS[name as keyof typeof OWNERS];

export default defineConfig({
  dialect: 'postgresql',
  schema: owner.schema,
  out: owner.out,
  casing: 'snake_case',
  migrations: { schema: 'drizzle', table: owner.table },
});
