/**
 * The demo seed's world: its own `WorkflowService` and dealership effects on a clock the seed moves
 * through the past, so every timestamp of the demo history is plausible and relative to `now`.
 */
import { eq } from 'drizzle-orm';
import type { Database, Db } from '../../../engine/store/db.ts';
import { WorkflowService } from '../../../engine/store/service.ts';
import type { Actor } from '../../../engine/types.ts';
import { apiPorts } from '../../store/ports.ts';
import { userRoles, users } from '../../store/schema.ts';
import type { ResolvedDealerDeps } from '../deps.ts';
import { createDealerEffects } from '../effects.ts';
import type { Cast } from './drive.ts';
import { type Random, seededRandom } from './random.ts';

export interface SeedRuntime {
  db: Db;
  deps: ResolvedDealerDeps;
  service: WorkflowService;
  cast: Cast;
  random: Random;
  /** The real "now" the demo is relative to. */
  now: Date;
  clock(): Date;
  setClock(at: Date): void;
  /** Moves the clock 18–30 hours on, never past `now`. */
  tick(): void;
}

/** Every active user as an actor, by username and by id. */
export async function loadCast(db: Db): Promise<Cast> {
  const rows = await db
    .select({
      id: users.id,
      username: users.username,
      displayName: users.displayName,
      storeId: users.storeId,
      role: userRoles.role,
    })
    .from(users)
    .leftJoin(userRoles, eq(userRoles.userId, users.id))
    .where(eq(users.active, true));
  const byUsername = new Map<string, Actor>();
  for (const row of rows) {
    const actor = byUsername.get(row.username) ?? {
      id: row.id,
      username: row.username,
      displayName: row.displayName,
      storeId: row.storeId,
      roles: [],
    };
    if (row.role) actor.roles.push(row.role);
    byUsername.set(row.username, actor);
  }
  return { byUsername, byId: new Map([...byUsername.values()].map((a) => [a.id, a])) };
}

/** Builds the runtime; `seed` fixes the demo's randomness. */
export async function createSeedRuntime(database: Database, now: Date, seed: number): Promise<SeedRuntime> {
  let current = now.getTime();
  const clock = () => new Date(current);
  const random = seededRandom(seed);
  const service = new WorkflowService({
    ports: apiPorts,
    database,
    clock,
    effects: createDealerEffects({ clock }),
  });
  const deps: ResolvedDealerDeps = { database, service, clock };
  return {
    db: database.db,
    deps,
    service,
    cast: await loadCast(database.db),
    random,
    now,
    clock,
    setClock: (at) => {
      current = Math.min(at.getTime(), now.getTime() - 60_000);
    },
    tick: () => {
      current = Math.min(current + (18 + random.int(13)) * 3_600_000, now.getTime() - 60_000);
    },
  };
}
