/**
 * Opaque session tokens: random, handed to the client once, stored only as their sha256 in `sessions`.
 * A short in-process cache maps token hashes to actors so authenticated requests skip the database.
 */
import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, lt } from 'drizzle-orm';
import type { Db } from '../../engine/store/db.ts';
import { userRoles, users } from '../../engine/store/schema.ts';
import type { Actor } from '../../engine/types.ts';
import { sessions } from '../store/schema.ts';

/** sha256 (hex) of a session token: what the database keeps. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * Creates a session for the user and returns the token to hand to the client.
 *
 * @example
 * const { token } = await createSession(db, user.id, 12, new Date());
 */
export async function createSession(
  db: Db,
  userId: string,
  ttlHours: number,
  now: Date,
): Promise<{ token: string; expiresAt: string }> {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + ttlHours * 3_600_000).toISOString();
  // Expired sessions of this user are swept here so the table does not grow without bound.
  await db
    .delete(sessions)
    .where(and(eq(sessions.userId, userId), lt(sessions.expiresAt, now.toISOString())));
  await db.insert(sessions).values({ tokenHash: hashToken(token), userId, expiresAt });
  return { token, expiresAt };
}

/** Deletes the session with this token hash. */
export async function deleteSession(db: Db, tokenHash: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
}

/** The actor behind a live session of an active user, or undefined. */
export async function findActorBySession(db: Db, tokenHash: string, now: Date): Promise<Actor | undefined> {
  const rows = await db
    .select({
      id: users.id,
      username: users.username,
      displayName: users.displayName,
      storeId: users.storeId,
      role: userRoles.role,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .leftJoin(userRoles, eq(userRoles.userId, users.id))
    .where(
      and(
        eq(sessions.tokenHash, tokenHash),
        gt(sessions.expiresAt, now.toISOString()),
        eq(users.active, true),
      ),
    );
  const first = rows[0];
  if (!first) return undefined;
  const roles = rows.flatMap((r) => (r.role ? [r.role] : [])).sort();
  return {
    id: first.id,
    username: first.username,
    displayName: first.displayName,
    storeId: first.storeId,
    roles,
  };
}

/** Deletes every expired session (housekeeping). */
export async function purgeExpiredSessions(db: Db, now: Date): Promise<void> {
  await db.delete(sessions).where(lt(sessions.expiresAt, now.toISOString()));
}

/**
 * Token-hash → actor for a few seconds. Logout evicts locally; other processes may honour a
 * revoked token for at most `ttlMs`.
 */
export class ActorCache {
  readonly #entries = new Map<string, { actor: Actor; until: number }>();
  readonly #ttlMs: number;
  readonly #maxEntries: number;

  constructor(ttlMs = 5_000, maxEntries = 10_000) {
    this.#ttlMs = ttlMs;
    this.#maxEntries = maxEntries;
  }

  /** The cached actor if still fresh at `nowMs`. */
  get(tokenHash: string, nowMs: number): Actor | undefined {
    const entry = this.#entries.get(tokenHash);
    if (!entry) return undefined;
    if (entry.until > nowMs) return entry.actor;
    this.#entries.delete(tokenHash);
    return undefined;
  }

  set(tokenHash: string, actor: Actor, nowMs: number): void {
    if (this.#entries.size >= this.#maxEntries) this.#entries.clear();
    this.#entries.set(tokenHash, { actor, until: nowMs + this.#ttlMs });
  }

  delete(tokenHash: string): void {
    this.#entries.delete(tokenHash);
  }
}
