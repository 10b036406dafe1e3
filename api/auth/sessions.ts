/**
 * Opaque session tokens: random, handed to the client once, stored only as their sha256 in `sessions`.
 * A short in-process cache maps token hashes to actors so authenticated requests skip the database.
 */
import { createHash, randomBytes } from 'node:crypto';
import { and, asc, eq, gt, lt, ne } from 'drizzle-orm';
import type { Db } from '../../engine/store/db.ts';
import type { Actor } from '../../engine/types.ts';
import { sessions, userRoles, users } from '../store/schema.ts';

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
  client: { userAgent?: string | null; address?: string | null } = {},
): Promise<{ token: string; expiresAt: string }> {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + ttlHours * 3_600_000).toISOString();
  // Expired sessions of this user are swept here so the table does not grow without bound.
  await db
    .delete(sessions)
    .where(and(eq(sessions.userId, userId), lt(sessions.expiresAt, now.toISOString())));
  await db.insert(sessions).values({
    tokenHash: hashToken(token),
    userId,
    expiresAt,
    userAgent: client.userAgent?.slice(0, 300) ?? null,
    clientAddress: client.address ?? null,
  });
  return { token, expiresAt };
}

/** Deletes the session with this token hash. */
export async function deleteSession(db: Db, tokenHash: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
}

/** A live session: who it is, its id, and the instant it ends. */
export interface LiveSession {
  actor: Actor;
  sessionId: string;
  expiresAtMs: number;
}

/** The actor behind a live session of an active user, or undefined. */
export async function findActorBySession(
  db: Db,
  tokenHash: string,
  now: Date,
): Promise<LiveSession | undefined> {
  const rows = await db
    .select({
      sessionId: sessions.id,
      expiresAt: sessions.expiresAt,
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
    actor: {
      id: first.id,
      username: first.username,
      displayName: first.displayName,
      storeId: first.storeId,
      roles,
    },
    sessionId: first.sessionId,
    expiresAtMs: Date.parse(first.expiresAt),
  };
}

/** One of a user's live sessions as the session list shows it. */
export interface SessionView {
  id: string;
  createdAt: string;
  expiresAt: string;
  userAgent: string | null;
  clientAddress: string | null;
}

/** The user's live sessions, oldest first. */
export async function listSessions(db: Db, userId: string, now: Date): Promise<SessionView[]> {
  const rows = await db
    .select({
      id: sessions.id,
      createdAt: sessions.createdAt,
      expiresAt: sessions.expiresAt,
      userAgent: sessions.userAgent,
      clientAddress: sessions.clientAddress,
    })
    .from(sessions)
    .where(and(eq(sessions.userId, userId), gt(sessions.expiresAt, now.toISOString())))
    .orderBy(asc(sessions.createdAt), asc(sessions.id));
  return rows.map((r) => ({
    ...r,
    createdAt: new Date(r.createdAt).toISOString(),
    expiresAt: new Date(r.expiresAt).toISOString(),
  }));
}

/** Ends the user's session `id`; returns the token hash it had (to evict), undefined when not theirs. */
export async function deleteSessionById(db: Db, userId: string, id: string): Promise<string | undefined> {
  const [row] = await db
    .delete(sessions)
    .where(and(eq(sessions.userId, userId), eq(sessions.id, id)))
    .returning({ tokenHash: sessions.tokenHash });
  return row?.tokenHash;
}

/** Ends every session of the user but `keepTokenHash` (none kept when undefined); returns the hashes ended. */
export async function deleteOtherSessions(
  db: Db,
  userId: string,
  keepTokenHash: string | undefined,
): Promise<string[]> {
  const rows = await db
    .delete(sessions)
    .where(
      keepTokenHash
        ? and(eq(sessions.userId, userId), ne(sessions.tokenHash, keepTokenHash))
        : eq(sessions.userId, userId),
    )
    .returning({ tokenHash: sessions.tokenHash });
  return rows.map((r) => r.tokenHash);
}

/** Deletes every expired session (housekeeping). */
export async function purgeExpiredSessions(db: Db, now: Date): Promise<void> {
  await db.delete(sessions).where(lt(sessions.expiresAt, now.toISOString()));
}

/**
 * Token-hash → session for a few seconds, never past the session's own `expires_at` (an expired
 * session is refused to the millisecond). Logout, a revoked session and a password change evict
 * locally; other processes may honour a revoked (not an expired) token for at most `ttlMs`.
 */
export class ActorCache {
  readonly #entries = new Map<string, { session: LiveSession; until: number }>();
  readonly #ttlMs: number;
  readonly #maxEntries: number;

  constructor(ttlMs = 5_000, maxEntries = 10_000) {
    this.#ttlMs = ttlMs;
    this.#maxEntries = maxEntries;
  }

  /** The cached session if still fresh, and not expired, at `nowMs`. */
  get(tokenHash: string, nowMs: number): LiveSession | undefined {
    const entry = this.#entries.get(tokenHash);
    if (!entry) return undefined;
    if (entry.until > nowMs) return entry.session;
    this.#entries.delete(tokenHash);
    return undefined;
  }

  set(tokenHash: string, session: LiveSession, nowMs: number): void {
    if (this.#entries.size >= this.#maxEntries) this.#entries.clear();
    this.#entries.set(tokenHash, { session, until: Math.min(nowMs + this.#ttlMs, session.expiresAtMs) });
  }

  delete(tokenHash: string): void {
    this.#entries.delete(tokenHash);
  }
}
