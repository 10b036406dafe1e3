/**
 * The server process: settings from the environment, database opened and migrated, demo data when
 * DEMO, the workflow service with the dealership's effects, the timer loop, the outbox worker, HTTP on PORT, and a
 * graceful shutdown on SIGTERM / SIGINT.
 */
import { mkdirSync } from 'node:fs';
import { Server as HttpServer } from 'node:http';
import { serve } from '@hono/node-server';
import { openDatabase } from '../engine/store/db.ts';
import { OutboxWorker } from '../engine/store/outbox-worker.ts';
import { WorkflowService } from '../engine/store/service.ts';
import { TaskEvents } from '../engine/store/task-events.ts';
import { createApp } from './app.ts';
import { purgeExpiredSessions } from './auth/sessions.ts';
import { createDealerEffects } from './dealer/effects.ts';
import { createDealerInstanceHooks } from './dealer/instance-hooks.ts';
import { dealerReferenceCheckers } from './dealer/references.ts';
import { createDealerRoutes } from './dealer/routes/index.ts';
import { loadEnv } from './env.ts';
import { sweepOrphanChunks } from './files/file-chunks.ts';
import { usableFiles } from './files/file-repo.ts';
import { createLogger } from './logger.ts';
import { createOutboxChannels } from './outbox/channels.ts';
import { guardPostgresWriteRace } from './postgres-write-race.ts';
import { prepareDatabase } from './startup.ts';

const env = loadEnv();
const logger = createLogger({ level: env.logLevel });
guardPostgresWriteRace(logger);

if (!env.databaseUrl && !env.dataDir.startsWith('memory://')) mkdirSync(env.dataDir, { recursive: true });
const database = await openDatabase(env.databaseUrl ? { url: env.databaseUrl } : { dataDir: env.dataDir });
const service = new WorkflowService({
  database,
  logger,
  effects: createDealerEffects(),
  hooks: createDealerInstanceHooks(),
  references: { file: usableFiles, ...dealerReferenceCheckers },
});
await prepareDatabase({ database, service, demo: env.demo, logger });
await purgeExpiredSessions(database.db, new Date());
await sweepOrphanChunks(database.db, new Date(Date.now() - 3_600_000));
service.startTimerLoop(env.timerIntervalMs);
const outboxWorker = new OutboxWorker({
  database,
  logger,
  channels: createOutboxChannels(env.outbox, logger),
  maxAttempts: env.outboxMaxAttempts,
});
const outboxLoop = env.outboxIntervalMs > 0 ? outboxWorker.start(env.outboxIntervalMs) : undefined;
const taskEvents = new TaskEvents(database, { logger });

const app = createApp({
  service,
  database,
  logger,
  taskEvents,
  dealer: createDealerRoutes({ database, service }),
  bodyLimit: env.bodyLimit,
  fileLimit: env.fileLimit,
  uploadRequestLimit: env.uploadRequestLimit,
  uploadRatePerMinute: env.uploadRatePerMinute,
  sessionTtlHours: env.sessionTtlHours,
});
const server = serve({ fetch: app.fetch, port: env.port }, (info) => {
  logger.info({ port: info.port, database: database.kind, demo: env.demo }, 'Dealerflow listening');
});
// Node closes idle keep-alive sockets after 5 s; a client reusing one at that moment gets
// ECONNRESET. Idle sockets live longer than any proxy's or browser's reuse window would race them.
if (server instanceof HttpServer) {
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
}

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'shutting down');
  // A stuck connection must not keep the process alive forever.
  const force = setTimeout(() => process.exit(1), 10_000);
  force.unref();
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  // Ends the open event streams, which would otherwise hold close() open until the force timer.
  await taskEvents.stop();
  // Idle keep-alive sockets would hold close() open until the force timer.
  if ('closeIdleConnections' in server) server.closeIdleConnections();
  await closed;
  await outboxLoop?.stop();
  await service.stop();
  await database.close();
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
