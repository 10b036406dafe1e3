/**
 * Moves demo business through the shipped flows the way people would: for each open task, the
 * right user completes it with plausible form data (a playbook per task state). The history this
 * leaves is real: tasks, timeline and effects all come from the service.
 */
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../../engine/store/db.ts';
import { instances } from '../../../engine/store/schema.ts';
import type { InstanceView, TaskView } from '../../../engine/store/types.ts';
import type { Actor, JsonObject } from '../../../engine/types.ts';

/** The part of `WorkflowService` the driver needs. */
export interface DrivingService {
  getInstance(id: string): Promise<InstanceView>;
  completeTask(
    taskId: string,
    input: { outcome: string; data?: JsonObject; comment?: string },
    actor: Actor,
  ): Promise<unknown>;
}

/** Who does what on one task. `as` is used for group tasks; an assigned task is done by its assignee. */
export interface Move {
  as: string;
  outcome: string;
  data?: JsonObject;
  /** The task comment (审批意见), as the decision page sends it; some steps require one to reject or return. */
  comment?: string;
}

/** Decides the move for a task; null stops the drive. */
export type Playbook = (task: TaskView, instance: InstanceView) => Move | null;

export interface Cast {
  byUsername: Map<string, Actor>;
  byId: Map<string, Actor>;
}

/** The last segment of a state id: `payment.loan.application` → `application`. */
export const stateName = (task: TaskView) => task.state.split('.').at(-1) ?? task.state;

/** The active instance of a business key that has an open task, if any. */
export async function activeInstance(
  db: Db,
  service: DrivingService,
  businessKey: string,
): Promise<InstanceView | undefined> {
  const rows = await db
    .select({ id: instances.id })
    .from(instances)
    .where(and(eq(instances.businessKey, businessKey), eq(instances.status, 'active')));
  for (const row of rows) {
    const view = await service.getInstance(row.id);
    if (view.tasks.some((t) => t.status === 'open')) return view;
  }
  return undefined;
}

/**
 * Completes open tasks of the business key's flows until `done()` says so, the playbook stops, or
 * nothing is open. `tick` moves the clock between moves.
 */
export async function drive(options: {
  db: Db;
  service: DrivingService;
  cast: Cast;
  businessKey: string;
  playbook: Playbook;
  done: () => Promise<boolean>;
  tick: () => void;
  maxMoves?: number;
}): Promise<void> {
  const { db, service, cast, businessKey, playbook } = options;
  for (let i = 0; i < (options.maxMoves ?? 40); i++) {
    if (await options.done()) return;
    const instance = await activeInstance(db, service, businessKey);
    const task = instance?.tasks.find((t) => t.status === 'open');
    if (!instance || !task) return;
    const move = playbook(task, instance);
    if (!move) return;
    const actor = (task.assignee ? cast.byId.get(task.assignee) : undefined) ?? cast.byUsername.get(move.as);
    if (!actor) throw new Error(`demo seed: nobody to act as ${move.as} on ${task.state}`);
    options.tick();
    try {
      await service.completeTask(
        task.id,
        {
          outcome: move.outcome,
          ...(move.data ? { data: move.data } : {}),
          ...(move.comment ? { comment: move.comment } : {}),
        },
        actor,
      );
    } catch (error) {
      // A broken playbook must say where it broke: the seed runs unattended at start-up.
      const details = JSON.stringify((error as { details?: unknown }).details ?? []);
      throw new Error(
        `demo seed: ${move.outcome} on ${task.state} of ${businessKey} as ${actor.username}: ${String(error)} ${details}`,
      );
    }
  }
}
