/**
 * Migrations by owner (engine/store/migrate.ts): the engine's, the API's and the dealership's folders,
 * each with its own journal and table, give a fresh database the schema the single journal (0000–0017,
 * kept here as test/migrations/legacy-single-journal) gave it; and a database that single journal
 * migrated is taken over — baselines marked applied, not run — with its tables and rows intact.
 * On PGlite and PostgreSQL.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { DEALER_MIGRATIONS } from '../../api/dealer/migrations.ts';
import { API_MIGRATIONS } from '../../api/store/migration-sets.ts';
import {
  type Database,
  ENGINE_MIGRATIONS,
  type MigrationSet,
  migrateDatabase,
  openDatabase,
} from '../../engine/store/db.ts';
import { MIGRATIONS } from '../fixtures/databases.ts';
import { createScratchDatabase } from '../reliability/support.ts';

const LEGACY_FOLDER = fileURLToPath(new URL('./legacy-single-journal', import.meta.url));
/** How the single journal was applied: drizzle's default table, `drizzle.__drizzle_migrations`. */
const LEGACY: MigrationSet = { owner: 'legacy', folder: LEGACY_FOLDER, table: '__drizzle_migrations' };

interface Empty {
  database: Database;
  close(): Promise<void>;
}

type Kind = { name: string; open(): Promise<Empty> };

const KINDS: Kind[] = [
  {
    name: 'pglite',
    open: async () => {
      const database = await openDatabase({ dataDir: 'memory://' });
      return { database, close: () => database.close() };
    },
  },
  ...(process.env.SKIP_POSTGRES === '1'
    ? []
    : [
        {
          name: 'postgres',
          open: async () => {
            const scratch = await createScratchDatabase();
            const database = await openDatabase({ url: scratch.url, maxConnections: 2 });
            return {
              database,
              close: async () => {
                await database.close();
                await scratch.drop();
              },
            };
          },
        },
      ]),
];

async function rows<T>(database: Database, query: ReturnType<typeof sql>): Promise<T[]> {
  const result = await database.db.execute(query);
  return (Array.isArray(result) ? result : (result as unknown as { rows: T[] }).rows) as T[];
}

/**
 * The public schema as information_schema and the catalogues describe it: columns (type, nullability,
 * default), indexes (their definitions) and constraints (their definitions). Column order is left out:
 * the old journal added columns with ALTER TABLE, the baselines declare them in the schema's order.
 */
async function describeSchema(database: Database) {
  const columns = await rows<Record<string, unknown>>(
    database,
    sql`select table_name, column_name, data_type, udt_name, is_nullable, column_default, character_maximum_length
        from information_schema.columns where table_schema = 'public' order by table_name, column_name`,
  );
  const indexes = await rows<Record<string, unknown>>(
    database,
    sql`select tablename, indexname, indexdef from pg_indexes where schemaname = 'public' order by tablename, indexname`,
  );
  const constraints = await rows<Record<string, unknown>>(
    database,
    sql`select conrelid::regclass::text as table_name, conname, contype, pg_get_constraintdef(oid) as definition
        from pg_constraint where connamespace = 'public'::regnamespace order by 1, 2`,
  );
  return { columns, indexes, constraints };
}

async function journal(database: Database, table: string): Promise<string[]> {
  const found = await rows<{ hash: string }>(
    database,
    sql`select hash from ${sql.identifier('drizzle')}.${sql.identifier(table)} order by id`,
  );
  return found.map((row) => row.hash);
}

/** A copy of `folder` with one more migration (`tag`, `when`, its SQL) in its journal, as drizzle-kit adds one. */
function withMigration(folder: string, tag: string, when: number, body: string): string {
  const copy = mkdtempSync(join(tmpdir(), 'dealerflow-migrations-'));
  cpSync(folder, copy, { recursive: true });
  writeFileSync(join(copy, `${tag}.sql`), body);
  const journalPath = join(copy, 'meta', '_journal.json');
  const parsed = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: Record<string, unknown>[] };
  parsed.entries.push({ idx: parsed.entries.length, version: '7', when, tag, breakpoints: true });
  writeFileSync(journalPath, JSON.stringify(parsed, null, 2));
  return copy;
}

