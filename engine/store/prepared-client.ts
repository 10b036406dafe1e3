/**
 * Named (prepared) statements for every parameterised query drizzle sends through postgres.js.
 *
 * drizzle asks postgres.js for an unnamed statement unless a query was given a name. postgres.js
 * sends an unnamed statement with parameters in two round trips (Parse + Describe, wait for the
 * parameter types, then Bind + Execute, no pipelining meanwhile) and PostgreSQL parses and plans it
 * anew each time. A named statement is cached per connection by its text: after the first use it is
 * one round trip, pipelined, without a re-parse. Queries without parameters keep postgres.js's
 * simple protocol: migrations send several commands at once, which a prepared statement cannot hold.
 */
import type postgres from 'postgres';

type Unsafe = postgres.Sql['unsafe'];
type Scope = { unsafe: Unsafe; savepoint?: unknown };
type ScopeCallback = (sql: postgres.TransactionSql) => unknown;

/** Replaces `sql.unsafe` (in place) with one that prepares parameterised statements. */
function prepareParameterised<S extends Scope>(sql: S): S {
  const unsafe = sql.unsafe;
  const prepared: Unsafe = (query, parameters, options) =>
    unsafe(query, parameters, parameters && parameters.length > 0 ? { ...options, prepare: true } : options);
  sql.unsafe = prepared;
  if (typeof sql.savepoint === 'function') wrapSavepoint(sql as S & postgres.TransactionSql);
  return sql;
}

/** Transactions and savepoints hand their callback a scope of their own: prepare in it too. */
function wrapScoped(fn: ScopeCallback): ScopeCallback {
  return (scope) => fn(prepareParameterised(scope));
}

function wrapSavepoint(sql: postgres.TransactionSql): void {
  const savepoint = sql.savepoint.bind(sql) as (...args: unknown[]) => Promise<unknown>;
  const wrapped = (...args: unknown[]) =>
    savepoint(...args.map((a) => (typeof a === 'function' ? wrapScoped(a as ScopeCallback) : a)));
  sql.savepoint = wrapped as postgres.TransactionSql['savepoint'];
}

/**
 * The postgres.js client, changed in place so drizzle's queries (in and out of transactions) use
 * cached named statements.
 *
 * @example
 * const client = preparedClient(postgres(url));
 * const db = drizzle({ client });
 */
export function preparedClient(client: postgres.Sql): postgres.Sql {
  prepareParameterised(client);
  const begin = client.begin.bind(client) as (...args: unknown[]) => Promise<unknown>;
  const wrapped = (...args: unknown[]) =>
    begin(...args.map((a) => (typeof a === 'function' ? wrapScoped(a as ScopeCallback) : a)));
  client.begin = wrapped as postgres.Sql['begin'];
  return client;
}
