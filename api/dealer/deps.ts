/**
 * What the dealership layer needs from the rest of the server: the database and the part of
 * `WorkflowService` that starts and drives flows inside a caller's transaction.
 */
import type { Database, Tx } from '../../engine/store/db.ts';
import type { InstanceView, StartInput } from '../../engine/store/types.ts';
import type { Actor, JsonObject } from '../../engine/types.ts';

/** The narrow port of `WorkflowService` the domain uses; the real service satisfies it structurally. */
export interface DealerServicePort {
  /** Starts a flow; with `tx`, inside the caller's transaction (the order row and its flow commit together). */
  startInstance(input: StartInput, actor: Actor, tx?: Tx): Promise<InstanceView>;
  /** Sends an event to a flow; with `tx`, inside the caller's transaction. */
  sendEvent(
    instanceId: string,
    event: { type: string; data?: JsonObject },
    actor: Actor,
    tx?: Tx,
  ): Promise<InstanceView>;
}

export interface DealerDeps {
  database: Pick<Database, 'db'>;
  service: DealerServicePort;
  /** Injected clock (tests, demo seed); default: the system clock. */
  clock?: () => Date;
}

/** The deps with the clock filled in. */
export interface ResolvedDealerDeps extends DealerDeps {
  clock: () => Date;
}

/** Fills in defaults. */
export function resolveDeps(deps: DealerDeps): ResolvedDealerDeps {
  return { ...deps, clock: deps.clock ?? (() => new Date()) };
}
