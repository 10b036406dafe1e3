/**
 * Opening the database (docs/architecture.md): embedded PGlite when no URL is given, PostgreSQL through the
 * `postgres` driver otherwise — one drizzle type for both, one migrations folder.
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
  /** Applies the migrations in `folder` (default: engine/store/migrations). */
  migrate(folder?: string): Promise<void>;
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

/** The migrations folder shipped beside this file. */
export const MIGRATIONS_FOLDER = fileURLToPath(new URL('./migrations', import.meta.url));

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
    migrate: (folder = MIGRATIONS_FOLDER) => migratePglite(db, { migrationsFolder: folder }),
    listen: async (channel, onPayload, onListen) => {
      const unlisten = await client.listen(channel, onPayload);
      onListen?.();
      return () => unlisten();
    },
    close: () => client.close(),
  };
}

function openPostgres(url: string, max: number): Database {
  // Silence NOTICEs ("relation already exists, skipping") from the migrator.
  const client = preparedClient(postgres(url, { max, onnotice: () => {} }));
  const db = drizzlePostgres({ client, schema, casing: 'snake_case' });
  return {
    db: db as unknown as Db,
    kind: 'postgres',
    sql: client,
    migrate: (folder = MIGRATIONS_FOLDER) => migratePostgres(db, { migrationsFolder: folder }),
    listen: async (channel, onPayload, onListen) => {
      const { unlisten } = await client.listen(channel, onPayload, onListen);
      return unlisten;
    },
    // Also ends the LISTEN connection, if any.
    close: () => client.end({ timeout: 5 }),
  };
}

/** Runs the migrations folder with the migrator that fits the driver. */
export function migrateDatabase(database: Database, folder?: string): Promise<void> {
  return database.migrate(folder);
}
