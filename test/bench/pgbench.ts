/**
 * The yardstick (ROADMAP "Scale and proof"): `pgbench -N -c 8 -T 15` on the same PostgreSQL server,
 * on a separate database initialised with `pgbench -i` first and dropped afterwards.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { createScratchDatabase, POSTGRES_URL } from '../reliability/support.ts';
import { startCpuMeter } from './cpu-meter.ts';
import { benchTransport } from './transport.ts';

const run = promisify(execFile);

export interface PgbenchResult {
  clients: number;
  seconds: number;
  tps: number;
  /** CPU ms of the database's backends per transaction (undefined off Linux). */
  postgresMsPerTx: number | undefined;
  /** How pgbench reached the server (test/bench/transport.ts). */
  transport: string;
}

/** Connection flags for pgbench from a postgres:// URL. */
function connectionArgs(url: string, host: string): string[] {
  const u = new URL(url);
  const args = ['-h', host, '-p', u.port || '5432'];
  if (u.username) args.push('-U', decodeURIComponent(u.username));
  return args;
}

/** Extracts `tps = N (without initial connection time)` (older versions: `excluding connections`). */
export function parseTps(output: string): number {
  const match =
    /tps = ([\d.]+) \((?:without initial connection time|excluding connections establishing)\)/.exec(
      output,
    ) ?? /tps = ([\d.]+)/.exec(output);
  if (!match?.[1]) throw new Error(`no tps in pgbench output:\n${output}`);
  return Number(match[1]);
}

/** Runs pgbench's TPC-B-like script without branch/teller updates (`-N`). */
export async function runPgbench(clients = 8, seconds = 15): Promise<PgbenchResult> {
  const transport = await benchTransport();
  const database = await createScratchDatabase('dealerflow_pgbench');
  const env = { ...process.env, PGPASSWORD: decodeURIComponent(new URL(POSTGRES_URL).password) };
  const conn = connectionArgs(POSTGRES_URL, transport.pgbenchHost);
  try {
    await run('pgbench', ['-i', '-q', ...conn, database.name], { env });
    const meter = startCpuMeter(undefined, database.name);
    const { stdout, stderr } = await run(
      'pgbench',
      ['-N', '-c', String(clients), '-T', String(seconds), ...conn, database.name],
      { env, timeout: (seconds + 60) * 1000 },
    );
    const tps = parseTps(`${stdout}\n${stderr}`);
    const { postgresMs } = meter.stop();
    const postgresMsPerTx = postgresMs === undefined ? undefined : postgresMs / (tps * seconds);
    return { clients, seconds, tps, postgresMsPerTx, transport: transport.label };
  } finally {
    await database.drop();
  }
}
