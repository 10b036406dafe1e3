/**
 * Contract test for prepared-client.ts, which replaces postgres.js's `sql.unsafe` (and wraps `begin`
 * and `savepoint`) so drizzle's parameterised queries become named statements. It runs on real
 * PostgreSQL with the pinned postgres.js: an upgrade that renames, bypasses or changes those functions
 * fails here, not in production. One connection (`max: 1`) and temporary tables, so the session's
 * `pg_prepared_statements` is the one the queries ran on and nothing outlives the test.
 */
import { and, eq, gte, inArray, isNull, ne, or, sql } from 'drizzle-orm';
import { integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { sqlState } from './db-errors.ts';
import { preparedClient } from './prepared-client.ts';

const URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

const notes = pgTable('contract_notes', {
  id: integer().primaryKey(),
  body: text().notNull(),
  data: jsonb(),
  at: timestamp({ withTimezone: true }),
});

const CREATE = `CREATE TEMP TABLE contract_notes (
  id integer PRIMARY KEY, body text NOT NULL, data jsonb, at timestamptz)`;

function connect(prepared: boolean) {
  const raw = postgres(URL, { max: 1, onnotice: () => {} });
  const client = prepared ? preparedClient(raw) : raw;
  return { client, db: drizzle({ client, casing: 'snake_case' }) };
}

type Connection = ReturnType<typeof connect>;

/** The session's named statements that contain `fragment`, with how often each was executed. */
async function preparedLike(c: Connection, fragment: string) {
  const rows = await c.client.unsafe(
    `SELECT statement, generic_plans + custom_plans AS runs FROM pg_prepared_statements
      WHERE NOT from_sql AND statement LIKE '%${fragment}%'`,
  );
  return rows.map((r) => ({ statement: String(r.statement), runs: Number(r.runs) }));
}

describe.skipIf(process.env.SKIP_POSTGRES === '1')('the prepared postgres.js client on PostgreSQL', () => {
  let c: Connection;
  beforeEach(async () => {
    c = connect(true);
    await c.client.unsafe(CREATE);
  });
  afterEach(() => c.client.end({ timeout: 5 }));

  it('prepares a parameterised drizzle query once per connection and reuses the statement', async () => {
    await c.db.insert(notes).values([
      { id: 1, body: 'a' },
      { id: 2, body: 'b' },
    ]);
    const first = await c.db.select().from(notes).where(eq(notes.id, 1));
    const second = await c.db.select().from(notes).where(eq(notes.id, 2));
    expect([first[0]?.body, second[0]?.body]).toEqual(['a', 'b']);
    expect(await preparedLike(c, 'from "contract_notes" where')).toEqual([
      { statement: expect.stringContaining('"id" = $1'), runs: 2 },
    ]);
  });

  it('prepares inside a transaction and inside a savepoint', async () => {
    await c.db.transaction(async (tx) => {
      await tx.insert(notes).values({ id: 1, body: 'in transaction' });
      await tx.transaction(async (inner) => {
        await inner.update(notes).set({ body: 'in savepoint' }).where(eq(notes.id, 1));
      });
    });
    expect(await preparedLike(c, 'insert into "contract_notes"')).toHaveLength(1);
    expect(await preparedLike(c, 'update "contract_notes"')).toHaveLength(1);
    expect(await c.db.select({ body: notes.body }).from(notes)).toEqual([{ body: 'in savepoint' }]);
  });

  it('keeps a query without parameters on the simple protocol, so one string may hold several commands', async () => {
    await c.db.execute(
      sql.raw("INSERT INTO contract_notes (id, body) VALUES (1, 'x'); DELETE FROM contract_notes"),
    );
    await c.client.unsafe("INSERT INTO contract_notes (id, body) VALUES (2, 'y'); SELECT 1");
    expect(await c.db.select({ id: notes.id }).from(notes)).toEqual([{ id: 2 }]);
  });

  it('rolls back a failed savepoint alone and a failed transaction whole', async () => {
    await c.db.transaction(async (tx) => {
      await tx.insert(notes).values({ id: 1, body: 'kept' });
      await expect(
        tx.transaction(async (inner) => {
          await inner.insert(notes).values({ id: 2, body: 'undone' });
          throw new Error('undo the savepoint');
        }),
      ).rejects.toThrow('undo the savepoint');
    });
    await expect(
      c.db.transaction(async (tx) => {
        await tx.insert(notes).values({ id: 3, body: 'undone' });
        throw new Error('undo the transaction');
      }),
    ).rejects.toThrow('undo the transaction');
    expect(await c.db.select({ id: notes.id }).from(notes)).toEqual([{ id: 1 }]);
  });

  it('passes a constraint violation of a prepared statement through with its SQLSTATE', async () => {
    await c.db.insert(notes).values({ id: 1, body: 'a' });
    const error = await c.db
      .insert(notes)
      .values({ id: 1, body: 'again' })
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(sqlState(error)).toBe('23505');
  });

  it('answers the same values as the unpatched client (json, timestamps, nulls, parameters of each type)', async () => {
    const plain = connect(false);
    try {
      await plain.client.unsafe(CREATE);
      const row = {
        id: 7,
        body: "中文 with 'quotes' and $1",
        data: { amountFen: 12_345_678, tags: ['a', null], nested: { ok: true } },
        at: new Date('2026-03-01T08:00:00.123Z'),
      };
      const read = async ({ db }: Connection) => {
        await db.insert(notes).values(row);
        await db.insert(notes).values({ id: 8, body: 'empty', data: null, at: null });
        return db
          .select()
          .from(notes)
          .where(
            and(
              inArray(notes.id, [7, 8]),
              ne(notes.body, 'nothing'),
              or(isNull(notes.at), gte(notes.at, new Date('2026-01-01T00:00:00Z'))),
            ),
          )
          .orderBy(notes.id);
      };
      const [ours, theirs] = [await read(c), await read(plain)];
      expect(ours).toEqual(theirs);
      expect(ours[0]).toEqual(row);
    } finally {
      await plain.client.end({ timeout: 5 });
    }
  });
});
