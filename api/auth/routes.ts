/**
 * `/api/auth`: login (token + HttpOnly cookie), logout, and who am I.
 */
import { getConnInfo } from '@hono/node-server/conninfo';
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import { AppError } from '../../engine/errors.ts';
import type { Db } from '../../engine/store/db.ts';
import type { AppEnv } from '../context.ts';
import { findLoginUser } from '../directory.ts';
import { validationHook } from '../errors.ts';
import { allowAnyUser, currentActor } from '../rbac.ts';
import { ERRORS, json, jsonBody, OkSchema, UserSchema } from '../schemas/common.ts';
import { SESSION_COOKIE } from './authenticate.ts';
import { hashPassword, verifyPassword } from './password.ts';
import { type ActorCache, createSession, deleteSession } from './sessions.ts';
import { checkLoginAllowed, clearLoginFailures, recordLoginFailure } from './throttle.ts';

const LoginSchema = z
  .object({
    username: z.string().trim().min(1).max(100).openapi({ example: 'admin' }),
    password: z.string().min(1).max(200).openapi({ example: 'dealerflow' }),
  })
  .openapi('LoginRequest');

const LoginResultSchema = z.object({ token: z.string(), user: UserSchema }).openapi('LoginResult');

const loginRoute = createRoute({
  method: 'post',
  path: '/auth/login',
  tags: ['auth'],
  summary: 'Log in with username and password',
  security: [],
  request: { body: jsonBody(LoginSchema) },
  responses: {
    200: json(LoginResultSchema, 'Logged in'),
    401: ERRORS[401],
    403: ERRORS[403],
    422: ERRORS[422],
    429: ERRORS[429],
  },
});

const logoutRoute = createRoute({
  method: 'post',
  path: '/auth/logout',
  tags: ['auth'],
  summary: 'End the current session',
  ...allowAnyUser(),
  responses: { 200: json(OkSchema, 'Logged out'), 401: ERRORS[401] },
});

const meRoute = createRoute({
  method: 'get',
  path: '/auth/me',
  tags: ['auth'],
  summary: 'The logged-in user',
  ...allowAnyUser(),
  responses: { 200: json(UserSchema, 'The user'), 401: ERRORS[401] },
});

/** Compared against when the username is unknown so both failures take as long. */
const DUMMY_HASH = hashPassword('not-a-real-password');

/** What the auth routes need: the database, the actor cache to evict on logout, the session length. */
export interface AuthRoutesOptions {
  db: Db;
  cache: ActorCache;
  sessionTtlHours: number;
  /** The clock login throttling reads (tests move it). */
  clock?: () => Date;
}

/** The client's address from the socket (not from headers a client could forge); null when unknown (tests). */
function clientAddress(c: Context<AppEnv>): string | null {
  try {
    return getConnInfo(c).remote.address ?? null;
  } catch {
    return null;
  }
}

/** The auth routes, to mount under `/api`. */
export function authRoutes({ db, cache, sessionTtlHours, clock = () => new Date() }: AuthRoutesOptions) {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
    .openapi(loginRoute, async (c) => {
      const { username, password } = c.req.valid('json');
      const address = clientAddress(c);
      await checkLoginAllowed(db, username, address, clock());
      const user = await findLoginUser(db, username);
      const ok = await verifyPassword(password, user?.passwordHash ?? (await DUMMY_HASH));
      if (!user || !ok) {
        await recordLoginFailure(db, username, address, clock());
        throw new AppError('unauthorized', 'Invalid username or password');
      }
      await clearLoginFailures(db, username);
      const { token } = await createSession(db, user.id, sessionTtlHours, clock(), {
        userAgent: c.req.header('user-agent') ?? null,
        address,
      });
      setCookie(c, SESSION_COOKIE, token, {
        httpOnly: true,
        sameSite: 'Lax',
        path: '/',
        secure: new URL(c.req.url).protocol === 'https:',
        maxAge: Math.round(sessionTtlHours * 3600),
      });
      const { passwordHash: _hash, ...view } = user;
      return c.json({ token, user: view }, 200);
    })
    .openapi(logoutRoute, async (c) => {
      const tokenHash = c.get('sessionTokenHash');
      if (tokenHash) {
        cache.delete(tokenHash);
        await deleteSession(db, tokenHash);
      }
      deleteCookie(c, SESSION_COOKIE, { path: '/' });
      return c.json({ ok: true as const }, 200);
    })
    .openapi(meRoute, (c) => {
      const actor = currentActor(c);
      return c.json(
        {
          id: actor.id,
          username: actor.username,
          displayName: actor.displayName ?? actor.username,
          roles: actor.roles,
          storeId: actor.storeId,
        },
        200,
      );
    });
}
