/**
 * The server's pino logger. Request logs carry the request id (see middleware/request-id.ts).
 */
import { type Logger, type LoggerOptions, pino } from 'pino';

export type { Logger };

/**
 * Creates the root logger. Secrets that may travel in headers or bodies are redacted.
 *
 * @example
 * const logger = createLogger({ level: 'info' });
 */
export function createLogger(options: Pick<LoggerOptions, 'level'> = {}): Logger {
  return pino({
    level: options.level ?? 'info',
    base: { service: 'dealerflow-api' },
    redact: ['req.headers.authorization', 'req.headers.cookie', 'password', 'token'],
  });
}

/** A logger that writes nothing, for tests. */
export function createSilentLogger(): Logger {
  return pino({ level: 'silent' });
}
