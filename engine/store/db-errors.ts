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

/**
 * Turns a database error into an `AppError` when it is a user error: 23505 unique → conflict,
 * 23503 foreign key → invalid, 40001/40P01 (serialization, deadlock) → conflict. Anything else is
 * returned unchanged (a bug or an outage, answered 500 / 503 by the edge).
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
      return new AppError('unavailable', 'Database unavailable');
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
