/**
 * Resolves the caller from `Authorization: Bearer <token>` or the session cookie and puts the
 * actor on the context. It never rejects: routes declare who may call them (rbac.ts).
 */
import type { MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import type { Db } from '../../engine/store/db.ts';
import type { AppEnv } from '../context.ts';
import { type ActorCache, findActorBySession, hashToken } from './sessions.ts';

/** Name of the HttpOnly session cookie the browser uses. */
export const SESSION_COOKIE = 'dealerflow_session';

/** The token the request carries, Bearer header first. */
export function requestToken(
  authorization: string | undefined,
  cookie: string | undefined,
): string | undefined {
  const match = authorization?.match(/^Bearer\s+(\S{1,512})\s*$/i);
  if (match?.[1]) return match[1];
  return cookie && cookie.length <= 512 ? cookie : undefined;
}

/**
 * @example
 * app.use('/api/*', authenticate(db, new ActorCache()));
 */
export function authenticate(
  db: Db,
  cache: ActorCache,
  clock: () => Date = () => new Date(),
): MiddlewareHandler<AppEnv> {
  return async function authenticateMiddleware(c, next) {
    const bearer = requestToken(c.req.header('authorization'), undefined);
    const token = bearer ?? requestToken(undefined, getCookie(c, SESSION_COOKIE));
    if (token) {
      const tokenHash = hashToken(token);
      const now = clock();
      let session = cache.get(tokenHash, now.getTime());
      if (!session) {
        session = await findActorBySession(db, tokenHash, now);
        if (session) cache.set(tokenHash, session, now.getTime());
      }
      if (session) {
        c.set('actor', session.actor);
        c.set('sessionTokenHash', tokenHash);
        c.set('sessionId', session.sessionId);
        c.set('authVia', bearer ? 'bearer' : 'cookie');
      }
    }
    await next();
  };
}
