/**
 * `Connection: close` on an error answered before the request body was read to its end (a 413 on
 * the Content-Length, a 429, a refusal mid-upload). Kept alive, the connection would carry the rest
 * of that body into the next request's place; closed, the client opens a fresh one.
 */
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../context.ts';

function hasBody(headers: Headers): boolean {
  const length = headers.get('content-length');
  return (length !== null && length !== '0') || headers.has('transfer-encoding');
}

/**
 * Closes the connection after an error answer whose request body may be partly unread: a 413 (unless
 * the route says it drained the body), and any error to a request whose body was never touched.
 *
 * @example app.use('*', closeUnreadBodies());
 */
export function closeUnreadBodies(): MiddlewareHandler<AppEnv> {
  return async function closeUnreadBody(c, next) {
    await next();
    if (c.res.status < 400 || !hasBody(c.req.raw.headers)) return;
    const partlyRead = c.res.status === 413 && !c.get('bodyDrained');
    if (partlyRead || !c.req.raw.bodyUsed) c.header('connection', 'close');
  };
}
