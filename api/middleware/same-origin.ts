/**
 * Cross-site request forgery guard: a write (any method but GET / HEAD / OPTIONS) that authenticated
 * with the browser's session cookie must come from this site — its `Origin` names the host the
 * request was sent to (browsers send `Origin` on every such request, same-origin ones included), or,
 * without `Origin`, `Sec-Fetch-Site: same-origin`. Requests with `Authorization: Bearer` are not
 * affected (a forged cross-site request cannot carry the header). A login carrying a foreign `Origin`
 * is refused too, so another site cannot sign a browser into an account of its choosing.
 */
import type { MiddlewareHandler } from 'hono';
import { AppError } from '../../engine/errors.ts';
import type { AppEnv } from '../context.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The `host[:port]` of an Origin header, undefined for `null` or garbage. */
function originHost(origin: string): string | undefined {
  try {
    return new URL(origin).host;
  } catch {
    return undefined;
  }
}

/**
 * @example
 * app.use('/api/*', authenticate(db, cache));
 * app.use('/api/*', sameOriginWrites());
 */
export function sameOriginWrites(): MiddlewareHandler<AppEnv> {
  return async function sameOriginWritesMiddleware(c, next) {
    if (SAFE_METHODS.has(c.req.method)) return next();
    const origin = c.req.header('origin');
    const host = c.req.header('host') ?? new URL(c.req.url).host;
    const foreign = origin !== undefined && originHost(origin) !== host;
    if (c.get('authVia') === 'cookie') {
      const sameSite = origin === undefined ? c.req.header('sec-fetch-site') === 'same-origin' : !foreign;
      if (!sameSite) {
        throw new AppError(
          'forbidden',
          `Cross-origin write refused: a request signed in by the session cookie must come from this site (Origin ${origin ?? 'missing'}, expected http(s)://${host}); other clients send the token as Authorization: Bearer`,
        );
      }
    } else if (foreign && c.req.path === '/api/auth/login') {
      throw new AppError(
        'forbidden',
        `Cross-origin login refused (Origin ${origin}, expected http(s)://${host})`,
      );
    }
    return next();
  };
}
