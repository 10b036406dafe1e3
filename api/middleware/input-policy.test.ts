import { DATABASES, type TestDatabase } from '../../test/fixtures/databases.ts';
import { createTestApp, TEST_WORKFLOW, type TestApp } from '../test-support.ts';
import { inputProblem } from './input-policy.ts';

interface ErrorBody {
  error: { code: string; message: string; details?: { path: string; message: string }[] };
}

function nested(depth: number): unknown {
  let value: unknown = 'leaf';
  for (let i = 0; i < depth; i++) value = { a: value };
  return value;
}

describe('inputProblem', () => {
  it('names the JSON pointer of the first value PostgreSQL would refuse', () => {
    expect(inputProblem({ customer: { 'na/me': ['ok', 'x\u0000y'] } })?.path).toBe('/customer/na~1me/1');
    expect(inputProblem({ 'k\u0000': 1 })?.path).toBe('/k\u0000');
  });

  it('refuses dates PostgreSQL would refuse or misread, and keeps real ones', () => {
    for (const bad of [
      '0000-01-01',
      '-000001-01-01',
      '+275760-09-13T00:00:00Z',
      '2026-13-01',
      '2026-02-30',
    ]) {
      expect(inputProblem({ at: bad })?.path, bad).toBe('/at');
    }
    for (const good of [
      '2026-12-05',
      '2028-02-29',
      '2026-12-05T08:30:00.000Z',
      '2026-12-05 08:30',
      '备注 0000-01-01',
    ]) {
      expect(inputProblem({ at: good }), good).toBeNull();
    }
  });

  it('bounds depth, string length and array length', () => {
    expect(inputProblem(nested(31))).toBeNull();
    expect(inputProblem(nested(40))?.message).toMatch(/deeper than 32/);
    expect(inputProblem({ s: 'x'.repeat(200_001) })).toEqual({
      path: '/s',
      message: 'longer than 200000 characters',
    });
    expect(inputProblem({ list: Array.from({ length: 5_001 }, () => 1) })?.path).toBe('/list');
  });
});

describe.each(DATABASES)('input policy at the edge on $name', ({ open }) => {
  let db: TestDatabase;
  let t: TestApp;

  beforeAll(async () => {
    db = await open();
    t = await createTestApp(db);
  });
  afterAll(() => db.close());

  async function refused(res: Response): Promise<ErrorBody['error']> {
    expect(res.status).toBe(422);
    const body = (await res.json()) as ErrorBody;
    expect(body.error.code).toBe('invalid');
    return body.error;
  }

  it('refuses a NUL character in the unauthenticated login with 422 and its path', async () => {
    const error = await refused(
      await t.call('POST', '/api/auth/login', { body: { username: 'man\u0000ager', password: 'x' } }),
    );
    expect(error.details).toEqual([{ path: '/username', message: 'contains a NUL character (\\u0000)' }]);
  });

  it('refuses a NUL character in a query parameter', async () => {
    const error = await refused(await t.call('GET', '/api/users?q=a%00b', { as: 'manager' }));
    expect(error.details?.[0]?.path).toBe('/query/q');
  });

  it('refuses instance input nested 2,000 levels deep before it is stored', async () => {
    await t.call('PUT', `/api/workflows/${TEST_WORKFLOW.key}/draft`, { as: 'admin', body: TEST_WORKFLOW });
    await t.call('POST', `/api/workflows/${TEST_WORKFLOW.key}/publish`, { as: 'admin', body: {} });
    const res = await t.call('POST', '/api/instances', {
      as: 'manager',
      body: { workflowKey: TEST_WORKFLOW.key, input: nested(2_000) },
    });
    expect((await refused(res)).details?.[0]?.message).toMatch(/deeper than 32 levels/);
    const list = await t.call('GET', '/api/instances?startedBy=me', { as: 'manager' });
    expect(((await list.json()) as { total: number }).total).toBe(0);
  });

  it('refuses a year-0 date in a query with the parameter as path', async () => {
    const error = await refused(await t.call('GET', '/api/instances?dateFrom=0000-01-01', { as: 'manager' }));
    expect(error.details?.[0]?.path).toBe('/query/dateFrom');
  });

  it('lets ordinary JSON through to the route', async () => {
    const res = await t.call('POST', '/api/auth/login', {
      body: { username: 'manager', password: 'dealerflow' },
    });
    expect(res.status).toBe(200);
  });
});