/**
 * Each owner's set cut to its baseline (entry 0000): the baselines are what must equal the single
 * journal's end state; migrations added since (e.g. the dealership's 0001) run on top of them.
 */
function baselineOnly(set: MigrationSet): MigrationSet {
  const copy = mkdtempSync(join(tmpdir(), 'dealerflow-baseline-'));
  cpSync(set.folder, copy, { recursive: true });
  const journalPath = join(copy, 'meta', '_journal.json');
  const parsed = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: unknown[] };
  parsed.entries = parsed.entries.slice(0, 1);
  writeFileSync(journalPath, JSON.stringify(parsed, null, 2));
  return { ...set, folder: copy };
}

const baselineHash = async (database: Database, set: MigrationSet) => (await journal(database, set.table))[0];

describe('each owner’s migrations folder', () => {
  const LEAVE_FOLDER = fileURLToPath(new URL('../leave-app/migrations', import.meta.url));
  it.each([...MIGRATIONS.map((set) => [set.owner, set.folder] as const), ['leave', LEAVE_FOLDER] as const])(
    '%s: a journal whose entries are numbered from 0000, have their SQL file and strictly increasing `when`',
    (_owner, folder) => {
      const journal = JSON.parse(readFileSync(join(folder, 'meta', '_journal.json'), 'utf8')) as {
        entries: { idx: number; when: number; tag: string }[];
      };
      expect(journal.entries.length).toBeGreaterThan(0);
      journal.entries.forEach((entry, i) => {
        expect(entry.idx).toBe(i);
        expect(entry.tag.startsWith(String(i).padStart(4, '0'))).toBe(true);
        expect(readFileSync(join(folder, `${entry.tag}.sql`), 'utf8').length).toBeGreaterThan(0);
        if (i > 0) expect(entry.when).toBeGreaterThan(journal.entries[i - 1]!.when);
      });
    },
  );

  it('have distinct migrations tables', () => {
    const tables = MIGRATIONS.map((set) => set.table);
    expect(new Set(tables).size).toBe(tables.length);
  });
});

