/**
 * Gives every request an id (the caller's `X-Request-Id` when it is sane, else a fresh UUID),
 * echoes it in the response, binds a child logger to it and logs the request when it ends.
 */
import { randomUUID } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../context.ts';
import type { Logger } from '../logger.ts';

const SANE_ID = /^[\w.:-]{1,128}$/;

/**
 * @example
 * app.use(requestId(logger));
 */
export function requestId(logger: Logger): MiddlewareHandler<AppEnv> {
  return async function requestIdMiddleware(c, next) {
    const incoming = c.req.header('x-request-id');
    const id = incoming && SANE_ID.test(incoming) ? incoming : randomUUID();
    const child = logger.child({ requestId: id });
    c.set('requestId', id);
    c.set('logger', child);
    const started = performance.now();
    // Set before the answer exists, so it is built with the header: setting it on a finished answer
    // copies that answer (a web Response and a stream of its body) — a tenth of a request's CPU.
    c.header('X-Request-Id', id);
    await next();
    // An answer a handler built itself (not through `c`) did not take the prepared header.
    if (!c.res.headers.has('X-Request-Id')) c.header('X-Request-Id', id);
    const ms = Math.round((performance.now() - started) * 10) / 10;
    const entry = {
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      ms,
      user: c.get('actor')?.username,
    };
    if (c.res.status >= 500) child.error(entry, 'request');
    else child.info(entry, 'request');
  };
}
