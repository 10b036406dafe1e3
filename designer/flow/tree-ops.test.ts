import type { MachineConfig, TransitionConfig } from '../../engine/types.ts';
import { sample } from './fixtures/load.ts';
import { transitionList } from './machine-utils.ts';
import {
  type ApprovalTree,
  addBranch,
  type ConditionNode,
  copyNode,
  createNode,
  finalStatesOf,
  findNode,
  insertNode,
  machineToTree,
  removeBranch,
  removeNode,
  type TreeEdit,
  treeToMachine,
  updateBranch,
  updateNode,
} from './tree-model.ts';

function treeOf(m: MachineConfig): ApprovalTree {
  const r = machineToTree(m);
  if (!r.ok) throw new Error(r.reason);
  return r.tree;
}

function ok(edit: TreeEdit): ApprovalTree {
  if (!edit.ok) throw new Error(edit.reason);
  return edit.tree;
}

const discount = () => sample('discount-approval').machine;
const target = (t: unknown) => (typeof t === 'string' ? t : (t as TransitionConfig).target);

/** Emits and re-reads, so every edit is also checked to give a machine that is still a tree. */
function emitted(tree: ApprovalTree, original?: MachineConfig): MachineConfig {
  const m = treeToMachine(tree, original);
  const again = machineToTree(m);
  expect(again.ok).toBe(true);
  if (again.ok) expect(treeToMachine(again.tree, m)).toStrictEqual(m);
  return m;
}

describe('insertNode', () => {
  it('inserts an approval after the manager and routes approve through it', () => {
    const m0 = discount();
    const tree = treeOf(m0);
    const node = createNode(tree, 'approval');
    const m = emitted(ok(insertNode(tree, 'managerReview', node)), m0);
    expect(node.state).toBe('approval1');
    expect(target(m.states?.managerReview?.on?.APPROVE)).toBe('approval1');
    expect(m.states?.approval1).toMatchObject({
      meta: {
        task: {
          name: '审批人',
          assignee: { roles: [] },
          mode: 'any',
          outcomes: ['approve', 'reject', 'return'],
        },
      },
      on: { APPROVE: 'amountCheck', REJECT: 'rejected', RETURN: 'apply' },
    });
  });

  it('inserts first in the main line after the start node', () => {
    const m0 = discount();
    const tree = treeOf(m0);
    const m = emitted(ok(insertNode(tree, tree.start.id, createNode(tree, 'handler'))), m0);
    expect(target(m.states?.apply?.on?.SUBMIT)).toBe('handler1');
    expect(m.initial).toBe('apply');
    expect(m.states?.handler1?.on).toEqual({ COMPLETE: 'managerReview' });
  });

  it('inserts into an empty else branch, which then leads on to the rejoin point', () => {
    const m0 = discount();
    const tree = treeOf(m0);
    const cond = findNode(tree, 'amountCheck') as ConditionNode;
    const elseId = cond.branches[2]?.id ?? '';
    const m = emitted(ok(insertNode(tree, elseId, createNode(tree, 'timer'))), m0);
    const always = m.states?.amountCheck?.always as TransitionConfig[];
    expect(always[2]).toEqual({ target: 'timer1' });
    expect(m.states?.timer1).toEqual({ after: { PT1H: 'ccFinance' } });
  });

  it('inserts a condition whose two empty branches both lead on', () => {
    const m0 = discount();
    const tree = treeOf(m0);
    const m = emitted(ok(insertNode(tree, 'ccFinance', createNode(tree, 'condition'))), m0);
    expect(m.states?.condition1?.always).toEqual([
      { description: '条件1', guard: { type: 'expr', params: { expr: '' } }, target: 'approved' },
      { description: '其他情况', target: 'approved' },
    ]);
    expect(m.states?.ccFinance?.always).toBe('condition1');
  });

  it('inserts a parallel node with two regions that finish before moving on', () => {
    const m0 = discount();
    const tree = treeOf(m0);
    const m = emitted(ok(insertNode(tree, 'ccFinance', createNode(tree, 'parallel'))), m0);
    const par = m.states?.parallel1 as MachineConfig & { onDone?: unknown };
    expect(par.type).toBe('parallel');
    expect(par.onDone).toBe('approved');
    expect(par.states?.branch1).toEqual({ initial: 'done', states: { done: { type: 'final' } } });
  });

  it('inserts a cc node that notifies its recipients through an effect', () => {
    const m0 = discount();
    const tree = treeOf(m0);
    const node = createNode(tree, 'cc');
    let t = ok(insertNode(tree, 'managerReview', node));
    t = ok(updateNode(t, node.id, { recipients: { roles: ['finance', 'general_manager'] } }));
    const m = emitted(t, m0);
    expect(m.states?.cc1).toMatchObject({
      meta: { cc: { roles: ['finance', 'general_manager'] } },
      entry: [
        {
          type: 'effect',
          params: {
            name: 'notify',
            args: { payload: { recipients: { roles: ['finance', 'general_manager'] } } },
          },
        },
      ],
      always: 'amountCheck',
    });
  });

  it('lets a branch end the flow with an end node', () => {
    const m0 = discount();
    const tree = treeOf(m0);
    const cond = findNode(tree, 'amountCheck') as ConditionNode;
    const branch = cond.branches[1]?.id ?? '';
    const gmId = cond.branches[1]?.nodes[0]?.id ?? '';
    expect(insertNode(tree, branch, createNode(tree, 'end')).ok).toBe(false);
    const m = emitted(ok(insertNode(tree, gmId, createNode(tree, 'end'))), m0);
    expect(target(m.states?.gmReview?.on?.APPROVE)).toBe('end1');
    expect(m.states?.end1).toEqual({ type: 'final' });
  });

  it('refuses to insert after an end node or an end into the main line', () => {
    const tree = treeOf(discount());
    expect(insertNode(tree, 'approved', createNode(tree, 'approval'))).toMatchObject({ ok: false });
    expect(insertNode(tree, 'ccFinance', createNode(tree, 'end'))).toMatchObject({
      ok: false,
      reason: '结束节点只能放在条件分支的末尾',
    });
  });

  it('refuses a state name that is already used', () => {
    const tree = treeOf(discount());
    const node = { ...createNode(tree, 'handler'), state: 'gmReview' };
    expect(insertNode(tree, 'ccFinance', node)).toMatchObject({
      ok: false,
      reason: '状态名“gmReview”已被使用',
    });
  });

  it('leaves the input tree untouched', () => {
    const tree = treeOf(discount());
    const before = structuredClone(tree);
    insertNode(tree, 'managerReview', createNode(tree, 'approval'));
    expect(tree).toStrictEqual(before);
  });
});

