/**
 * Seeding people: the application's role catalogue, its stores and its users with their roles.
 * Idempotent: existing rows are left as they are, so a restart never resets a changed password.
 */
import { inArray } from 'drizzle-orm';
import type { Database, Db } from '../../engine/store/db.ts';
import { hashPassword } from '../auth/password.ts';
import type { RoleDefinition } from '../rbac.ts';
import { roles, stores, userRoles, users } from '../store/schema.ts';

/** A user to seed, with their roles. */
export interface SeedUser {
  username: string;
  displayName: string;
  roles: readonly string[];
  /** null: a group user who may act in any store. */
  storeId: string | null;
  team?: string;
}

/** What `seedUsers` inserts: the role catalogue, the stores, the users (all with one password). */
export interface SeedPeople {
  roles: readonly RoleDefinition[];
  stores: readonly { id: string; name: string }[];
  users: readonly SeedUser[];
  password: string;
}

/** Inserts the role catalogue (needed in every mode: user_roles refers to it). */
export async function seedRoles(db: Db, catalogue: readonly RoleDefinition[]): Promise<void> {
  if (catalogue.length === 0) return;
  await db
    .insert(roles)
    .values(catalogue.map(({ code, labelZh, labelEn }) => ({ code, labelZh, labelEn })))
    .onConflictDoNothing();
}

/**
 * Seeds the roles, the stores and the users that are missing; returns how many users it added.
 *
 * @example
 * await seedUsers(database, { roles, stores: [], users: [{ username: 'hr', displayName: '人事', roles: ['hr'], storeId: null }], password });
 */
export async function seedUsers(database: Pick<Database, 'db'>, people: SeedPeople): Promise<number> {
  const { db } = database;
  await seedRoles(db, people.roles);
  if (people.stores.length > 0)
    await db
      .insert(stores)
      .values([...people.stores])
      .onConflictDoNothing();
  if (people.users.length === 0) return 0;
  const existing = await db
    .select({ username: users.username })
    .from(users)
    .where(
      inArray(
        users.username,
        people.users.map((u) => u.username),
      ),
    );
  const known = new Set(existing.map((r) => r.username));
  const missing = people.users.filter((u) => !known.has(u.username));
  if (missing.length === 0) return 0;
  const passwordHash = await hashPassword(people.password);
  await db.transaction(async (tx) => {
    for (const user of missing) {
      const [row] = await tx
        .insert(users)
        .values({
          username: user.username,
          displayName: user.displayName,
          passwordHash,
          storeId: user.storeId,
          team: user.team ?? null,
        })
        .onConflictDoNothing()
        .returning({ id: users.id });
      if (!row || user.roles.length === 0) continue;
      await tx
        .insert(userRoles)
        .values(user.roles.map((role) => ({ userId: row.id, role })))
        .onConflictDoNothing();
    }
  });
  return missing.length;
}
