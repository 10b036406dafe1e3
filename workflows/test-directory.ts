/**
 * A small user directory for the shipped-flow tests, after docs/dealership.md's demo users: store BJ01's staff,
 * the group's general manager, and a sales manager of SH01 who must never see BJ01's tasks.
 */
import {
  type Actor,
  addDuration,
  createSimulation,
  type Directory,
  type DirectoryUser,
  directoryFromUsers,
  type Effect,
  type JsonObject,
  type Simulation,
  type StepOutcome,
  type StepResult,
  type TaskRecord,
} from '../engine/index.ts';
import type { FormVersion } from '../forms/types.ts';
import { FORMS, getShippedWorkflow } from './index.ts';

/** The store every test instance belongs to. */
export const STORE = 'BJ01';

const user = (username: string, role: string, storeId: string | null): DirectoryUser => ({
  id: `u-${username}`,
  username,
  roles: [role],
  storeId,
});

/** Test users by username. */
export const USERS = {
  manager: user('manager', 'sales_manager', STORE),
  gm: user('gm', 'general_manager', null),
  consultant: user('consultant', 'sales_consultant', STORE),
  consultant2: user('consultant2', 'sales_consultant', STORE),
  finance: user('finance', 'finance', STORE),
  logistics: user('logistics', 'logistics', STORE),
  service: user('service', 'service_advisor', STORE),
  managerSh: user('manager_sh', 'sales_manager', 'SH01'),
} as const;

/** docs/dealership.md's role codes. */
export const ROLES = [
  'admin',
  'general_manager',
  'sales_manager',
  'sales_consultant',
  'finance',
  'logistics',
  'service_advisor',
];

/** The directory the simulator resolves assignees with. */
export const directory: Directory = directoryFromUsers(Object.values(USERS));

/** The actor a test user acts as. */
export function actor(username: keyof typeof USERS): Actor {
  const u = USERS[username];
  return { id: u.id, username: u.username, roles: [...u.roles], storeId: u.storeId };
}

/** The shipped forms as published version 1, for the simulator to pin and validate task data against. */
export function shippedForms(key: string): FormVersion | undefined {
  const form = FORMS.find((f) => f.key === key);
  return form ? { ...form, version: 1 } : undefined;
}

/** A simulated instance of a shipped flow in store BJ01, on a fake clock the test moves. */
export interface Drive {
  sim: Simulation;
  /**
   * Completes the single open task as `username` and expects the engine to accept it. Like the
   * decision page, a `reviewComment` in `data` goes as the task comment too.
   */
  act(username: keyof typeof USERS, outcome: string, data?: JsonObject): StepResult;
  /** The single open task (fails the test when there are none or several). */
  task(): TaskRecord;
  /** Effects emitted since the instance started (or since `clearEffects`). */
  effects(): Effect[];
  /** Effect names emitted since the instance started (or since `clearEffects`). */
  effectNames(): string[];
  /** Effects as `name:status|template|kind` strings, readable in assertions. */
  effectLog(): string[];
  /** Forgets the effects seen so far, so the next assertion reads one stage. */
  clearEffects(): void;
  /** Moves the fake clock and fires due timers. */
  advance(isoDuration: string): void;
}

/** The instant every test starts at (a Monday morning in Beijing). */
export const T0 = new Date('2026-11-23T01:00:00.000Z');

/**
 * Starts a shipped flow in the simulator with `input` as `starter` and returns a driver.
 *
 * @example
 * const d = drive('order-approval', { orderId: 'o1', consultant: 'consultant' });
 * d.act('manager', 'approve', { reviewComment: '同意' });
 */
export function drive(key: string, input: JsonObject, starter: keyof typeof USERS = 'consultant'): Drive {
  let now = T0;
  const sim = createSimulation(getShippedWorkflow(key), {
    directory,
    forms: shippedForms,
    clock: () => now,
    storeId: STORE,
  });
  expectOk(sim.start({ storeId: STORE, ...input }, actor(starter)));
  let seen = 0;
  const fresh = () => sim.effects.slice(seen);
  return {
    sim,
    act(username, outcome, data) {
      const open = sim.openTasks();
      if (open.length !== 1)
        throw new Error(`expected one open task, found ${open.map((t) => t.name).join(', ')}`);
      const comment = typeof data?.reviewComment === 'string' ? data.reviewComment : undefined;
      return expectOk(sim.complete(open[0]!.id, outcome, data ?? {}, actor(username), comment));
    },
    task() {
      const open = sim.openTasks();
      if (open.length !== 1)
        throw new Error(`expected one open task, found ${open.map((t) => t.name).join(', ')}`);
      return open[0]!;
    },
    effects: fresh,
    effectNames: () => fresh().map((e) => e.name),
    effectLog: () => fresh().map(describeEffect),
    clearEffects: () => {
      seen = sim.effects.length;
    },
    advance(isoDuration) {
      now = new Date(addDuration(now.toISOString(), isoDuration));
      for (const out of sim.fireDueTimers(now)) expectOk(out);
    },
  };
}

function describeEffect(e: Effect): string {
  const detail = e.args.status ?? e.args.template ?? e.args.kind ?? e.args.workflowKey ?? e.args.topic;
  return typeof detail === 'string' ? `${e.name}:${detail}` : e.name;
}

/** Narrows a step outcome to success, failing with the engine's message otherwise. */
export function expectOk(out: StepOutcome): StepResult {
  if (!out.ok)
    throw new Error(
      `engine refused: ${out.error.code} ${out.error.message} ${JSON.stringify(out.error.details ?? [])}`,
    );
  return out;
}
