/**
 * The speed matrix of issue #12 for `npm run bench`: HTTP instance starts and task completions with
 * 1 and 2 server processes (`WORKERS`) at 8 / 32 / 128 clients, p50 / p99, memory per process, each as
 * a ratio to `pgbench -N -c 8` run on the same server just before it, and the embedded
 * database's start time; written as test/bench/RESULTS.md.
 */

import { cpus, loadavg } from 'node:os';
import { defaultDatabasePool } from '../../api/env.ts';
import type { EmbeddedStart } from './embedded-start.ts';
import type { HttpBenchResult } from './http-bench.ts';
import type { PgbenchResult } from './pgbench.ts';

export interface Matrix {
  runs: HttpBenchResult[];
  /** Statements sent to PostgreSQL by one start and one completion (query-count.ts). */
  statements?: { startInstance: number; completeTask: number; completeTaskRead: number };
  /** pgbench -N -c 8 run just before each of `runs`, in the same order. */
  baselines: PgbenchResult[];
  embedded: EmbeddedStart;
  loadAtStart: number[];
  at: string;
}

const f = (n: number | undefined, digits = 0) =>
  n === undefined || Number.isNaN(n) ? '?' : n.toFixed(digits);

/** How the runs reached PostgreSQL (test/bench/transport.ts), e.g. `unix socket /var/run/postgresql`. */
function transports(m: Matrix): string {
  const all = new Set([...m.runs.map((r) => r.transport), ...m.baselines.map((p) => p.transport)]);
  return [...all].join(', ');
}

/** RESULTS.md from a matrix run. */
export function formatResults(m: Matrix): string {
  const rows = m.runs.map((r, i) => {
    const pg = m.baselines[i];
    const ratio = (v: number) => (pg ? f(v / pg.tps, 3) : '?');
    const cpu = r.cpuMsPerCompletion;
    const sc = r.cpuMsPerStart;
    const settings = Object.entries(r.settings ?? {}).map(([name, value]) => `, \`${name}=${value}\``);
    const workers = `${r.workers}${settings.join('')}`;
    const baseline = pg ? `${f(pg.tps)} / ${f(pg.postgresMsPerTx, 3)}` : '?';
    return `| ${workers} | ${r.clients} | ${baseline} | ${f(r.startsPerSec)} | **${ratio(r.startsPerSec)}×** | ${f(r.startLatency.p50, 1)} / ${f(r.startLatency.p99, 1)} | ${f(sc.serverMs, 2)} / ${f(sc.postgresMs, 2)} / ${f(sc.clientMs, 2)} | ${f(r.completionsPerSec)} | **${ratio(r.completionsPerSec)}×** | ${f(r.completionLatency.p50, 1)} / ${f(r.completionLatency.p99, 1)} | ${f(cpu.serverMs, 2)} / ${f(cpu.postgresMs, 2)} / ${f(cpu.clientMs, 2)} | ${r.outboxBacklog.rows} / ${f(r.outboxBacklog.drainMs)} | ${r.serverPeakMb.join(' + ')} | ${r.failed} |`;
  });
  return `# Benchmark results

Written by \`npm run bench\` (test/bench/results.ts) on ${m.at}: node ${process.version}, ${cpus().length} CPUs,
load average at start ${m.loadAtStart.join(' ')} (the machine is shared: read the ratios, measured in the same run,
rather than the rates). PostgreSQL is the local server at \`TEST_DATABASE_URL\`; the HTTP server runs as
\`node --enable-source-maps dist/server/api/main.js\` (compiled, as \`npm start\` runs it) with \`WORKERS\` processes on a fresh demo database; the load generator
(this process, keep-alive raw TCP sockets, test/bench/http-client.ts), after an unmeasured warm-up of the same requests
(${m.runs.map((r) => r.warmedUp).join(' / ')} starts and completions, so V8 has compiled the hot paths as in a server that has been running),
starts instances of a one-task approval flow for a fixed time, then
completes the tasks (\`POST /api/tasks/:id/complete\`) once the outbox has delivered the starts' task-arrival
notifications (their CPU is counted in the starts'). The server and pgbench reach PostgreSQL the same way: ${transports(m)}.

## HTTP against \`pgbench -N -c 8\` (same server, same run)

| workers | clients | pgbench just before: tps / PostgreSQL CPU ms per tx | starts /s | starts ÷ pgbench | start p50 / p99 ms | CPU ms per start: server / PostgreSQL / load generator | completions /s | completions ÷ pgbench | completion p50 / p99 ms | CPU ms per completion: server / PostgreSQL / load generator | notifications behind after the starts / ms to deliver | peak RSS per process MB | failed |
|---|---|---|---|---|---|---|---|---|---|---|---|---|---|
${rows.join('\n')}

Every ratio is to \`pgbench -N -c 8 -T 10\` run just before that row on a database of its own (this machine's
speed drifts by tens of per cent within minutes; 128 pgbench clients would exceed PostgreSQL's default
max_connections on a shared server). Aims (issue #12): completions ≥ 0.3×, starts ≥ 0.2×, with the default
settings: \`DATABASE_POOL\` twice the cores, 4 to 10 (${defaultDatabasePool()} here). The \`DATABASE_POOL=10\` row gives the
server the connections it had before the default followed the cores (docs/operations.md). With 2 workers the RSS column
lists the cluster primary (idle, it only forks) first, then each worker. The CPU columns come from /proc
(user + system) over each phase: the server's process tree, the PostgreSQL backends of the bench database,
and the load generator (reported, not counted as the server's). On a busy machine they are inflated by the
server's background loops (timers, outbox) spread over fewer requests; compare them within one run.
${
  m.statements
    ? `
Statements sent to PostgreSQL (BEGIN / COMMIT included, query-count.ts): ${m.statements.startInstance} per start by hand;
${m.statements.completeTask} per task completion when the process wrote the instance last (engine/store/recent-instances.ts:
the bench's server started every instance it completes), ${m.statements.completeTaskRead} when it must read the instance first
(another process or a restart came between; the \`INSTANCE_CACHE_MB=0\` row).
`
    : ''
}
## Embedded database (PGlite) start, app already built

| | ms | aim |
|---|---|---|
| fresh data directory (migrate, publish the shipped flows, seed the demo) | ${f(m.embedded.freshMs)} | |
| restart on the same directory | ${f(m.embedded.restartMs)} | < 5000 |
`;
}

/** The machine's load now, for the record. */
export const loadNow = () => loadavg().map((l) => Number(l.toFixed(2)));
