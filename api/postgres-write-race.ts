/**
 * A guard against a known postgres.js 3.4.9 defect (porsager/postgres#1154, #1208; fixes proposed in
 * #1168, #1176, #1209, not released): a small write deferred with `setImmediate` may run after the
 * connection closed and call `write` on a null socket. It throws from the immediate, outside any
 * query, so by default it ends the process — on every PostgreSQL restart under load. The query it
 * belonged to has already been rejected with `CONNECTION_CLOSED` (answered 503), so this one error
 * is logged and the process carries on; any other uncaught exception still ends it.
 */
import type { Logger } from './logger.ts';

/** Whether `error` is the null-socket write of postgres.js's deferred `nextWrite`. */
export function isPostgresWriteRace(error: unknown): boolean {
  return (
    error instanceof TypeError &&
    error.message.includes("reading 'write'") &&
    /nextWrite[\s\S]*postgres[\\/]src[\\/]connection\.js|postgres[\\/]src[\\/]connection\.js[\s\S]*nextWrite/.test(
      error.stack ?? '',
    )
  );
}

/**
 * Installs the process's `uncaughtException` handler: the postgres.js write race is logged, anything
 * else is logged as fatal and ends the process with status 1 (what Node does without a handler).
 *
 * @example guardPostgresWriteRace(logger);
 */
export function guardPostgresWriteRace(logger: Logger): void {
  process.on('uncaughtException', (error) => {
    if (isPostgresWriteRace(error)) {
      logger.warn({ err: error }, 'postgres.js wrote to a closed connection (known defect); continuing');
      return;
    }
    logger.fatal({ err: error }, 'uncaught exception');
    process.exit(1);
  });
}
