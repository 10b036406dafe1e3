import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MachineConfig, WorkflowDefinition } from '../../engine/types.ts';
import { LOOP_SAMPLE, sample, TREE_SAMPLES } from './fixtures/load.ts';
import {
  type ApprovalTree,
  type ConditionNode,
  machineToTree,
  type TreeEdit,
  treeToMachine,
} from './tree-model.ts';

// vitest runs from the project root; jsdom's import.meta.url is not a file URL.
const WORKFLOWS_DIR = join(process.cwd(), 'workflows');
const shipped: [string, WorkflowDefinition][] = readdirSync(WORKFLOWS_DIR)
  .filter((f) => f.endsWith('.workflow.json'))
  .map((f) => [f, JSON.parse(readFileSync(join(WORKFLOWS_DIR, f), 'utf8')) as WorkflowDefinition]);

function treeOf(m: MachineConfig): ApprovalTree {
  const r = machineToTree(m);
  if (!r.ok) throw new Error(r.reason);
  return r.tree;
}

function _ok(edit: TreeEdit): ApprovalTree {
  if (!edit.ok) throw new Error(edit.reason);
  return edit.tree;
}

const orderApproval = () => sample('discount-approval').machine;

describe('machineToTree / treeToMachine round trip', () => {
  it.each(Object.entries(TREE_SAMPLES))('gives back sample %s unchanged', (_, def) => {
    const r = machineToTree(def.machine);
    expect(r.ok).toBe(true);
    if (r.ok) expect(treeToMachine(r.tree, def.machine)).toStrictEqual(def.machine);
  });

  it('finds the shipped workflows directory', () => {
    expect(shipped.length).toBeGreaterThan(0);
  });

  it.each(shipped)('gives back shipped %s unchanged when it is tree-shaped', (_, def) => {
    const r = machineToTree(def.machine);
    if (r.ok) expect(treeToMachine(r.tree, def.machine)).toStrictEqual(def.machine);
    else expect(r.reason).toMatch(/\S/);
  });

  it('reads the shipped order approval as a tree', () => {
    const def = shipped.find(([f]) => f === 'order-approval.workflow.json')?.[1];
    expect(def).toBeDefined();
    const tree = treeOf((def as WorkflowDefinition).machine);
    expect(tree.start.state).toBe('returned');
    expect(tree.nodes.map((n) => n.kind)).toEqual(['approval', 'condition', 'end']);
    expect(Object.keys(tree.extraStates).sort()).toEqual(['rejected', 'withdrawn']);
  });

  it('also gives back the machine without the original (key order aside)', () => {
    const m = orderApproval();
    expect(treeToMachine(treeOf(m))).toEqual(m);
  });
});

