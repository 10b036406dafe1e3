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

/** A field of the driver error (postgres.js: `constraint_name`; PGlite: `constraint`), looking through drizzle's wrapper. */
function fieldOf(error: unknown, ...names: string[]): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth++) {
    for (const name of names) {
      const value = (current as Record<string, unknown>)[name];
      if (typeof value === 'string' && value !== '') return value;
    }
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

const camel = (column: string) => column.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
const pointer = (column: string | undefined) =>
  column ? `/${camel(column).replaceAll('~', '~0').replaceAll('/', '~1')}` : '';

/** The columns named in a constraint's detail: `Key (store_id, vin)=(…) already exists.` → `['store_id', 'vin']`. */
function keyColumns(detail: string | undefined): string[] {
  const match = detail ? /^Key \(([^)]*)\)=/.exec(detail) : null;
  return match?.[1] ? match[1].split(',').map((c) => c.trim().replace(/^"|"$/g, '')) : [];
}

/** A check constraint's column, read from its conventional name `<table>_<column>_check`. */
function checkColumn(error: unknown): string | undefined {
  const constraint = fieldOf(error, 'constraint_name', 'constraint');
  const table = fieldOf(error, 'table_name', 'table');
  const match = constraint && /^(.*)_check\d*$/.exec(constraint);
  if (!match?.[1]) return undefined;
  return table && match[1].startsWith(`${table}_`) ? match[1].slice(table.length + 1) : undefined;
}

/**
 * A constraint violation as a message and a JSON-pointer path to the field, never the database's
 * own text (which quotes the values and names tables): the field is the key's last column, so a
 * unique `(store_id, vin)` answers at `/vin`.
 */
function constraintError(code: string, error: unknown): AppError | undefined {
  const detail = fieldOf(error, 'detail');
  const columns = keyColumns(detail);
  const column = columns.at(-1);
  const field = column ? camel(column) : undefined;
  const at = (message: string) => [{ path: pointer(column), message }];
  switch (code) {
    case '23505':
      return new AppError(
        'conflict',
        field ? `${field} already exists` : 'Already exists',
        at('already exists'),
      );
    case '23503':
      // Deleting a row others point to, or pointing at a row that is not there.
      if (detail?.includes('still referenced'))
        return new AppError('conflict', 'Still in use by other records', [{ path: '', message: 'in use' }]);
      return new AppError(
        'invalid',
        field ? `${field} refers to nothing that exists` : 'Refers to something that does not exist',
        at('does not exist'),
      );
    case '23502': {
      const required = fieldOf(error, 'column_name', 'column');
      return new AppError('invalid', required ? `${camel(required)} is required` : 'A value is required', [
        { path: pointer(required), message: 'required' },
      ]);
    }
    case '23514': {
      const checked = checkColumn(error);
      return new AppError(
        'invalid',
        checked ? `${camel(checked)} is out of range` : 'A value is out of range',
        [{ path: pointer(checked), message: 'out of range' }],
      );
    }
    default:
      return undefined;
  }
}

/**
 * Turns a database error into an `AppError` when it is a user error: 23505 unique → conflict at the
 * key's field, 23503 foreign key → invalid (or conflict when deleting a row still in use), 23502
 * not-null and 23514 check → invalid at the field, 40001/40P01 (serialization, deadlock) →
 * conflict; a lost connection, an administrator's or crash shutdown, a server starting up or out of
 * connections (08xxx, 57P01–03, 53300) → unavailable with `Retry-After`. Anything else is returned
 * unchanged (a bug, answered 500, or a driver-level outage the edge maps: api/errors.ts).
 *
 * @example
 * mapDbError(uniqueViolationOnVin); // AppError('conflict', 'vin already exists', [{ path: '/vin', message: 'already exists' }])
 */
export function mapDbError(error: unknown): unknown {
  if (error instanceof AppError) return error;
  const code = sqlState(error);
  if (!code) return error;
  const constraint = constraintError(code, error);
  if (constraint) return constraint;
  switch (code) {
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
