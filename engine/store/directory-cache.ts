/**
 * The engine's synchronous `Directory`, preloaded through the directory port (the API's users and
 * their roles, engine/store/ports.ts) and cached in memory.
 * Invalidated when users change (`WorkflowService.invalidateDirectory()`) and after `ttlMs` anyway,
 * so a change made through another server process is seen soon.
 */
import type { Directory, DirectoryUser } from '../types.ts';
import type { Executor } from './db.ts';
import type { DirectoryPort } from './ports.ts';

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

export class DirectoryCache {
  private cached: { directory: Directory; loadedAt: number } | undefined;

  constructor(
    private readonly port: DirectoryPort,
    private readonly clock: () => Date,
    private readonly ttlMs = 30_000,
  ) {}

  /** The cached directory, loading it through `db` when missing or stale. */
  async get(db: Executor): Promise<Directory> {
    const now = this.clock().getTime();
    if (this.cached && Math.abs(now - this.cached.loadedAt) < this.ttlMs) return this.cached.directory;
    const directory = createDirectory(await this.port.activeUsers(db));
    this.cached = { directory, loadedAt: now };
    return directory;
  }

  invalidate(): void {
    this.cached = undefined;
  }
}
