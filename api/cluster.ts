/**
 * `WORKERS=n` (n > 1, PostgreSQL only): this primary process prepares the database once, then forks
 * n workers that share the port (node:cluster hands connections out round-robin). Each worker is
 * stateless on PostgreSQL — timers and the outbox are claimed with SKIP LOCKED, live events cross
 * processes by LISTEN/NOTIFY (docs/operations.md "Several processes"). A worker that dies is
 * replaced; SIGTERM / SIGINT stop the workers gracefully, then the primary.
 */
import cluster, { type Worker } from 'node:cluster';
import type { ServerEnv } from './env.ts';
import type { Logger } from './logger.ts';
import { prepareConfiguredDatabase } from './serve.ts';

/** Waits at most this long for the workers' graceful exits (each forces its own exit after 10 s). */
const STOP_GRACE_MS = 15_000;

/**
 * Runs the primary: prepare, fork `env.workers` workers, keep them running until a signal.
 *
 * @example
 * if (cluster.isPrimary && env.workers > 1) await runPrimary(env, logger);
 */
export async function runPrimary(env: ServerEnv, logger: Logger): Promise<void> {
  await prepareConfiguredDatabase(env, logger);
  let stopping = false;
  const fork = (): Worker => cluster.fork();
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) return;
    logger.error({ pid: worker.process.pid, code, signal }, 'worker died; starting another');
    fork();
  });
  for (let i = 0; i < env.workers; i++) fork();
  logger.info({ workers: env.workers, port: env.port }, 'Dealerflow cluster started');

  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    const workers = Object.values(cluster.workers ?? {}).filter((w): w is Worker => w !== undefined);
    const exits = workers.map((w) => new Promise<void>((resolve) => w.once('exit', () => resolve())));
    for (const w of workers) w.process.kill(signal);
    const force = setTimeout(() => process.exit(1), STOP_GRACE_MS);
    force.unref();
    await Promise.all(exits);
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}