describe('machineToTree', () => {
  it('reads the submitter, approvals, branches that end and the rejoin point', () => {
    const tree = treeOf(orderApproval());
    expect(tree.start).toMatchObject({ state: 'apply', initial: true });
    expect(tree.nodes.map((n) => `${n.kind}:${n.state}`)).toEqual([
      'approval:managerReview',
      'condition:amountCheck',
      'cc:ccFinance',
      'end:approved',
    ]);
    const cond = tree.nodes[1] as ConditionNode;
    expect(cond.branches.map((b) => [b.name, b.expr, b.nodes.map((n) => n.state)])).toEqual([
      ['优惠比例超过 30%', 'discountRate > 0.3', ['autoRejected']],
      ['优惠超过一万元', 'discount > 1000000', ['gmReview']],
      [undefined, undefined, []],
    ]);
    expect(tree.nodes[0]).toMatchObject({
      allowReject: true,
      allowReturn: true,
      rejectTo: 'rejected',
      returnTo: 'apply',
    });
    expect(tree.rejectTo).toBe('rejected');
  });

  it('reads parallel regions, timers, handlers and automatic steps', () => {
    const tree = treeOf(sample('vehicle-handover').machine);
    expect(tree.nodes.map((n) => n.kind)).toEqual(['parallel', 'timer', 'handler', 'action', 'end']);
    const par = tree.nodes[0];
    if (par?.kind !== 'parallel') throw new Error('not parallel');
    expect(par.branches.map((b) => [b.region, b.nodes.map((n) => n.kind)])).toEqual([
      ['pdi', ['handler', 'end']],
      ['documents', ['approval', 'handler', 'end']],
    ]);
    expect(par.branches[1]?.nodes[0]).toMatchObject({ rejectTo: 'cancelled' });
    expect(tree.nodes[1]).toMatchObject({ duration: 'P1D' });
  });

  it('rejoins nested conditions where their branches meet', () => {
    const tree = treeOf(sample('complaint-routing').machine);
    expect(tree.nodes.map((n) => n.state)).toEqual(['route', 'confirm', 'closed']);
    const route = tree.nodes[0] as ConditionNode;
    const inner = route.branches[0]?.nodes[0] as ConditionNode;
    expect(inner.branches.map((b) => b.nodes.map((n) => n.state))).toEqual([['gmHandle'], ['managerHandle']]);
    expect(route.branches[1]?.nodes.map((n) => n.state)).toEqual(['handle']);
  });

  it('says a loop back to an earlier task is not a tree', () => {
    const r = machineToTree(LOOP_SAMPLE.machine);
    expect(r).toMatchObject({ ok: false, code: 'off-path-task', state: 'rework' });
  });

  it('says why a condition without an else branch does not fit', () => {
    const m = orderApproval();
    const always = m.states?.amountCheck?.always;
    if (Array.isArray(always)) always.pop();
    expect(machineToTree(m)).toMatchObject({ ok: false, code: 'no-else', state: 'amountCheck' });
  });

  it('says why nested compound states do not fit', () => {
    const m = orderApproval();
    m.states = { ...m.states, gmReview: { initial: 'a', states: { a: { type: 'final' } } } };
    expect(machineToTree(m)).toMatchObject({ ok: false, code: 'nested-state', state: 'gmReview' });
  });

  it('says why branches that cross each other do not fit', () => {
    const task = (next: string) => ({
      meta: { task: { name: next, assignee: { roles: ['x'] } } },
      on: { COMPLETE: next },
    });
    const guard = (expr: string) => ({ type: 'expr', params: { expr } });
    const m: MachineConfig = {
      id: 'tangle',
      initial: 'split',
      states: {
        split: {
          always: [{ guard: guard('a'), target: 'c' }, { guard: guard('b'), target: 'mid' }, { target: 'd' }],
        },
        mid: { always: [{ guard: guard('c'), target: 'c' }, { target: 'd' }] },
        c: task('endA'),
        d: task('endB'),
        endA: { type: 'final' },
        endB: { type: 'final' },
      },
    };
    expect(machineToTree(m)).toMatchObject({ ok: false, code: 'tangled-branches', state: 'split' });
  });

  it('says why a transition loop among automatic states does not fit', () => {
    const m: MachineConfig = {
      id: 'loop',
      initial: 'a',
      states: { a: { always: 'b' }, b: { always: 'a' } },
    };
    expect(machineToTree(m)).toMatchObject({ ok: false, code: 'shared-state' });
  });
});

describe('machines simple mode cannot show', () => {
  it('calls a parallel machine parallel, not empty', () => {
    const r = machineToTree({
      id: 'p',
      type: 'parallel',
      states: {
        paperwork: { initial: 'x', states: { x: { type: 'final' } } },
        vehicle: { initial: 'y', states: { y: { type: 'final' } } },
      },
    });
    expect(r).toMatchObject({ ok: false, code: 'parallel-root' });
    expect(!r.ok && r.reason).toBe(
      '整个流程是并行状态（区域：paperwork、vehicle），简单模式只能表示从一个起点开始的流程',
    );
  });

  it('says so when the initial state is missing, and only an empty machine is called empty', () => {
    expect(machineToTree({ id: 'm', initial: 'gone', states: { a: { type: 'final' } } })).toMatchObject({
      ok: false,
      reason: '起始状态“gone”不存在',
    });
    expect(machineToTree({ id: 'm', states: {} })).toMatchObject({ ok: false, code: 'no-states' });
  });
});
