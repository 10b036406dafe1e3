/**
 * How the benchmark reaches PostgreSQL: through the server's Unix socket when it runs on this machine
 * (as a single-host install would connect), else over TCP — the same way for pgbench and for the
 * HTTP server, so their ratio compares the work and not the transport. A socket saves each statement
 * the loopback TCP stack on both ends.
 */
import { existsSync } from 'node:fs';
import postgres from 'postgres';
import { POSTGRES_URL } from '../reliability/support.ts';

export interface Transport {
  /** `'unix socket <dir>'` or `'tcp <host:port>'`, for the results page. */
  label: string;
  /** `url` (a `postgres://` URL of the same server) as this transport reaches it. */
  url(url: string): string;
  /** pgbench's `-h` value. */
  pgbenchHost: string;
}

/** The transport of this run: the first socket directory of the server at `POSTGRES_URL`, if present here. */
export async function benchTransport(): Promise<Transport> {
  const base = new URL(POSTGRES_URL);
  const tcp: Transport = { label: `tcp ${base.host}`, url: (url) => url, pgbenchHost: base.hostname };
  if (process.env.BENCH_TCP === '1') return tcp;
  const admin = postgres(POSTGRES_URL, { max: 1, onnotice: () => {} });
  try {
    const [row] = await admin<{ dirs: string }[]>`SELECT current_setting('unix_socket_directories') AS dirs`;
    const dir = row?.dirs.split(',')[0]?.trim();
    if (!dir || !existsSync(`${dir}/.s.PGSQL.${base.port || '5432'}`)) return tcp;
    return {
      label: `unix socket ${dir}`,
      // libpq's form, which the server understands too (engine/store/db.ts, postgresTarget).
      url: (url) => {
        const u = new URL(url);
        u.searchParams.set('host', dir);
        u.searchParams.set('port', u.port || '5432');
        return u.toString();
      },
      pgbenchHost: dir,
    };
  } finally {
    await admin.end({ timeout: 1 });
  }
}
