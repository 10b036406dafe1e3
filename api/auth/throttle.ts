/**
 * Login throttling (OWASP's "account lockout" and "throttling" advice): failed logins are counted per
 * username and per client address in `login_throttle`, so every server process sees the same
 * counts. After a few failures each next try must wait longer (429 with `Retry-After`); after
 * `LOCK_AFTER` failures a username is locked until an admin unlocks it. A success clears the
 * username's count. Failures older than `FORGET_AFTER_MS` are forgotten unless the name is locked.
 */
import { eq, inArray, sql } from 'drizzle-orm';
import { AppError } from '../../engine/errors.ts';
import type { Db } from '../../engine/store/db.ts';
import { loginThrottle } from '../store/schema.ts';

/** Failures a username may have before waits begin, and before it is locked. */
export const FREE_FAILURES = 3;
export const LOCK_AFTER = 10;
/** An address shared by many people (an office NAT) gets more room before waits begin. */
const FREE_ADDRESS_FAILURES = 20;
const MAX_WAIT_MS = 15 * 60_000;
const FORGET_AFTER_MS = 60 * 60_000;

const userKey = (username: string) => `user:${username.trim().toLowerCase()}`;
const addressKey = (address: string) => `ip:${address}`;
/** Wrong current passwords given to `POST /api/me/password`, counted per user like logins. */
const passwordChangeKey = (username: string) => `password-change:${username.trim().toLowerCase()}`;

/** Milliseconds to wait after the `failures`-th failure: none while free, then 1 s, 2 s, 4 s … 15 min. */
export function waitAfter(failures: number, free: number): number {
  if (failures <= free) return 0;
  return Math.min(MAX_WAIT_MS, 1000 * 2 ** (failures - free - 1));
}

/** Refuses a login attempt that comes too soon after failures, or for a locked username. */
export async function checkLoginAllowed(
  db: Db,
  username: string,
  address: string | null,
  now: Date,
): Promise<void> {
  await checkKeys(db, [userKey(username), ...(address ? [addressKey(address)] : [])], now, '/username');
}

/** Refuses a password change that comes too soon after wrong current passwords, or once locked. */
export async function checkPasswordChangeAllowed(db: Db, username: string, now: Date): Promise<void> {
  await checkKeys(db, [passwordChangeKey(username)], now, '/currentPassword');
}

async function checkKeys(db: Db, keys: string[], now: Date, path: string): Promise<void> {
  const rows = await db.select().from(loginThrottle).where(inArray(loginThrottle.key, keys));
  for (const row of rows) {
    if (row.locked) {
      throw new AppError('forbidden', '账号因多次密码错误已锁定，请联系管理员解锁', [
        { path, message: 'locked' },
      ]);
    }
    const until = row.blockedUntil ? Date.parse(row.blockedUntil) : 0;
    if (until > now.getTime()) {
      const retryAfterSeconds = Math.ceil((until - now.getTime()) / 1000);
      throw new AppError(
        'too_many_requests',
        `登录尝试过于频繁，请 ${retryAfterSeconds} 秒后再试`,
        [{ path, message: 'retry later' }],
        { retryAfterSeconds },
      );
    }
  }
}

async function countFailure(
  db: Db,
  key: string,
  free: number,
  lockAfter: number | null,
  now: Date,
): Promise<void> {
  const at = now.toISOString();
  const forgetBefore = new Date(now.getTime() - FORGET_AFTER_MS).toISOString();
  // One statement: concurrent failures each count (the row is updated in place under its lock).
  const [row] = await db
    .insert(loginThrottle)
    .values({ key, failures: 1, lastFailureAt: at })
    .onConflictDoUpdate({
      target: loginThrottle.key,
      set: {
        failures: sql`CASE WHEN ${loginThrottle.locked} OR ${loginThrottle.lastFailureAt} >= ${forgetBefore} THEN ${loginThrottle.failures} + 1 ELSE 1 END`,
        lastFailureAt: at,
      },
    })
    .returning({ failures: loginThrottle.failures });
  const failures = row?.failures ?? 1;
  const wait = waitAfter(failures, free);
  await db
    .update(loginThrottle)
    .set({
      blockedUntil: wait > 0 ? new Date(now.getTime() + wait).toISOString() : null,
      ...(lockAfter !== null && failures >= lockAfter ? { locked: true } : {}),
    })
    .where(eq(loginThrottle.key, key));
}

/** Counts a failed login against the username and the address. */
export async function recordLoginFailure(
  db: Db,
  username: string,
  address: string | null,
  now: Date,
): Promise<void> {
  await countFailure(db, userKey(username), FREE_FAILURES, LOCK_AFTER, now);
  if (address) await countFailure(db, addressKey(address), FREE_ADDRESS_FAILURES, null, now);
}

/** Counts a wrong current password given to a password change, per user (waits, then a lock). */
export async function recordPasswordChangeFailure(db: Db, username: string, now: Date): Promise<void> {
  await countFailure(db, passwordChangeKey(username), FREE_FAILURES, LOCK_AFTER, now);
}

/** A successful password change clears the user's count of wrong current passwords. */
export async function clearPasswordChangeFailures(db: Db, username: string): Promise<void> {
  await db.delete(loginThrottle).where(eq(loginThrottle.key, passwordChangeKey(username)));
}

/** A successful login clears the username's failures. */
export async function clearLoginFailures(db: Db, username: string): Promise<void> {
  await db.delete(loginThrottle).where(eq(loginThrottle.key, userKey(username)));
}

/** Lifts a lockout (admin) of logins and password changes; true when the username was locked or throttled. */
export async function unlockLogin(db: Db, username: string): Promise<boolean> {
  const removed = await db
    .delete(loginThrottle)
    .where(inArray(loginThrottle.key, [userKey(username), passwordChangeKey(username)]))
    .returning();
  return removed.length > 0;
}