describe.each(KINDS)('migrations by owner on $name', ({ open }) => {
  const BASELINES = MIGRATIONS.map(baselineOnly);
  const [, , DEALER_BASELINE] = BASELINES as [MigrationSet, MigrationSet, MigrationSet];
  const copies: string[] = BASELINES.map((set) => set.folder);
  afterAll(() => {
    for (const copy of copies) rmSync(copy, { recursive: true, force: true });
  });

  it('give a fresh database the same tables, columns, indexes and constraints as the single journal did', async () => {
    const before = await open();
    const after = await open();
    try {
      await migrateDatabase(before.database, [LEGACY]);
      await migrateDatabase(after.database, BASELINES);
      const old = await describeSchema(before.database);
      const split = await describeSchema(after.database);
      expect(old.columns.length).toBeGreaterThan(300);
      expect(split.columns).toEqual(old.columns);
      expect(split.indexes).toEqual(old.indexes);
      expect(split.constraints).toEqual(old.constraints);
      // Each owner has its own journal; the old table is not created any more.
      for (const set of BASELINES) expect(await journal(after.database, set.table)).toHaveLength(1);
      expect(
        await rows(after.database, sql`select to_regclass('drizzle.__drizzle_migrations')::text as t`),
      ).toEqual([{ t: null }]);
    } finally {
      await before.close();
      await after.close();
    }
  });

  it('take over a database the single journal migrated: baselines marked applied, tables and rows intact', async () => {
    const { database, close } = await open();
    try {
      await migrateDatabase(database, [LEGACY]);
      const schemaBefore = await describeSchema(database);
      await database.db.execute(sql`insert into stores (id, name) values ('S1', '一店')`);
      await database.db.execute(
        sql`insert into users (id, username, display_name, password_hash, store_id)
            values ('00000000-0000-4000-8000-000000000001', 'zhang', '张三', 'x', 'S1')`,
      );
      await database.db.execute(
        sql`insert into instances (id, workflow_key, workflow_version, status, state_value, context, engine_state, started_at, updated_at)
            values ('00000000-0000-4000-8000-000000000002', 'flow', 1, 'active', '"a"', '{}', '{}', now(), now())`,
      );
      await database.db.execute(
        sql`insert into cc (instance_id, user_id, cc_by, created_at)
            values ('00000000-0000-4000-8000-000000000002', '00000000-0000-4000-8000-000000000001', 'system', now())`,
      );
      await database.db.execute(sql`insert into teams (store_id, name) values ('S1', '一组')`);

      await migrateDatabase(database, BASELINES);

      expect(await describeSchema(database)).toEqual(schemaBefore);
      expect(await rows(database, sql`select username from users`)).toEqual([{ username: 'zhang' }]);
      expect(await rows(database, sql`select cc_by from cc`)).toEqual([{ cc_by: 'system' }]);
      expect(await rows(database, sql`select name from teams`)).toEqual([{ name: '一组' }]);
      for (const set of [ENGINE_MIGRATIONS, API_MIGRATIONS, DEALER_MIGRATIONS]) {
        expect(await journal(database, set.table)).toHaveLength(1);
      }
      // The old journal stays as it was: 18 rows.
      expect(await journal(database, '__drizzle_migrations')).toHaveLength(18);

      // Again: nothing to do. Then a new dealership migration runs on the adopted database.
      await migrateDatabase(database, BASELINES);
      const dealerFolder = withMigration(
        DEALER_BASELINE.folder,
        '0001_dealer_notes',
        1796500006000,
        'CREATE TABLE "dealer_notes" ("id" serial PRIMARY KEY NOT NULL, "body" text NOT NULL);',
      );
      copies.push(dealerFolder);
      await migrateDatabase(database, [
        ...BASELINES.slice(0, 2),
        { ...DEALER_BASELINE, folder: dealerFolder },
      ]);
      await database.db.execute(sql`insert into dealer_notes (body) values ('ok')`);
      expect(await journal(database, DEALER_MIGRATIONS.table)).toHaveLength(2);
    } finally {
      await close();
    }
  });

  it('recognise an old-folder migration moved unchanged into its owner’s folder, and do not run it twice', async () => {
    const { database, close } = await open();
    const body = 'CREATE TABLE "after_sales_extra" ("id" serial PRIMARY KEY NOT NULL);';
    const legacyFolder = withMigration(LEGACY_FOLDER, '0018_after_sales_extra', 1796500006000, body);
    const dealerFolder = withMigration(DEALER_BASELINE.folder, '0001_after_sales_extra', 1796500006000, body);
    copies.push(legacyFolder, dealerFolder);
    try {
      await migrateDatabase(database, [{ ...LEGACY, folder: legacyFolder }]);
      const dealer = { ...DEALER_MIGRATIONS, folder: dealerFolder };
      await migrateDatabase(database, [...BASELINES.slice(0, 2), dealer]);
      const hashes = await journal(database, DEALER_MIGRATIONS.table);
      expect(hashes).toHaveLength(2);
      expect(hashes[0]).toBe(await baselineHash(database, DEALER_MIGRATIONS));
    } finally {
      await close();
    }
  });

  it('refuse a database the single journal left part-way, naming what is missing', async () => {
    const { database, close } = await open();
    try {
      await migrateDatabase(database, [LEGACY]);
      await database.db.execute(sql`delete from drizzle.__drizzle_migrations where id = 18`);
      await expect(migrateDatabase(database, MIGRATIONS)).rejects.toThrow(/0017_order_drafts/);
      expect(
        await rows(database, sql`select to_regclass('drizzle.__drizzle_migrations_engine')::text as t`),
      ).toEqual([{ t: null }]);
    } finally {
      await close();
    }
  });
});
