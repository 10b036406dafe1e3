/**
 * The engine's directory port (engine/store/ports.ts `DirectoryPort`) over the API's tables: users,
 * their roles, role labels and stores.
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../engine/store/db.ts';
import type { DirectoryPort } from '../../engine/store/ports.ts';
import type { DirectoryUser } from '../../engine/types.ts';
import { roles, stores, userRoles, users } from './schema.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const uuidsOf = (ids: readonly (string | null)[]): string[] => [
  ...new Set(ids.filter((id): id is string => id !== null && UUID.test(id))),
];

/** Active users with their roles. */
export async function loadDirectoryUsers(db: Executor): Promise<DirectoryUser[]> {
  const rows = await db
    .select({
      id: users.id,
      username: users.username,
      storeId: users.storeId,
      team: users.team,
      role: userRoles.role,
    })
    .from(users)
    .leftJoin(userRoles, eq(userRoles.userId, users.id))
    .where(eq(users.active, true))
    .orderBy(users.username, userRoles.role);
  const byId = new Map<string, DirectoryUser>();
  for (const row of rows) {
    const user = byId.get(row.id) ?? {
      id: row.id,
      username: row.username,
      storeId: row.storeId,
      team: row.team,
      roles: [],
    };
    if (row.role) user.roles.push(row.role);
    byId.set(row.id, user);
  }
  return [...byId.values()];
}

const SYSTEM_NAME = '系统';

/** Display names of user ids (`system` → 系统); unknown ids are left out. */
export async function displayNames(
  db: Executor,
  ids: readonly (string | null)[],
): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  const uuids = uuidsOf(ids);
  if (ids.includes('system')) names.set('system', SYSTEM_NAME);
  if (uuids.length === 0) return names;
  const rows = await db
    .select({ id: users.id, name: users.displayName })
    .from(users)
    .where(inArray(users.id, uuids));
  for (const row of rows) names.set(row.id, row.name);
  return names;
}

export const apiDirectory: DirectoryPort = {
  activeUsers: loadDirectoryUsers,
  displayNames,
  async activeUsersById(db, ids) {
    const uuids = uuidsOf(ids);
    if (uuids.length === 0) return [];
    return db
      .select({ id: users.id, storeId: users.storeId })
      .from(users)
      .where(and(inArray(users.id, uuids), eq(users.active, true)));
  },
  async roleHolders(db, codes) {
    if (codes.length === 0) return [];
    return db
      .select({ id: users.id, role: userRoles.role, storeId: users.storeId })
      .from(userRoles)
      .innerJoin(users, eq(users.id, userRoles.userId))
      .where(and(inArray(userRoles.role, [...codes]), eq(users.active, true)));
  },
  async roleLabels(db, codes, locale) {
    if (codes.length === 0) return new Map();
    const rows = await db
      .select({ code: roles.code, label: locale === 'en' ? roles.labelEn : roles.labelZh })
      .from(roles)
      .where(inArray(roles.code, [...codes]));
    return new Map(rows.map((r) => [r.code, r.label]));
  },
  async roleCodes(db) {
    return (await db.select({ code: roles.code }).from(roles)).map((r) => r.code);
  },
  async storeIds(db) {
    return (await db.select({ id: stores.id }).from(stores)).map((r) => r.id);
  },
  async storeExists(db, storeId) {
    const [row] = await db.select({ id: stores.id }).from(stores).where(eq(stores.id, storeId));
    return row !== undefined;
  },
};
