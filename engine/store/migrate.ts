/**
 * Migrations by owner (docs/architecture.md, "Who owns which tables"): the engine, the API and the
 * application each have a migrations folder with its own drizzle journal and its own migrations table
 * (schema `drizzle`), applied in that order, so a later owner's foreign keys find the earlier one's tables.
 *
 * Until the split there was one folder and one journal (`drizzle.__drizzle_migrations`, migrations
 * 0000–0017). A database migrated that way already has every owner's baseline: `adoptLegacyJournal`
 * marks those baselines applied, without running them, the first time the new migrator meets it.
 */
import { sql } from 'drizzle-orm';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import type { Db } from './db.ts';

/** One owner's migrations. */
export interface MigrationSet {
  /** Who owns the tables: `engine`, `api`, or the application's name. */
  owner: string;
  /** The folder with the SQL files and `meta/_journal.json` (drizzle-kit's layout). */
  folder: string;
  /** Its migrations table in schema `drizzle`, e.g. `__drizzle_migrations_engine`. */
  table: string;
  /**
   * Its first migration (the baseline) is the end state of the single journal the tables were once
   * migrated by (true for the engine, the API and the dealership; an application newer than the split
   * leaves it out).
   */
  legacyBaseline?: boolean;
}

export const MIGRATIONS_SCHEMA = 'drizzle';

/** The single journal before the split, and the hashes (sha256 of the SQL file) of its migrations. */
const LEGACY_TABLE = '__drizzle_migrations';
export const LEGACY_MIGRATIONS: ReadonlyArray<readonly [tag: string, hash: string]> = [
  ['0000_nasty_unus', '47d9fc50e0e5f222c4c6873ee44346a3998ceb2aecd2ab0c761b124b8c88afd2'],
  ['0001_files', 'f532978404c27e3473dc604338cb002fdd3c5295f8a2dfaf55bb4ca9626897ad'],
  ['0002_inbox_cc', '7d7cb591af83fe192f59a855bcdf5e6a9cb9ef9b56b45c5daa3f380163b42c42'],
  ['0003_scale_indexes', '9133a4c6cfef645c0fa88fc6ead1e6440c64ce24bb0960d2a3b5f1795aaf5ef0'],
  ['0004_file_refs', 'e7f00829d7a1c5acc78b6336f44a48b2b35157e70e7410991d0f2a2350eb870f'],
  ['0005_open_tasks_order', 'bb0993e4ebc4a0d40dd5d90bd706d273e0d2c9386878de98220a684b941d3123'],
  ['0006_ordered_documents', '1a43eddd45948e899de472e7f71398703f40ba348006f1c5ec5fd3c335f734a5'],
  ['0007_flow_catalogue', 'd9eb8a78fa36917927cc9e259a7397d816ddf582ee150df4547475fb8ade9bf7'],
  ['0008_task_actions', '3b7366edcf2b1f525eeaa83ae36a70d976e2ff2e9e9b0fef3c5de5d6ff96487c'],
  ['0009_outbox_delivery', 'd2166b2b28543f2dbaf2aecf48cea4a8b270f963ce4aaf6158ca6e66ea099781'],
  ['0010_deadlines_calendar', '961e33f54852ae1442e7bdcc855893e322941cf7a1af93e50df101a444683ac2'],
  ['0011_login_throttle', 'cb3af6299f04dc729bdd4d1e9f9b402c6823efceb3b0a4b4e3d9999716ce173a'],
  ['0012_form_catalogue', '4b42b0bdeab17f66191aae5a958c6367791006d1f9e6f61b72e1012995cc9f98'],
  ['0013_instance_records', '020085b8d49b0d1554f680cddbf39605a2de19cbf9a0db5eacd902e36100cdbd'],
  ['0014_file_chunks', '400154de6c0909935554f86f71f1a294827464df64566d45a83569101dd26e84'],
  ['0015_sessions_startup', 'd15f363927be6f0c40933a2e2170ee64057b5cd9bfea9ba1f4eea3e684d71e68'],
  ['0016_payment_receipts', '2709376c915d279b5731a9755bd86817925c88b80fb50d8a1fe119c5eee8130d'],
  ['0017_order_drafts', '813c543f7a4ac1f6a4eea49cffbbb29645ce359e6c18d4e71608ffad79baf698'],
];

