import { transition, initialTransition } from 'xstate';
import { compileWorkflow, SYSTEM_ACTOR } from '../engine/compile.ts';
import { start, step } from '../engine/step.ts';
import { directoryFromUsers } from '../engine/simulate.ts';
import type { WorkflowDefinition, InstanceState, StepOptions } from '../engine/types.ts';

const def: WorkflowDefinition = { key: 'b', name: 'b', machine: { id: 'b', initial: 'a', context: { order: { discount: 100, items: Array.from({length: 20}, (_, i) => ({ sku: 'x' + i, price: i })) }, n: 0 },
  states: {
    a: { meta: { task: { name: 'A', assignee: { roles: ['r'] }, outcomes: ['go'] } }, after: { PT4H: 'b' }, on: { GO: [{ target: 'b', guard: { type: 'expr', params: { expr: 'order.discount > 5000' } } }, { target: 'b' }] } },
    b: { meta: { task: { name: 'B', assignee: { roles: ['r'] }, outcomes: ['go'] } }, on: { GO: { target: 'a', actions: { type: 'assign', params: { values: { n: 'n + 1' } } } } } },
  } } };
const directory = directoryFromUsers([{ id: 'u1', username: 'u', roles: ['r'], storeId: 's' }]);
let i = 0;
const opts: StepOptions = { actor: { id: 'u1', username: 'u', roles: ['r'], storeId: 's' }, now: new Date('2026-01-01T00:00:00Z'), newId: () => 'id' + ++i, directory, storeId: 's' };
const N = 5000;
const { machine } = compileWorkflow(def);
let [s] = initialTransition(machine, { data: {}, actor: SYSTEM_ACTOR, now: '2026-01-01T00:00:00Z' });
const bareRun = (n: number) => { for (let k = 0; k < n; k++) [s] = transition(machine, s, { type: 'GO', data: {}, actor: opts.actor } as never); };
const first = start(def, {}, opts);
if (!first.ok) throw new Error('x');
let state: InstanceState = first.state;
const engRun = (n: number) => { for (let k = 0; k < n; k++) {
  const open = Object.values(state.tasks).find((x) => x.status === 'open')!;
  const out = step(def, state, { kind: 'complete', taskId: open.id, outcome: 'go' }, opts);
  if (!out.ok) throw new Error(out.error.message);
  state = { ...out.state, tasks: Object.fromEntries(Object.entries(out.state.tasks).filter(([, x]) => x.status === 'open')), steps: Object.fromEntries(Object.entries(out.state.steps).filter(([, x]) => x.status !== 'closed')) };
} };
const time = (f: (n: number) => void) => { const t = performance.now(); f(N); return N / ((performance.now() - t) / 1000); };
if (process.env.ONLY === "bare") { bareRun(2000); const t0 = performance.now(); bareRun(40000); console.log("bare only", Math.round(40000 / ((performance.now() - t0) / 1000))); process.exit(0); }
if (process.env.ONLY) { engRun(2000); const t0 = performance.now(); engRun(40000); console.log("eng only", Math.round(40000 / ((performance.now() - t0) / 1000))); process.exit(0); }
bareRun(2000); engRun(2000);
let bestBare = 0, bestEng = 0;
for (let r = 0; r < 8; r++) { bestBare = Math.max(bestBare, time(bareRun)); bestEng = Math.max(bestEng, time(engRun)); }
console.log({ bestBare: Math.round(bestBare), bestEng: Math.round(bestEng), ratio: (bestEng / bestBare).toFixed(2) });
