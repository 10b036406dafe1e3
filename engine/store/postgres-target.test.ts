import { existsSync } from 'node:fs';
import postgres from 'postgres';
import { POSTGRES_URL } from '../../test/reliability/support.ts';
import { openDatabase, postgresTarget } from './db.ts';

describe('a PostgreSQL URL', () => {
  it('stays as it is when it names a TCP host', () => {
    expect(postgresTarget('postgres://app:secret@db.example:6432/dealerflow?sslmode=require')).toEqual({
      url: 'postgres://app:secret@db.example:6432/dealerflow?sslmode=require',
    });
    expect(postgresTarget('postgres://app@localhost/dealerflow?host=db.example')).toEqual({
      url: 'postgres://app@localhost/dealerflow?host=db.example',
    });
  });

  it("connects through the Unix socket that libpq's host=<directory> names, on the URL's or the given port", () => {
    expect(postgresTarget('postgres:///dealerflow?host=/var/run/postgresql')).toEqual({
      url: 'postgres:///dealerflow',
      path: '/var/run/postgresql/.s.PGSQL.5432',
    });
    expect(postgresTarget('postgres://app@localhost:5433/dealerflow?host=/tmp/&application_name=x')).toEqual({
      url: 'postgres://app@localhost:5433/dealerflow?application_name=x',
      path: '/tmp/.s.PGSQL.5433',
    });
    expect(postgresTarget('postgres://app@localhost/dealerflow?host=%2Frun%2Fpg&port=6000')).toEqual({
      url: 'postgres://app@localhost/dealerflow',
      path: '/run/pg/.s.PGSQL.6000',
    });
  });
});

describe.skipIf(process.env.SKIP_POSTGRES === '1')('the Unix socket of the test server', () => {
  it('carries the statements of a database opened with host=<directory>', async () => {
    const admin = postgres(POSTGRES_URL, { max: 1, onnotice: () => {} });
    const [setting] = await admin<
      { dirs: string }[]
    >`SELECT current_setting('unix_socket_directories') AS dirs`;
    await admin.end({ timeout: 1 });
    const dir = setting?.dirs.split(',')[0]?.trim();
    if (!dir || !existsSync(dir)) return; // a server on another machine has no socket here
    const url = new URL(POSTGRES_URL);
    const database = await openDatabase({
      url: `postgres://${url.username}${url.password ? `:${url.password}` : ''}@localhost${url.pathname}?host=${encodeURIComponent(dir)}&port=${url.port || '5432'}`,
    });
    try {
      // inet_server_addr() is NULL on a Unix-socket connection, the address on TCP.
      const [row] = await database.sql!<{ addr: string | null }[]>`SELECT inet_server_addr() AS addr`;
      expect(row).toEqual({ addr: null });
    } finally {
      await database.close();
    }
  });
});
