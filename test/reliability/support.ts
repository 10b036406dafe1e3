/**
 * Helpers shared by the reliability suites and the benchmark: scratch PostgreSQL databases the server
 * process migrates itself, and a small JSON-over-HTTP client that talks to a real socket (fetch keeps
 * connections alive and opens more for concurrent requests).
 */
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import type { WorkflowDefinition } from '../../engine/types.ts';

const DEFAULT_URL = 'postgres://postgres@127.0.0.1:5432/test';

/** The PostgreSQL server the suites use (`TEST_DATABASE_URL`, else the local default). */
export const POSTGRES_URL = process.env.TEST_DATABASE_URL ?? DEFAULT_URL;

/** `url` with its database name replaced. */
export function withDatabaseName(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

export interface ScratchDatabase {
  name: string;
  url: string;
  /** A small pool on the database, for test setup and assertions. */
  sql: postgres.Sql;
  /** Closes the pool and drops the database (terminating any connection still open). */
  drop(): Promise<void>;
}

/**
 * Creates an empty database (no migrations: the server process runs them). `name` defaults to a
 * unique `dealerflow_r_<pid>_<hex>`; a given name is dropped first if it exists.
 */
export async function createScratchDatabase(name?: string): Promise<ScratchDatabase> {
  const dbName = name ?? `dealerflow_r_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = postgres(withDatabaseName(POSTGRES_URL, 'postgres'), { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
    await admin.unsafe(`CREATE DATABASE "${dbName}"`);
  } catch (error) {
    await admin.end({ timeout: 1 });
    throw new Error(`PostgreSQL at ${POSTGRES_URL} is unreachable or refused: ${String(error)}`);
  }
  const url = withDatabaseName(POSTGRES_URL, dbName);
  const sql = postgres(url, { max: 4, onnotice: () => {} });
  return {
    name: dbName,
    url,
    sql,
    async drop() {
      await sql.end({ timeout: 1 });
      await admin.unsafe(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
      await admin.end({ timeout: 1 });
    },
  };
}

/** A response's status and parsed JSON body (undefined when the body is not JSON). */
export interface JsonResponse {
  status: number;
  body: unknown;
  headers: Headers;
}

export interface ApiClient {
  baseUrl: string;
  token: string;
  /** Sends a JSON request with the bearer token; never throws on an HTTP error status. */
  call(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<JsonResponse>;
}

/** Logs in `username` (password `dealerflow`) against a running server. */
export async function login(baseUrl: string, username: string, password = 'dealerflow'): Promise<ApiClient> {
  const res = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  const { token } = (await res.json()) as { token: string };
  return {
    baseUrl,
    token,
    async call(method, path, body, headers = {}) {
      const all: Record<string, string> = { authorization: `Bearer ${token}`, ...headers };
      if (body !== undefined) all['content-type'] = 'application/json';
      const response = await fetch(`${baseUrl}${path}`, {
        method,
        headers: all,
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
      const text = await response.text();
      let parsed: unknown;
      try {
        parsed = text === '' ? undefined : JSON.parse(text);
      } catch {
        parsed = text;
      }
      return { status: response.status, body: parsed, headers: response.headers };
    },
  };
}

/** Fails with the response when its status is not `expected`; returns the body. */
export function expectStatus(res: JsonResponse, expected: number, what: string): unknown {
  if (res.status !== expected) {
    throw new Error(`${what}: expected ${expected}, got ${res.status} ${JSON.stringify(res.body)}`);
  }
  return res.body;
}

/** Saves `definition` as a draft and publishes it, as the given (admin) client. */
export async function publishFlow(admin: ApiClient, definition: WorkflowDefinition): Promise<void> {
  expectStatus(await admin.call('PUT', `/api/workflows/${definition.key}/draft`, definition), 200, 'draft');
  expectStatus(await admin.call('POST', `/api/workflows/${definition.key}/publish`), 200, 'publish');
}

/** The fields of an instance view the suites read. */
export interface InstanceBody {
  id: string;
  status: string;
  state: unknown;
  revision: number;
  tasks: { id: string; status: string; name: string; state: string }[];
  history: { seq: number; action: string }[];
}

/** Starts an instance and returns its view (201 expected). */
export async function startInstance(
  client: ApiClient,
  workflowKey: string,
  input: Record<string, unknown> = {},
): Promise<InstanceBody> {
  return expectStatus(
    await client.call('POST', '/api/instances', { workflowKey, input }),
    201,
    'start instance',
  ) as InstanceBody;
}

/** Runs `work` on `items` with at most `limit` in flight at once. */
export async function mapConcurrent<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index] as T, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
