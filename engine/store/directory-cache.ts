/**
 * The engine's synchronous `Directory`, preloaded from users / user_roles and cached in memory.
 * Invalidated when users change (`WorkflowService.invalidateDirectory()`) and after `ttlMs` anyway,
 * so a change made through another server process is seen soon.
 */
import { eq } from 'drizzle-orm';
import type { Directory, DirectoryUser } from '../types.ts';
import { userRoles, users } from './api-tables.ts';
import type { Executor } from './db.ts';

/** A directory over a fixed list of users. Role holders without a store (group users) count in every store. */
export function createDirectory(list: DirectoryUser[]): Directory {
  const byUsername = new Map(list.map((u) => [u.username, u]));
  const byId = new Map(list.map((u) => [u.id, u]));
  return {
    usersInRole: (role, storeId) =>
      list.filter(
        (u) => u.roles.includes(role) && (storeId === null || u.storeId === null || u.storeId === storeId),
      ),
    userByUsername: (username) => byUsername.get(username),
    userById: (id) => byId.get(id),
  };
}

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

export class DirectoryCache {
  private cached: { directory: Directory; loadedAt: number } | undefined;

  constructor(
    private readonly clock: () => Date,
    private readonly ttlMs = 30_000,
  ) {}

  /** The cached directory, loading it through `db` when missing or stale. */
  async get(db: Executor): Promise<Directory> {
    const now = this.clock().getTime();
    if (this.cached && Math.abs(now - this.cached.loadedAt) < this.ttlMs) return this.cached.directory;
    const directory = createDirectory(await loadDirectoryUsers(db));
    this.cached = { directory, loadedAt: now };
    return directory;
  }

  invalidate(): void {
    this.cached = undefined;
  }
}
