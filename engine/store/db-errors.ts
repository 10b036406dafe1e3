/**
 * Driver errors mapped to the error taxonomy, so constraint violations never leak raw (docs/architecture.md "The life of a request").
 * drizzle wraps driver errors (`DrizzleQueryError`) with the original as `cause`; both drivers put
 * the SQLSTATE in `code`.
 */
import { AppError } from '../errors.ts';

/** The SQLSTATE of a driver error, looking through drizzle's wrapper. */
export function sqlState(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

function detailOf(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth++) {
    const { detail, constraint_name, constraint } = current as Record<string, unknown>;
    const text = detail ?? constraint_name ?? constraint;
    if (typeof text === 'string') return text;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** Seconds a client should wait before retrying while the database is away (a restart takes a few). */
export const UNAVAILABLE_RETRY_SECONDS = 2;

/** The 503 of a database that is restarting or unreachable, with its `Retry-After`. */
export function databaseUnavailable(): AppError {
  return new AppError('unavailable', 'Database unavailable, retry shortly', undefined, {
    retryAfterSeconds: UNAVAILABLE_RETRY_SECONDS,
  });
}

/**
 * Turns a database error into an `AppError` when it is a user error: 23505 unique → conflict,
 * 23503 foreign key → invalid, 40001/40P01 (serialization, deadlock) → conflict; a lost connection,
 * an administrator's or crash shutdown, a server starting up or out of connections (08xxx, 57P01–03,
 * 53300) → unavailable with `Retry-After`. Anything else is returned unchanged (a bug, answered 500,
 * or a driver-level outage the edge maps: api/errors.ts).
 */
export function mapDbError(error: unknown): unknown {
  if (error instanceof AppError) return error;
  const code = sqlState(error);
  const detail = detailOf(error);
  const details = detail ? [{ path: '', message: detail }] : undefined;
  switch (code) {
    case '23505':
      return new AppError('conflict', 'Already exists', details);
    case '23503':
      return new AppError('invalid', 'Refers to something that does not exist', details);
    case '40001':
    case '40P01':
      return new AppError('conflict', 'Concurrent update, please retry');
    case '08000':
    case '08001':
    case '08003':
    case '08006':
    case '57P01':
    case '57P02':
    case '57P03':
    case '53300':
      return databaseUnavailable();
    default:
      return error;
  }
}

/** Runs `work`, rethrowing database errors as mapped by `mapDbError`. */
export async function withDbErrors<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw mapDbError(error);
  }
}
