/**
 * A user's own account: change the password (with the current one), list the sessions signed in
 * (this browser marked), end one or all the others; and an admin's password reset for someone else.
 * A password change or reset ends the user's other sessions (a reset: all of them), so a stolen
 * session does not outlive the new password.
 */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { eq } from 'drizzle-orm';
import { AppError } from '../../engine/errors.ts';
import type { Db } from '../../engine/store/db.ts';
import type { AppEnv } from '../context.ts';
import { validationHook } from '../errors.ts';
import { allowAnyUser, allowRoles, currentActor } from '../rbac.ts';
import { ERRORS, json, jsonBody, OkSchema } from '../schemas/common.ts';
import { users } from '../store/schema.ts';
import { hashPassword, verifyPassword } from './password.ts';
import { type ActorCache, deleteOtherSessions, deleteSessionById, listSessions } from './sessions.ts';
import {
  checkPasswordChangeAllowed,
  clearPasswordChangeFailures,
  recordPasswordChangeFailure,
} from './throttle.ts';

/** Shortest password a user may choose. */
export const MIN_PASSWORD_LENGTH = 8;

const NewPassword = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `at least ${MIN_PASSWORD_LENGTH} characters`)
  .max(200)
  .openapi({ example: 'a-longer-secret' });

const ChangePasswordSchema = z
  .object({ currentPassword: z.string().min(1).max(200), newPassword: NewPassword })
  .openapi('ChangePasswordRequest');

const ResetPasswordSchema = z.object({ newPassword: NewPassword }).openapi('ResetPasswordRequest');

const SessionSchema = z
  .object({
    id: z.string().uuid(),
    createdAt: z.string().openapi({ format: 'date-time' }),
    expiresAt: z.string().openapi({ format: 'date-time' }),
    userAgent: z.string().nullable(),
    clientAddress: z.string().nullable(),
    current: z.boolean().openapi({ description: 'The session this request came with' }),
  })
  .openapi('Session');

const SessionListSchema = z
  .object({ items: z.array(SessionSchema), total: z.number().int() })
  .openapi('SessionList');

const RevokedSchema = z.object({ revoked: z.number().int() }).openapi('SessionsRevoked');

const tags = ['auth'];
const IdParam = z.object({ id: z.string().uuid() });

const changePasswordRoute = createRoute({
  method: 'post',
  path: '/me/password',
  tags,
  summary: 'Change my password (needs the current one); ends my other sessions',
  ...allowAnyUser(),
  request: { body: jsonBody(ChangePasswordSchema) },
  responses: {
    200: json(RevokedSchema, 'Changed; how many other sessions were ended'),
    401: ERRORS[401],
    403: ERRORS[403],
    422: ERRORS[422],
    429: ERRORS[429],
  },
});

const listSessionsRoute = createRoute({
  method: 'get',
  path: '/me/sessions',
  tags,
  summary: 'My live sessions, oldest first',
  ...allowAnyUser(),
  responses: { 200: json(SessionListSchema, 'Sessions'), 401: ERRORS[401] },
});

const deleteSessionRoute = createRoute({
  method: 'delete',
  path: '/me/sessions/{id}',
  tags,
  summary: 'End one of my sessions (this one too: that is a logout)',
  ...allowAnyUser(),
  request: { params: IdParam },
  responses: { 200: json(OkSchema, 'Ended'), 401: ERRORS[401], 403: ERRORS[403], 404: ERRORS[404] },
});

const revokeOthersRoute = createRoute({
  method: 'post',
  path: '/me/sessions/revoke-others',
  tags,
  summary: 'Sign out everywhere else: end all my sessions but this one',
  ...allowAnyUser(),
  responses: { 200: json(RevokedSchema, 'How many were ended'), 401: ERRORS[401], 403: ERRORS[403] },
});

const resetPasswordRoute = createRoute({
  method: 'post',
  path: '/users/{id}/password',
  tags: ['directory'],
  summary: 'Set a user’s password (admin); ends all their sessions',
  ...allowRoles('admin'),
  request: { params: IdParam, body: jsonBody(ResetPasswordSchema) },
  responses: {
    200: json(RevokedSchema, 'Set; how many sessions were ended'),
    401: ERRORS[401],
    403: ERRORS[403],
    404: ERRORS[404],
    422: ERRORS[422],
  },
});

export interface AccountRoutesOptions {
  db: Db;
  /** Evicted for every session ended here, so this process refuses them at once. */
  cache: ActorCache;
  clock?: () => Date;
}

/** The account routes, to mount under `/api`. */
export function accountRoutes({ db, cache, clock = () => new Date() }: AccountRoutesOptions) {
  const evict = (hashes: string[]) => {
    for (const h of hashes) cache.delete(h);
  };
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
    .openapi(changePasswordRoute, async (c) => {
      const actor = currentActor(c);
      const { currentPassword, newPassword } = c.req.valid('json');
      await checkPasswordChangeAllowed(db, actor.username, clock());
      const [user] = await db
        .select({ passwordHash: users.passwordHash })
        .from(users)
        .where(eq(users.id, actor.id));
      if (!user || !(await verifyPassword(currentPassword, user.passwordHash))) {
        await recordPasswordChangeFailure(db, actor.username, clock());
        throw new AppError('invalid', 'The current password is not right', [
          { path: '/currentPassword', message: 'not the current password' },
        ]);
      }
      if (currentPassword === newPassword) {
        throw new AppError('invalid', 'The new password is the current one', [
          { path: '/newPassword', message: 'same as the current password' },
        ]);
      }
      await db
        .update(users)
        .set({ passwordHash: await hashPassword(newPassword) })
        .where(eq(users.id, actor.id));
      await clearPasswordChangeFailures(db, actor.username);
      const ended = await deleteOtherSessions(db, actor.id, c.get('sessionTokenHash'));
      evict(ended);
      return c.json({ revoked: ended.length }, 200);
    })
    .openapi(listSessionsRoute, async (c) => {
      const actor = currentActor(c);
      const current = c.get('sessionId');
      const items = (await listSessions(db, actor.id, clock())).map((s) => ({
        ...s,
        current: s.id === current,
      }));
      return c.json({ items, total: items.length }, 200);
    })
    .openapi(deleteSessionRoute, async (c) => {
      const actor = currentActor(c);
      const { id } = c.req.valid('param');
      const tokenHash = await deleteSessionById(db, actor.id, id);
      // Another user's session answers as an unknown one: ids are not to be probed.
      if (!tokenHash) throw new AppError('not_found', `No session ${id}`);
      evict([tokenHash]);
      return c.json({ ok: true as const }, 200);
    })
    .openapi(revokeOthersRoute, async (c) => {
      const actor = currentActor(c);
      const ended = await deleteOtherSessions(db, actor.id, c.get('sessionTokenHash'));
      evict(ended);
      return c.json({ revoked: ended.length }, 200);
    })
    .openapi(resetPasswordRoute, async (c) => {
      const { id } = c.req.valid('param');
      const { newPassword } = c.req.valid('json');
      const [updated] = await db
        .update(users)
        .set({ passwordHash: await hashPassword(newPassword) })
        .where(eq(users.id, id))
        .returning({ id: users.id });
      if (!updated) throw new AppError('not_found', `No user ${id}`);
      const ended = await deleteOtherSessions(db, id, undefined);
      evict(ended);
      return c.json({ revoked: ended.length }, 200);
    });
}