describe('removeNode', () => {
  it('removes the general manager and routes his branch straight to the rejoin point', () => {
    const m0 = discount();
    const m = emitted(ok(removeNode(treeOf(m0), 'gmReview')), m0);
    expect(m.states?.gmReview).toBeUndefined();
    expect(transitionList(m.states?.amountCheck?.always)[1]?.target).toBe('ccFinance');
  });

  it('keeps a removed end that rejections still point at', () => {
    const m0 = sample('complaint-routing').machine;
    const tree = treeOf(m0);
    const node = createNode(tree, 'end');
    const withEnd = ok(insertNode(tree, 'gmHandle', { ...node, state: 'reopened', raw: { type: 'final' } }));
    const m = treeToMachine(ok(removeNode(withEnd, 'gmHandle')), m0);
    expect(m.states?.reopened).toEqual({ type: 'final' });
  });

  it('refuses to remove the start or the last end of the main line', () => {
    const tree = treeOf(discount());
    expect(removeNode(tree, tree.start.id)).toMatchObject({ ok: false, reason: '发起人节点不能删除' });
    expect(removeNode(tree, 'approved')).toMatchObject({ ok: false, reason: '流程必须以结束节点收尾' });
  });

  it('removes a whole condition with its branches', () => {
    const m0 = discount();
    const m = emitted(ok(removeNode(treeOf(m0), 'amountCheck')), m0);
    expect(Object.keys(m.states ?? {})).not.toContain('gmReview');
    expect(target(m.states?.managerReview?.on?.APPROVE)).toBe('ccFinance');
  });
});

describe('updateNode', () => {
  it('changes the assignee roles and mode of an approval', () => {
    const m0 = discount();
    const tree = treeOf(m0);
    const node = findNode(tree, 'gmReview');
    if (node?.kind !== 'approval') throw new Error('not approval');
    const task = { ...node.task, assignee: { roles: ['general_manager', 'admin'] }, mode: 'all' as const };
    const m = emitted(ok(updateNode(tree, 'gmReview', { task })), m0);
    expect(m.states?.gmReview?.meta?.task).toMatchObject({
      assignee: { roles: ['general_manager', 'admin'] },
      mode: 'all',
    });
  });

  it('drops the reject outcome and its transition when rejecting is not allowed', () => {
    const m0 = discount();
    const m = emitted(ok(updateNode(treeOf(m0), 'managerReview', { allowReject: false })), m0);
    expect(m.states?.managerReview?.meta?.task?.outcomes).toEqual(['approve', 'return']);
    expect(m.states?.managerReview?.on?.REJECT).toBeUndefined();
  });

  it('adds return to the submitter when allowed', () => {
    const m0 = discount();
    const m = emitted(ok(updateNode(treeOf(m0), 'gmReview', { allowReturn: true })), m0);
    expect(m.states?.gmReview?.meta?.task?.outcomes).toEqual(['approve', 'reject', 'return']);
    expect(m.states?.gmReview?.on?.RETURN).toBe('apply');
  });

  it('renames a state and the returns that point at it', () => {
    const m0 = discount();
    const tree = treeOf(m0);
    const m = emitted(ok(updateNode(tree, tree.start.id, { state: 'draft' })), m0);
    expect(m.initial).toBe('draft');
    expect(target(m.states?.managerReview?.on?.RETURN)).toBe('draft');
  });

  it('refuses a state name that is not an identifier', () => {
    expect(updateNode(treeOf(discount()), 'gmReview', { state: '总经理' })).toMatchObject({ ok: false });
  });

  it('changes a timer duration and keeps the timer transition actions', () => {
    const m0 = sample('vehicle-handover').machine;
    const m = emitted(ok(updateNode(treeOf(m0), 'waitCustomer', { duration: 'PT2H' })), m0);
    const after = m.states?.waitCustomer?.after ?? {};
    expect(Object.keys(after)).toEqual(['PT2H']);
    expect(after.PT2H).toMatchObject({
      target: 'handover',
      actions: [{ params: { name: 'notify.customer' } }],
    });
  });
});

