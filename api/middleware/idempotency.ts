/**
 * `Idempotency-Key` on POSTs (docs/architecture.md): the first request runs and its status and JSON body are
 * kept per user and key, with a hash of method, path and body. A retry with the same key and body
 * gets the stored response again (`Idempotent-Replayed: true`); the same key with another body is
 * 422; a duplicate arriving while the first is still running is 409. 5xx answers are not kept, so
 * the client may retry them.
 *
 * The key row is written before the handler runs and completed after, outside the handler's
 * transaction: a crash in between leaves an in-flight row that a retry takes over once it is stale.
 */
import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { MiddlewareHandler } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { AppError } from '../../engine/errors.ts';
import type { Db } from '../../engine/store/db.ts';
import { idempotencyKeys } from '../../engine/store/schema.ts';
import type { Json } from '../../engine/types.ts';
import type { AppEnv } from '../context.ts';

/** Status code marking a request still in flight. */
const IN_FLIGHT = 0;
const KEY_PATTERN = /^[\x21-\x7e]{1,200}$/;

/** Tuning of the idempotency middleware. */
export interface IdempotencyOptions {
  /** Paths never subject to idempotency (exact match). */
  exclude?: string[];
  /** After this long an in-flight row is considered abandoned (crashed process). Default 60 s. */
  staleMs?: number;
}

function requestHash(method: string, path: string, body: string): string {
  return createHash('sha256').update(`${method}\n${path}\n${body}`).digest('hex');
}

type KeyRow = typeof idempotencyKeys.$inferSelect;

/** Claims the key: true when this request should run, else the row found. */
async function claimKey(
  db: Db,
  row: typeof idempotencyKeys.$inferInsert,
  staleMs: number,
): Promise<true | KeyRow> {
  const inserted = await db
    .insert(idempotencyKeys)
    .values(row)
    .onConflictDoNothing()
    .returning({ key: idempotencyKeys.key });
  if (inserted.length > 0) return true;
  const where = and(eq(idempotencyKeys.userId, row.userId), eq(idempotencyKeys.key, row.key));
  const [existing] = await db.select().from(idempotencyKeys).where(where);
  if (!existing) throw new AppError('conflict', 'A request with this Idempotency-Key just failed; retry');
  const stale = Date.now() - new Date(existing.createdAt).getTime() > staleMs;
  if (existing.statusCode !== IN_FLIGHT || !stale || existing.requestHash !== row.requestHash)
    return existing;
  // Take over an abandoned request; only one retry wins the conditional update.
  const taken = await db
    .update(idempotencyKeys)
    .set({ createdAt: new Date().toISOString() })
    .where(
      and(
        where,
        eq(idempotencyKeys.statusCode, IN_FLIGHT),
        eq(idempotencyKeys.createdAt, existing.createdAt),
      ),
    )
    .returning({ key: idempotencyKeys.key });
  return taken.length > 0 ? true : existing;
}

/**
 * @example
 * app.use('/api/*', idempotency(db, { exclude: ['/api/auth/login'] }));
 */
export function idempotency(db: Db, options: IdempotencyOptions = {}): MiddlewareHandler<AppEnv> {
  const exclude = new Set(options.exclude ?? []);
  const staleMs = options.staleMs ?? 60_000;
  return async function idempotencyMiddleware(c, next) {
    const key = c.req.header('idempotency-key');
    const actor = c.get('actor');
    if (c.req.method !== 'POST' || key === undefined || !actor || exclude.has(c.req.path)) return next();
    if (!KEY_PATTERN.test(key)) {
      throw new AppError('invalid', 'Invalid Idempotency-Key', [
        { path: 'Idempotency-Key', message: 'must be 1 to 200 printable ASCII characters' },
      ]);
    }
    const hash = requestHash(c.req.method, c.req.path, await c.req.text());
    const claim = await claimKey(
      db,
      {
        userId: actor.id,
        key,
        method: c.req.method,
        path: c.req.path,
        requestHash: hash,
        statusCode: IN_FLIGHT,
      },
      staleMs,
    );
    if (claim !== true) return replay(c, claim, hash);

    const where = and(eq(idempotencyKeys.userId, actor.id), eq(idempotencyKeys.key, key));
    try {
      await next();
    } catch (error) {
      await db.delete(idempotencyKeys).where(where);
      throw error;
    }
    if (c.res.status >= 500) {
      await db.delete(idempotencyKeys).where(where);
      return;
    }
    const isJson = c.res.headers.get('content-type')?.includes('json') ?? false;
    const response = isJson ? ((await c.res.clone().json()) as Json) : null;
    await db.update(idempotencyKeys).set({ statusCode: c.res.status, response }).where(where);
  };
}

function replay(c: Parameters<MiddlewareHandler<AppEnv>>[0], row: KeyRow, hash: string): Response {
  if (row.requestHash !== hash) {
    throw new AppError('invalid', 'Idempotency-Key was already used with a different request', [
      { path: 'Idempotency-Key', message: 'reused with a different method, path or body' },
    ]);
  }
  if (row.statusCode === IN_FLIGHT) {
    throw new AppError('conflict', 'A request with this Idempotency-Key is still in progress');
  }
  c.header('Idempotent-Replayed', 'true');
  return c.json(row.response, row.statusCode as ContentfulStatusCode);
}
