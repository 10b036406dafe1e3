/**
 * Opening the database (docs/architecture.md): embedded PGlite when no URL is given, PostgreSQL through the
 * `postgres` driver otherwise — one drizzle type for both. Migrations: one folder per owner of tables
 * (engine/store/migrate.ts); this one applies the engine's and any others it is handed, in order.
 */
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import { adoptLegacyJournal, MIGRATIONS_SCHEMA, type MigrationSet } from './migrate.ts';
import { preparedClient } from './prepared-client.ts';
import * as schema from './schema.ts';

export type Schema = typeof schema;
/** The drizzle handle both drivers share. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
/** A transaction handle, as passed to `db.transaction(async (tx) => ...)`. */
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Either a database or a transaction: what repositories run their queries on. */
export type Executor = Db | Tx;

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** Applies one owner's migrations (default: the engine's) with its own journal table. */
  migrate(set?: MigrationSet): Promise<void>;
  close(): Promise<void>;
  /**
   * LISTENs on `channel` and calls `onPayload` with each notification's payload; resolves once
   * listening, to the function that stops. On PostgreSQL one dedicated connection serves every
   * channel and is re-established after a drop; `onListen` runs each time LISTEN takes effect, so a
   * caller can tell a reconnect (notifications may have been missed meanwhile). `close()` ends it.
   * Optional so hand-built handles (benchmarks) need not implement it.
   */
  listen?(
    channel: string,
    onPayload: (payload: string) => void,
    onListen?: () => void,
  ): Promise<() => Promise<void>>;
  /** The PGlite instance (to dump its data dir in tests); undefined on PostgreSQL. */
  pglite?: PGlite;
  /**
   * The postgres.js client behind `db` on PostgreSQL, for the hot paths' fixed prepared statements
   * (fast-step.ts); undefined on PGlite, which takes the general path.
   */
  sql?: postgres.Sql;
}

export interface OpenDatabaseOptions {
  /** `postgres://...`: PostgreSQL. Absent: PGlite. */
  url?: string;
  /** PGlite data directory; `memory://` for an in-memory database. Default `./data`. */
  dataDir?: string;
  /** A PGlite data dir tarball (from `dumpDataDir`) to start from, e.g. a migrated template. */
  loadDataDir?: Blob;
  /** PostgreSQL pool size. */
  maxConnections?: number;
}

export type { MigrationSet } from './migrate.ts';

/** The engine's migrations folder, shipped beside this file. */
export const MIGRATIONS_FOLDER = fileURLToPath(new URL('./migrations', import.meta.url));

/** The engine's migrations: its tables only (definitions, instances, tasks, history, timers, outbox, ...). */
export const ENGINE_MIGRATIONS: MigrationSet = {
  owner: 'engine',
  folder: MIGRATIONS_FOLDER,
  table: '__drizzle_migrations_engine',
  legacyBaseline: true,
};

/** drizzle's migrator options for one set. */
const migratorConfig = (set: MigrationSet) => ({
  migrationsFolder: set.folder,
  migrationsTable: set.table,
  migrationsSchema: MIGRATIONS_SCHEMA,
});

/**
 * Opens PGlite (no `url`) or PostgreSQL (`url`).
 *
 * @example
 * const database = await openDatabase({ dataDir: 'memory://' });
 * await migrateDatabase(database);
 */
export async function openDatabase(options: OpenDatabaseOptions = {}): Promise<Database> {
  if (options.url) return openPostgres(options.url, options.maxConnections ?? 10);
  const dataDir = options.dataDir ?? './data';
  // The options-object form: `new PGlite(undefined, { loadDataDir })` ignores the tarball.
  const client = new PGlite({
    ...(dataDir === 'memory://' ? {} : { dataDir }),
    ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
  });
  await client.waitReady;
  const db = drizzlePglite({ client, schema, casing: 'snake_case' });
  return {
    db: db as unknown as Db,
    kind: 'pglite',
    pglite: client,
    migrate: (set = ENGINE_MIGRATIONS) => migratePglite(db, migratorConfig(set)),
    listen: async (channel, onPayload, onListen) => {
      const unlisten = await client.listen(channel, onPayload);
      onListen?.();
      return () => unlisten();
    },
    close: () => client.close(),
  };
}

/**
 * A connection URL as postgres.js takes it, with libpq's Unix-socket form understood: a `host`
 * parameter naming a directory (`postgres:///dealerflow?host=/var/run/postgresql`) connects through
 * `<dir>/.s.PGSQL.<port>` — cheaper per statement than TCP on the same machine.
 *
 * @example postgresTarget('postgres://app@localhost/db?host=/run/postgresql') // { url: 'postgres://app@localhost/db', path: '/run/postgresql/.s.PGSQL.5432' }
 */
export function postgresTarget(url: string): { url: string; path?: string } {
  const query = url.indexOf('?');
  if (query === -1) return { url };
  const params = new URLSearchParams(url.slice(query + 1));
  const dir = params.get('host');
  if (!dir?.startsWith('/')) return { url };
  params.delete('host');
  const port = params.get('port') ?? /^[^/]*\/\/[^/]*:(\d+)(?:\/|$)/.exec(url.slice(0, query))?.[1] ?? '5432';
  params.delete('port');
  const rest = params.toString();
  return {
    url: `${url.slice(0, query)}${rest ? `?${rest}` : ''}`,
    path: `${dir.replace(/\/$/, '')}/.s.PGSQL.${port}`,
  };
}

function openPostgres(url: string, max: number): Database {
  const target = postgresTarget(url);
  // Silence NOTICEs ("relation already exists, skipping") from the migrator.
  const client = preparedClient(
    postgres(target.url, { max, onnotice: () => {}, ...(target.path ? { path: target.path } : {}) }),
  );
  const db = drizzlePostgres({ client, schema, casing: 'snake_case' });
  return {
    db: db as unknown as Db,
    kind: 'postgres',
    sql: client,
    migrate: (set = ENGINE_MIGRATIONS) => migratePostgres(db, migratorConfig(set)),
    listen: async (channel, onPayload, onListen) => {
      const { unlisten } = await client.listen(channel, onPayload, onListen);
      return unlisten;
    },
    // Also ends the LISTEN connection, if any.
    close: () => client.end({ timeout: 5 }),
  };
}

/**
 * Runs one fixed statement (`$1`… placeholders) outside any transaction and answers its rows: on
 * PostgreSQL as a named prepared statement (one round trip once prepared, no query building), on
 * PGlite through its own query. For hot paths whose text does not change with the input.
 */
export async function queryRows<T>(database: Database, text: string, params: unknown[]): Promise<T[]> {
  if (database.sql) {
    const values = params as postgres.ParameterOrJSON<never>[];
    return (await database.sql.unsafe(text, values, { prepare: true })) as unknown as T[];
  }
  if (database.pglite) return (await database.pglite.query<T>(text, params)).rows;
  throw new Error('queryRows needs the PostgreSQL or PGlite client behind the database');
}

/**
 * Applies the migration sets in order (the engine's first, then the API's, then the application's:
 * api/store/migration-sets.ts), each with the migrator that fits the driver, after recognising a database
 * the old single journal migrated.
 */
export async function migrateDatabase(
  database: Database,
  sets: readonly MigrationSet[] = [ENGINE_MIGRATIONS],
): Promise<void> {
  await adoptLegacyJournal(database.db, sets);
  for (const set of sets) await database.migrate(set);
}