describe('branches', () => {
  it('adds a guarded branch before the else branch', () => {
    const m0 = discount();
    const m = emitted(ok(addBranch(treeOf(m0), 'amountCheck')), m0);
    const always = m.states?.amountCheck?.always as TransitionConfig[];
    expect(always).toHaveLength(4);
    expect(always[2]).toEqual({
      description: '条件3',
      guard: { type: 'expr', params: { expr: '' } },
      target: 'ccFinance',
    });
  });

  it('edits a branch guard and name', () => {
    const m0 = discount();
    const tree = treeOf(m0);
    const b = (findNode(tree, 'amountCheck') as ConditionNode).branches[1]?.id ?? '';
    const m = emitted(ok(updateBranch(tree, b, { expr: 'discount > 2000000', name: '超两万' })), m0);
    expect(transitionList(m.states?.amountCheck?.always)[1]).toEqual({
      description: '超两万',
      guard: { type: 'expr', params: { expr: 'discount > 2000000' } },
      target: 'gmReview',
    });
  });

  it('refuses a guard on the else branch and removing it', () => {
    const tree = treeOf(discount());
    const elseId = (findNode(tree, 'amountCheck') as ConditionNode).branches[2]?.id ?? '';
    expect(updateBranch(tree, elseId, { expr: 'true' }).ok).toBe(false);
    expect(removeBranch(tree, elseId).ok).toBe(false);
  });

  it('dissolves a two-branch condition into its remaining branch', () => {
    const m0 = sample('complaint-routing').machine;
    const tree = treeOf(m0);
    const route = findNode(tree, 'route') as ConditionNode;
    const m = emitted(ok(removeBranch(tree, route.branches[0]?.id ?? '')), m0);
    expect(m.initial).toBe('handle');
    expect(Object.keys(m.states ?? {})).toEqual(['handle', 'confirm', 'closed', 'reopened']);
  });

  it('adds a region to a parallel node and keeps at least two', () => {
    const m0 = sample('vehicle-handover').machine;
    const tree = treeOf(m0);
    const m = emitted(ok(addBranch(tree, 'prepare')), m0);
    expect(Object.keys(m.states?.prepare?.states ?? {})).toEqual(['pdi', 'documents', 'branch3']);
    const par = findNode(tree, 'prepare');
    if (par?.kind !== 'parallel') throw new Error('not parallel');
    expect(removeBranch(tree, par.branches[0]?.id ?? '')).toMatchObject({
      ok: false,
      reason: '分支至少需要两个',
    });
  });
});

describe('finalStatesOf', () => {
  it('offers the main line ends and the finals kept aside as reject targets', () => {
    expect(finalStatesOf(treeOf(discount())).sort()).toEqual(['approved', 'autoRejected', 'rejected']);
  });

  it('points an approval at another final when its reject target changes', () => {
    const m0 = discount();
    const m = emitted(ok(updateNode(treeOf(m0), 'gmReview', { rejectTo: 'autoRejected' })), m0);
    expect(m.states?.gmReview?.on?.REJECT).toBe('autoRejected');
  });
});

describe('createNode and copyNode', () => {
  it('names new states without clashes', () => {
    const tree = treeOf(discount());
    const a = createNode(tree, 'approval');
    const t2 = ok(insertNode(tree, 'managerReview', a));
    expect(createNode(t2, 'approval').state).toBe('approval2');
  });

  it('copies a condition with fresh ids and state names throughout', () => {
    const tree = treeOf(discount());
    const cond = findNode(tree, 'amountCheck') as ConditionNode;
    const copy = copyNode(tree, cond) as ConditionNode;
    expect(copy.id).not.toBe(cond.id);
    expect(copy.state).toBe('amountCheck1');
    expect(copy.branches[1]?.nodes[0]?.state).toBe('gmReview1');
    const t2 = ok(insertNode(tree, 'ccFinance', copy));
    expect(treeToMachine(t2).states?.gmReview1).toBeDefined();
  });
});
