/**
 * Every kind of constraint violation reaches a client over HTTP as a status, a message and a
 * JSON-pointer path, never the database's own text (`Key (vin)=(…) already exists.`), on both drivers.
 */

import { sql } from 'drizzle-orm';
import { Hono } from 'hono';
import { DATABASES, type TestDatabase } from '../test/fixtures/databases.ts';
import type { AppEnv } from './context.ts';
import { type ErrorBody, handleError } from './errors.ts';

const SECRET_VIN = 'LFV2A21KXP3000123';

describe.each(DATABASES)('database constraints over HTTP on $name', ({ open }) => {
  let t: TestDatabase;
  const app = new Hono<AppEnv>();
  app.onError(handleError);

  beforeAll(async () => {
    t = await open();
    const { db } = t.database;
    await db.execute(sql`CREATE TABLE probe_parent (id int PRIMARY KEY)`);
    await db.execute(sql`CREATE TABLE probe_vehicle (
      id serial PRIMARY KEY,
      store_id text NOT NULL,
      vin text NOT NULL,
      parent_id int REFERENCES probe_parent (id),
      list_price int NOT NULL CONSTRAINT probe_vehicle_list_price_check CHECK (list_price >= 0),
      UNIQUE (store_id, vin)
    )`);
    await db.execute(sql`INSERT INTO probe_parent (id) VALUES (1)`);
    await db.execute(
      sql`INSERT INTO probe_vehicle (store_id, vin, parent_id, list_price) VALUES ('BJ01', ${SECRET_VIN}, 1, 100)`,
    );
    const statements: Record<string, ReturnType<typeof sql>> = {
      unique: sql`INSERT INTO probe_vehicle (store_id, vin, list_price) VALUES ('BJ01', ${SECRET_VIN}, 1)`,
      foreignKey: sql`INSERT INTO probe_vehicle (store_id, vin, parent_id, list_price) VALUES ('BJ01', 'X', 99, 1)`,
      stillReferenced: sql`DELETE FROM probe_parent WHERE id = 1`,
      notNull: sql`INSERT INTO probe_vehicle (store_id, vin, list_price) VALUES ('BJ01', 'Y', NULL)`,
      check: sql`INSERT INTO probe_vehicle (store_id, vin, list_price) VALUES ('BJ01', 'Z', -5)`,
    };
    app.post('/probe/:kind', async (c) => {
      const statement = statements[c.req.param('kind')];
      if (!statement) return c.notFound();
      await t.database.db.execute(statement);
      return c.json({ ok: true }, 200);
    });
  });
  afterAll(() => t?.close());

  it.each([
    ['unique', 409, 'conflict', '/vin', 'vin already exists'],
    ['foreignKey', 422, 'invalid', '/parentId', 'parentId refers to nothing that exists'],
    ['stillReferenced', 409, 'conflict', '', 'Still in use by other records'],
    ['notNull', 422, 'invalid', '/listPrice', 'listPrice is required'],
    ['check', 422, 'invalid', '/listPrice', 'listPrice is out of range'],
  ])(
    'answers a %s violation with %i, a message and the field path',
    async (kind, status, code, path, message) => {
      const res = await app.request(`/probe/${kind}`, { method: 'POST' });
      expect(res.status).toBe(status);
      const text = await res.text();
      const body = JSON.parse(text) as ErrorBody;
      expect(body.error).toMatchObject({ code, message, details: [{ path }] });
      // Nothing of the database's own wording, values or table names.
      expect(text).not.toMatch(/Key \(|probe_|violates|SECRET|LFV2A21KXP3000123|null value/);
    },
  );
});
