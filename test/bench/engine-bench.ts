/**
 * The engine's pure `start` / `step` against bare XState `initialTransition` / `transition` on the same
 * compiled machine and the same events: a draft ⇄ review loop whose submit assigns and whose return is
 * guarded by a CEL expression. Both sides run the same episode (start, then ROUNDS submit/return pairs),
 * so the state never grows without bound; ops are counted per transition, the start included.
 */
import { initialTransition, transition } from 'xstate';
import { compileWorkflow, type EngineEvent } from '../../engine/compile.ts';
import { directoryFromUsers } from '../../engine/simulate.ts';
import { start, step } from '../../engine/step.ts';
import type { Actor, InstanceState, StepOptions, WorkflowDefinition } from '../../engine/types.ts';

const ROUNDS = 10;
const OPS_PER_EPISODE = 1 + 2 * ROUNDS;

/** Submit (assign) and return (guarded) between a consultant's draft and a manager's review. */
export const LOOP_FLOW: WorkflowDefinition = {
  key: 'bench-loop',
  name: '审批循环',
  machine: {
    id: 'benchLoop',
    initial: 'draft',
    context: { rounds: 0, amount: 18980000, discount: 500000 },
    states: {
      draft: {
        meta: { task: { name: '提交', assignee: { roles: ['sales_consultant'] }, outcomes: ['submit'] } },
        on: {
          SUBMIT: {
            target: 'review',
            actions: { type: 'assign', params: { values: { rounds: 'rounds + 1' } } },
          },
        },
      },
      review: {
        meta: {
          task: { name: '经理审批', assignee: { roles: ['sales_manager'] }, outcomes: ['return', 'approve'] },
        },
        on: {
          RETURN: { target: 'draft', guard: { type: 'expr', params: { expr: 'discount < amount / 10' } } },
          APPROVE: 'approved',
        },
      },
      approved: { type: 'final' },
    },
  },
};

const CONSULTANT: Actor = {
  id: 'u-consultant',
  username: 'consultant',
  roles: ['sales_consultant'],
  storeId: 'BJ01',
};
const MANAGER: Actor = { id: 'u-manager', username: 'manager', roles: ['sales_manager'], storeId: 'BJ01' };
const NOW = new Date('2026-11-23T09:00:00Z');

function options(actor: Actor, counter: { n: number }): StepOptions {
  return {
    actor,
    now: NOW,
    newId: () => `id-${++counter.n}`,
    directory: directoryFromUsers([CONSULTANT, MANAGER]),
    storeId: 'BJ01',
  };
}

/** One engine episode: start, then ROUNDS × (complete submit, complete return). */
function engineEpisode(asConsultant: StepOptions, asManager: StepOptions): void {
  const started = start(LOOP_FLOW, {}, asConsultant);
  if (!started.ok) throw new Error(started.error.message);
  let state: InstanceState = started.state;
  let open = started.tasksOpened[0]!.id;
  for (let r = 0; r < ROUNDS; r++) {
    for (const [outcome, opts] of [
      ['submit', asConsultant],
      ['return', asManager],
    ] as const) {
      const out = step(LOOP_FLOW, state, { kind: 'complete', taskId: open, outcome }, opts);
      if (!out.ok) throw new Error(out.error.message);
      state = out.state;
      open = out.tasksOpened[0]!.id;
    }
  }
}

/** The same episode on bare XState: the events carry what the engine's events carry. */
function xstateEpisode(): void {
  const { machine } = compileWorkflow(LOOP_FLOW);
  const now = NOW.toISOString();
  let [snapshot] = initialTransition(machine, { data: {}, actor: CONSULTANT, now });
  const submit: EngineEvent = { type: 'SUBMIT', data: {}, taskState: 'draft', actor: CONSULTANT, now };
  const back: EngineEvent = { type: 'RETURN', data: {}, taskState: 'review', actor: MANAGER, now };
  for (let r = 0; r < ROUNDS; r++) {
    [snapshot] = transition(machine, snapshot, submit);
    [snapshot] = transition(machine, snapshot, back);
  }
  if (snapshot.value !== 'draft' || (snapshot.context as { rounds: number }).rounds !== ROUNDS) {
    throw new Error(`bare XState ended in ${JSON.stringify(snapshot.value)}`);
  }
}

function opsPerSecond(episodes: number, run: () => void): number {
  const t0 = performance.now();
  for (let i = 0; i < episodes; i++) run();
  return (episodes * OPS_PER_EPISODE) / ((performance.now() - t0) / 1000);
}

export interface EngineBenchResult {
  episodes: number;
  opsPerEpisode: number;
  engineOpsPerSec: number;
  xstateOpsPerSec: number;
  ratio: number;
}

/**
 * Runs both sides after a warm-up, interleaved over `samples` rounds of `episodes` episodes each, and
 * returns the best ops/s of each side: on a shared machine other processes only ever slow a sample
 * down, so the fastest sample is the least disturbed one (interleaving gives both sides equal chances).
 */
export function runEngineBench(episodes = 150, samples = 21): EngineBenchResult {
  const counter = { n: 0 };
  const asConsultant = options(CONSULTANT, counter);
  const asManager = options(MANAGER, counter);
  const engine = () => engineEpisode(asConsultant, asManager);
  for (let w = 0; w < 3; w++) {
    opsPerSecond(episodes, engine);
    opsPerSecond(episodes, xstateEpisode);
  }
  const e: number[] = [];
  const x: number[] = [];
  for (let s = 0; s < samples; s++) {
    e.push(opsPerSecond(episodes, engine));
    x.push(opsPerSecond(episodes, xstateEpisode));
  }
  const engineOpsPerSec = Math.max(...e);
  const xstateOpsPerSec = Math.max(...x);
  return {
    episodes: episodes * samples,
    opsPerEpisode: OPS_PER_EPISODE,
    engineOpsPerSec,
    xstateOpsPerSec,
    ratio: engineOpsPerSec / xstateOpsPerSec,
  };
}
