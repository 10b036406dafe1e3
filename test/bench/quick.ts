/**
 * `tsx test/bench/quick.ts [workers] [clients]`: one HTTP run (CPU per completion and start) and the
 * statement counts, without the rest of `npm run bench` — for judging a change on a busy machine.
 * `BENCH_PROFILE=1` CPU-profiles the server and prints its hottest functions.
 */
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hotspots } from './hotspots.ts';
import { runHttpBench } from './http-bench.ts';
import { countQueries } from './query-count.ts';

const PROFILE_DIR = join(tmpdir(), 'dealerflow-quick-profiles');
const profile = process.env.BENCH_PROFILE === '1';
const workers = Number(process.argv[2] ?? 1);
const clients = Number(process.argv[3] ?? 8);

const queries = await countQueries();
console.log(
  `statements: start ${queries.startInstance}, completion ${queries.completeTask} (${queries.completeTaskRead} reading the instance)`,
);
console.log('start:');
for (const s of queries.startStatements) console.log(`  ${s}`);
console.log('completion:');
for (const s of queries.completeStatements) console.log(`  ${s}`);
if (profile) {
  rmSync(PROFILE_DIR, { recursive: true, force: true });
  mkdirSync(PROFILE_DIR, { recursive: true });
}
const r = await runHttpBench({
  clients,
  workers,
  createSeconds: 5,
  ...(profile ? { nodeArgs: ['--cpu-prof', '--cpu-prof-dir', PROFILE_DIR] } : {}),
});
const c = r.cpuMsPerCompletion;
console.log(
  `${r.transport}; notifications behind after the starts: ${r.outboxBacklog.rows}, delivered in ${r.outboxBacklog.drainMs.toFixed(0)} ms`,
);
console.log(
  `starts ${r.startsPerSec.toFixed(0)}/s (CPU ms per start server/PG: ${r.cpuMsPerStart?.serverMs?.toFixed(2)} / ${r.cpuMsPerStart?.postgresMs?.toFixed(2)}), completions ${r.completionsPerSec.toFixed(0)}/s, failed ${r.failed}`,
);
console.log(
  `CPU ms per completion server / PG / client: ${c.serverMs?.toFixed(2)} / ${c.postgresMs?.toFixed(2)} / ${c.clientMs?.toFixed(2)}; p50/p99 ${r.completionLatency.p50.toFixed(1)}/${r.completionLatency.p99.toFixed(1)} ms; RSS ${r.serverPeakMb.map((m) => m.toFixed(0)).join(' + ')} MB`,
);
if (profile) {
  const file = readdirSync(PROFILE_DIR).find((f) => f.endsWith('.cpuprofile'));
  if (file) {
    const { functions, packages, busyPercent } = hotspots(join(PROFILE_DIR, file), 25, r.seconds);
    console.log(`busy ${busyPercent.toFixed(0)}%`);
    for (const p of packages) console.log(`  ${p.percent.toFixed(1).padStart(5)}%  ${p.name}`);
    for (const f of functions) console.log(`  ${f.percent.toFixed(1).padStart(5)}%  ${f.name}`);
  }
}
