/**
 * Reads of people and stores for the API (login, user pickers, store lists).
 */
import { and, asc, eq, ilike, inArray, isNull, or, type SQL } from 'drizzle-orm';
import type { Db } from '../engine/store/db.ts';
import { roles, stores, userRoles, users } from './store/schema.ts';

/** A user as the API shows them (never the password hash). */
export interface UserView {
  id: string;
  username: string;
  displayName: string;
  roles: string[];
  storeId: string | null;
  team: string | null;
}

async function rolesOf(db: Db, userIds: string[]): Promise<Map<string, string[]>> {
  const byUser = new Map<string, string[]>();
  if (userIds.length === 0) return byUser;
  const rows = await db.select().from(userRoles).where(inArray(userRoles.userId, userIds));
  for (const row of rows) byUser.set(row.userId, [...(byUser.get(row.userId) ?? []), row.role].sort());
  return byUser;
}

/** Narrows a user list (pickers search by name and resolve the ids they hold). */
export interface UserFilter {
  /** Part of the username or display name, case-insensitive. */
  q?: string | undefined;
  /** Only these ids. */
  ids?: readonly string[] | undefined;
  storeId?: string | undefined;
  /** Only people who may work in this store: its own staff and group users (no store). */
  workingIn?: string | undefined;
  limit?: number | undefined;
}

function userConditions(filter: UserFilter): SQL | undefined {
  const conditions: (SQL | undefined)[] = [eq(users.active, true)];
  if (filter.q) {
    const pattern = `%${filter.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    conditions.push(or(ilike(users.username, pattern), ilike(users.displayName, pattern)));
  }
  if (filter.ids) conditions.push(inArray(users.id, [...filter.ids]));
  if (filter.storeId) conditions.push(eq(users.storeId, filter.storeId));
  if (filter.workingIn) conditions.push(or(isNull(users.storeId), eq(users.storeId, filter.workingIn)));
  return and(...conditions);
}

/**
 * Active users, ordered by username, optionally narrowed.
 *
 * @example await listUsers(db, { q: '王', limit: 20 });
 */
export async function listUsers(db: Db, filter: UserFilter = {}): Promise<UserView[]> {
  if (filter.ids?.length === 0) return [];
  const rows = await db
    .select({
      id: users.id,
      username: users.username,
      displayName: users.displayName,
      storeId: users.storeId,
      team: users.team,
    })
    .from(users)
    .where(userConditions(filter))
    .orderBy(asc(users.username))
    .limit(filter.limit ?? 10_000);
  const byUser = await rolesOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({ ...r, roles: byUser.get(r.id) ?? [] }));
}

/** An active user with their password hash, for login. */
export async function findLoginUser(
  db: Db,
  username: string,
): Promise<(UserView & { passwordHash: string }) | undefined> {
  const [row] = await db.select().from(users).where(eq(users.username, username)).limit(1);
  if (!row?.active) return undefined;
  const byUser = await rolesOf(db, [row.id]);
  return {
    id: row.id,
    username: row.username,
    displayName: row.displayName,
    storeId: row.storeId,
    team: row.team,
    roles: byUser.get(row.id) ?? [],
    passwordHash: row.passwordHash,
  };
}

/** Stores, ordered by id. */
export async function listStores(db: Db): Promise<{ id: string; name: string }[]> {
  return db.select().from(stores).orderBy(asc(stores.id));
}

/** Roles with their labels. */
export async function listRoles(db: Db): Promise<{ code: string; labelZh: string; labelEn: string }[]> {
  return db.select().from(roles).orderBy(asc(roles.code));
}
