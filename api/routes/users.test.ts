import { DATABASES, type TestDatabase } from '../../test/fixtures/databases.ts';
import { createTestApp, type TestApp } from '../test-support.ts';

interface User {
  id: string;
  username: string;
  displayName: string;
  storeId: string | null;
}

describe.each(DATABASES)('user picker search on $name', ({ open }) => {
  let db: TestDatabase;
  let t: TestApp;

  beforeAll(async () => {
    db = await open();
    t = await createTestApp(db);
  });
  afterAll(() => db.close());

  async function users(query: string, as = 'consultant'): Promise<User[]> {
    const res = await t.call('GET', `/api/users${query}`, { as });
    expect(res.status).toBe(200);
    return ((await res.json()) as { items: User[] }).items;
  }

  it('finds users by part of the display name or username, case-insensitively', async () => {
    expect((await users(`?q=${encodeURIComponent('王')}`)).map((u) => u.username)).toEqual(['manager']);
    expect((await users('?q=CONSULTANT')).map((u) => u.username)).toEqual([
      'consultant',
      'consultant2',
      'consultant_sh',
    ]);
  });

  it('treats LIKE wildcards in the search as plain characters', async () => {
    expect(await users('?q=%25')).toEqual([]);
    expect((await users('?q=_sh')).map((u) => u.username)).toEqual(['consultant_sh', 'manager_sh']);
  });

  it('resolves the ids a picker holds, within a store and up to a limit', async () => {
    const all = await users('');
    const [a, b] = all;
    expect((await users(`?ids=${a!.id},${b!.id}`)).map((u) => u.id).sort()).toEqual([a!.id, b!.id].sort());
    expect((await users('?storeId=SH01')).every((u) => u.storeId === 'SH01')).toBe(true);
    expect(await users('?limit=2')).toHaveLength(2);
  });

  it('answers 422 for ids that are not UUIDs', async () => {
    const res = await t.call('GET', '/api/users?ids=nope', { as: 'consultant' });
    expect(res.status).toBe(422);
  });

  it('answers 401 without a login', async () => {
    expect((await t.call('GET', '/api/users?q=a')).status).toBe(401);
  });
});
