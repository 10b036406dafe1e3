/**
 * The composition root, with api/main.ts: the one module outside api/dealer/ that wires the
 * dealership (its application, effects, hooks, reference checkers and routes) into the platform.
 * One serving process: the database opened (and, when `prepare`, migrated and seeded), the workflow
 * service with the dealership's effects, the timer loop, the outbox worker, HTTP on the port, and a
 * graceful shutdown on SIGTERM / SIGINT. Run alone (`WORKERS=1`) or as one of several cluster
 * workers sharing the port (api/cluster.ts), where the primary prepared the database once.
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
import { DEALER_APPLICATION, DEALER_EFFECT_DOCS } from './dealer/application.ts';
import { createDealerEffects } from './dealer/effects.ts';
import { createDealerInstanceHooks } from './dealer/instance-hooks.ts';
import { dealerReferenceCheckers } from './dealer/references.ts';
import { createDealerRoutes } from './dealer/routes/index.ts';
import type { ServerEnv } from './env.ts';
import { sweepOrphanChunks } from './files/file-chunks.ts';
import { usableFiles } from './files/file-repo.ts';
import type { Logger } from './logger.ts';
import { createOutboxChannels } from './outbox/channels.ts';
import { taskOversight } from './rbac.ts';
import { prepareDatabase } from './startup.ts';
import { apiPorts } from './store/ports.ts';

export interface ServeOptions {
  env: ServerEnv;
  logger: Logger;
  /** Migrate and seed before serving (false in cluster workers: the primary did). */
  prepare: boolean;
}

/** Opens the database the settings name (creating the PGlite data directory). */
export function openConfiguredDatabase(env: ServerEnv) {
  if (!env.databaseUrl && !env.dataDir.startsWith('memory://')) mkdirSync(env.dataDir, { recursive: true });
  return openDatabase(
    env.databaseUrl ? { url: env.databaseUrl, maxConnections: env.databasePool } : { dataDir: env.dataDir },
  );
}

function createService(database: Awaited<ReturnType<typeof openDatabase>>, logger: Logger, env: ServerEnv) {
  return new WorkflowService({
    recentInstancesMb: env.instanceCacheMb,
    ports: apiPorts,
    database,
    logger,
    effects: createDealerEffects(),
    hooks: createDealerInstanceHooks(),
    references: { file: usableFiles, ...dealerReferenceCheckers },
    oversight: taskOversight(DEALER_APPLICATION.roles),
  });
}

/**
 * Migrates and seeds the configured database, then closes it: what a cluster primary does once
 * before forking its workers.
 */
export async function prepareConfiguredDatabase(env: ServerEnv, logger: Logger): Promise<void> {
  const database = await openConfiguredDatabase(env);
  try {
    const service = createService(database, logger, env);
    await prepareDatabase({ database, service, demo: env.demo, logger, application: DEALER_APPLICATION });
    await purgeExpiredSessions(database.db, new Date());
    await sweepOrphanChunks(database.db, new Date(Date.now() - 3_600_000));
    await service.stop();
  } finally {
    await database.close();
  }
}

/** Serves until SIGTERM / SIGINT, then shuts down gracefully and exits. */
export async function serveProcess({ env, logger, prepare }: ServeOptions): Promise<void> {
  const database = await openConfiguredDatabase(env);
  const service = createService(database, logger, env);
  if (prepare) {
    await prepareDatabase({ database, service, demo: env.demo, logger, application: DEALER_APPLICATION });
    await purgeExpiredSessions(database.db, new Date());
    await sweepOrphanChunks(database.db, new Date(Date.now() - 3_600_000));
  }
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
    roles: DEALER_APPLICATION.roles,
    effectDocs: DEALER_EFFECT_DOCS,
    bodyLimit: env.bodyLimit,
    fileLimit: env.fileLimit,
    uploadRequestLimit: env.uploadRequestLimit,
    uploadRatePerMinute: env.uploadRatePerMinute,
    sessionTtlHours: env.sessionTtlHours,
  });
  const server = serve({ fetch: app.fetch, port: env.port }, (info) => {
    logger.info(
      { port: info.port, database: database.kind, demo: env.demo, pid: process.pid },
      'Dealerflow listening',
    );
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
}
