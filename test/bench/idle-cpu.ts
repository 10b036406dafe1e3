/**
 * `tsx test/bench/idle-cpu.ts [seconds]`: the compiled server's own CPU per second while nobody calls
 * it (timer loop, outbox loop, pools) on a fresh demo database — the fixed cost the background loops
 * add to every second of a benchmark, read from /proc (Linux).
 */
import { readFileSync } from 'node:fs';
import { startServerProcess } from '../fixtures/server-process.ts';
import { createScratchDatabase } from '../reliability/support.ts';

const seconds = Number(process.argv[2] ?? 20);
const database = await createScratchDatabase('dealerflow_bench_idle');
try {
  const server = await startServerProcess(
    { DATABASE_URL: database.url, DEMO: '1', LOG_LEVEL: 'warn', WORKERS: '1' },
    { compiled: true, readyTimeoutMs: 300_000 },
  );
  try {
    // utime + stime of the process, in clock ticks (100 a second on Linux).
    const ticks = () => {
      const fields = readFileSync(`/proc/${server.child.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      return Number(fields[11]) + Number(fields[12]);
    };
    await new Promise((r) => setTimeout(r, 5_000)); // past the start-up work
    const t0 = ticks();
    const w0 = performance.now();
    await new Promise((r) => setTimeout(r, seconds * 1_000));
    const ms = (ticks() - t0) * 10;
    console.log(`idle server CPU ms per second: ${(ms / ((performance.now() - w0) / 1_000)).toFixed(2)}`);
  } finally {
    await server.stop();
  }
} finally {
  await database.drop();
}