/** `db.execute` returns rows as an array (postgres.js) or in `rows` (PGlite). */
function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  return (result as { rows: T[] }).rows;
}

const table = (name: string) => sql`${sql.identifier(MIGRATIONS_SCHEMA)}.${sql.identifier(name)}`;

async function tableExists(db: Db, name: string): Promise<boolean> {
  const rows = rowsOf<{ found: string | null }>(
    await db.execute(sql`select to_regclass(${`${MIGRATIONS_SCHEMA}."${name}"`})::text as found`),
  );
  return rows[0]?.found != null;
}

async function appliedHashes(db: Db, name: string): Promise<string[]> {
  const rows = rowsOf<{ hash: string }>(await db.execute(sql`select hash from ${table(name)} order by id`));
  return rows.map((row) => row.hash);
}

/**
 * On a database the single journal migrated (and no owner's journal yet), records each legacy-baseline
 * set's baseline as applied — plus the set's next migrations, in order, whose SQL the old journal also
 * ran (a migration moved out of the old folder unchanged keeps its hash). Refuses a database the old
 * journal left part-way (older than 0017) or with old migrations no set accounts for: those need the
 * release before the split first. Does nothing on a fresh database or once the owners' journals exist.
 */
export async function adoptLegacyJournal(db: Db, sets: readonly MigrationSet[]): Promise<void> {
  if (!(await tableExists(db, LEGACY_TABLE))) return;
  const adopting: MigrationSet[] = [];
  for (const set of sets) {
    if (!set.legacyBaseline) continue;
    if (!(await tableExists(db, set.table)) || (await appliedHashes(db, set.table)).length === 0) {
      adopting.push(set);
    }
  }
  if (adopting.length === 0) return;
  const legacy = new Set(await appliedHashes(db, LEGACY_TABLE));
  if (legacy.size === 0) return;
  const missing = LEGACY_MIGRATIONS.filter(([, hash]) => !legacy.has(hash)).map(([tag]) => tag);
  if (missing.length > 0) {
    throw new Error(
      `The database was migrated by the single migrations journal only part-way (missing ${missing.join(', ')}): migrate it with the release before the split into per-owner migrations first.`,
    );
  }
  const accounted = new Set(LEGACY_MIGRATIONS.map(([, hash]) => hash));
  const marks: { set: MigrationSet; hash: string; when: number }[] = [];
  for (const set of adopting) {
    const [baseline, ...later] = readMigrationFiles({ migrationsFolder: set.folder });
    if (!baseline) continue;
    marks.push({ set, hash: baseline.hash, when: baseline.folderMillis });
    for (const migration of later) {
      if (!legacy.has(migration.hash)) break;
      accounted.add(migration.hash);
      marks.push({ set, hash: migration.hash, when: migration.folderMillis });
    }
  }
  const unknown = [...legacy].filter((hash) => !accounted.has(hash));
  if (unknown.length > 0) {
    throw new Error(
      `The single migrations journal holds ${unknown.length} migration(s) no owner's folder has (hashes ${unknown.join(', ')}): move each into its owner's folder unchanged.`,
    );
  }
  await db.transaction(async (tx) => {
    await tx.execute(sql`create schema if not exists ${sql.identifier(MIGRATIONS_SCHEMA)}`);
    for (const set of adopting) {
      await tx.execute(
        sql`create table if not exists ${table(set.table)} (id serial primary key, hash text not null, created_at bigint)`,
      );
    }
    for (const mark of marks) {
      await tx.execute(
        sql`insert into ${table(mark.set.table)} (hash, created_at) values (${mark.hash}, ${mark.when})`,
      );
    }
  });
}
