/**
 * The server entry: settings from the environment; one serving process (api/serve.ts), or with
 * `WORKERS=n` a cluster primary (api/cluster.ts) whose workers serve.
 */
import cluster from 'node:cluster';
import { runPrimary } from './cluster.ts';
import { loadEnv } from './env.ts';
import { createLogger } from './logger.ts';
import { guardPostgresWriteRace } from './postgres-write-race.ts';
import { serveProcess } from './serve.ts';

const env = loadEnv();
const logger = createLogger({ level: env.logLevel });
guardPostgresWriteRace(logger);

if (env.workers > 1 && cluster.isPrimary) await runPrimary(env, logger);
else await serveProcess({ env, logger, prepare: cluster.isPrimary });
