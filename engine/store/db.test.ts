import { eq, sql } from 'drizzle-orm';
import { loadDirectoryUsers } from '../../api/store/directory.ts';
import { stores, userRoles } from '../../api/store/schema.ts';
import { DATABASES, type TestDatabase } from '../../test/fixtures/databases.ts';
import { seedDirectory } from '../../test/fixtures/directory.ts';
import { AppError } from '../errors.ts';
import { mapDbError, withDbErrors } from './db-errors.ts';
import { createDirectory } from './directory-cache.ts';

describe.each(DATABASES)('the database on $name', ({ name, open }) => {
  let t: TestDatabase;

  beforeAll(async () => {
    t = await open();
    await seedDirectory(t.database.db);
  });
  afterAll(() => t?.close());

  it('is already migrated, and migrating again changes nothing', async () => {
    await expect(t.database.migrate()).resolves.toBeUndefined();
    expect((await t.database.db.select().from(stores)).map((s) => s.id).sort()).toEqual(['BJ01', 'SH01']);
  });

  it('maps a unique violation to a conflict', async () => {
    const error = await withDbErrors(() =>
      t.database.db.insert(stores).values({ id: 'BJ01', name: 'dup' }),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'conflict' });
  });

  it('maps a foreign key violation to invalid', async () => {
    const error = await t.database.db
      .insert(userRoles)
      .values({ userId: '00000000-0000-4000-8000-000000000000', role: 'admin' })
      .catch((e: unknown) => mapDbError(e));
    expect(error).toMatchObject({ code: 'invalid' });
  });

  // PGlite runs in process: no round trips to save, and it keeps drizzle's unnamed statements.
  if (name === 'postgres') {
    it('sends parameterised queries as named statements, prepared once per connection', async () => {
      const prepared = await t.database.db.transaction(async (tx) => {
        const probe = { id: stores.id, probe: sql<string>`'prepared-probe'` };
        for (const id of ['BJ01', 'SH01']) await tx.select(probe).from(stores).where(eq(stores.id, id));
        return tx.execute(
          sql`select count(*)::int as n from pg_prepared_statements where statement like '%prepared-probe%'`,
        );
      });
      // On postgres.js the result is the row list itself.
      expect([...(prepared as unknown as { n: number }[])]).toEqual([{ n: 1 }]);
    });
  }

  it('loads the directory with group users counted in every store', async () => {
    const directory = createDirectory(await loadDirectoryUsers(t.database.db));
    expect(directory.usersInRole('sales_manager', 'SH01').map((u) => u.username)).toEqual(['manager_sh']);
    expect(
      directory
        .usersInRole('sales_manager', 'BJ01')
        .map((u) => u.username)
        .sort(),
    ).toEqual(['manager', 'manager2']);
    expect(directory.usersInRole('general_manager', 'BJ01').map((u) => u.username)).toEqual(['gm']);
    expect(directory.userByUsername('finance')?.roles).toEqual(['finance']);
  });
});

describe('mapDbError', () => {
  it('passes errors that are not constraint violations through unchanged', () => {
    const error = new Error('boom');
    expect(mapDbError(error)).toBe(error);
  });
});
