import { validateDefinition } from '../../engine/definition/validate.ts';
import { createSimulation } from '../../engine/simulate.ts';
import type { WorkflowDefinition } from '../../engine/types.ts';
import { sample, TREE_SAMPLES } from './fixtures/load.ts';
import { actorFor, simulatedDirectory } from './simulate-model.ts';
import {
  type ApprovalTree,
  addBranch,
  createNode,
  type FlowNode,
  findNode,
  insertNode,
  machineToTree,
  type TreeEdit,
  treeToMachine,
  updateBranch,
  updateNode,
} from './tree-model.ts';

function ok(edit: TreeEdit): ApprovalTree {
  if (!edit.ok) throw new Error(edit.reason);
  return edit.tree;
}

/** Inserts a node of each kind after `afterId`, filled in as a designer user would. */
function withEveryKind(tree: ApprovalTree, afterId: string, field = 'discount'): ApprovalTree {
  let t = tree;
  const add = (node: FlowNode, after = afterId) => {
    t = ok(insertNode(t, after, node));
    return node;
  };
  const timer = add(createNode(t, 'timer'));
  const par = add(createNode(t, 'parallel'));
  const cond = add(createNode(t, 'condition'));
  const cc = add(createNode(t, 'cc'));
  const handler = add(createNode(t, 'handler'));
  const approval = add(createNode(t, 'approval'));
  t = ok(
    updateNode(t, approval.id, {
      task: { name: '财务审批', assignee: { roles: ['finance'] }, outcomes: ['approve', 'reject'] },
    }),
  );
  t = ok(updateNode(t, handler.id, { task: { name: '登记', assignee: { expr: 'actor.username' } } }));
  t = ok(updateNode(t, cc.id, { recipients: { roles: ['general_manager'] } }));
  const condNode = findNode(t, cond.id);
  if (condNode?.kind !== 'condition') throw new Error('no condition');
  t = ok(updateBranch(t, condNode.branches[0]?.id ?? '', { expr: `${field} > 100` }));
  t = ok(addBranch(t, cond.id));
  const again = findNode(t, cond.id);
  if (again?.kind !== 'condition') throw new Error('no condition');
  t = ok(updateBranch(t, again.branches[1]?.id ?? '', { expr: `${field} > 50` }));
  const parNode = findNode(t, par.id);
  if (parNode?.kind !== 'parallel') throw new Error('no parallel');
  const inRegion = createNode(t, 'handler');
  t = ok(insertNode(t, parNode.branches[0]?.id ?? '', inRegion));
  t = ok(updateNode(t, inRegion.id, { task: { name: '复核', assignee: { roles: ['finance'] } } }));
  t = ok(updateNode(t, timer.id, { duration: 'PT2H' }));
  return t;
}

describe('machines written by the tree are valid engine definitions', () => {
  it.each(Object.keys(TREE_SAMPLES))(
    'sample %s validates before and after inserting every kind of node',
    (key) => {
      const def = sample(key);
      expect(validateDefinition(def).map((p) => `${p.path}: ${p.message}`)).toEqual([]);
      const r = machineToTree(def.machine);
      if (!r.ok) throw new Error(r.reason);
      const edited: WorkflowDefinition = {
        ...def,
        machine: treeToMachine(
          withEveryKind(r.tree, r.tree.start.id, Object.keys(def.machine.context ?? {})[0]),
          def.machine,
        ),
      };
      expect(validateDefinition(edited).map((p) => `${p.path}: ${p.message}`)).toEqual([]);
    },
  );

  it('runs an edited flow through every new node in the engine simulator', () => {
    const def = sample('discount-approval');
    const r = machineToTree(def.machine);
    if (!r.ok) throw new Error(r.reason);
    const edited: WorkflowDefinition = {
      ...def,
      machine: treeToMachine(withEveryKind(r.tree, 'managerReview'), def.machine),
    };
    let now = new Date('2026-11-23T01:00:00.000Z');
    const sim = createSimulation(edited, {
      directory: simulatedDirectory(),
      storeId: 'BJ01',
      clock: () => now,
    });
    sim.start(
      { consultant: 'li', discount: 80, discountRate: 0.01 },
      { id: 's', username: 'li', roles: [], storeId: 'BJ01' },
    );
    const names: string[] = [];
    for (let i = 0; i < 20 && sim.status === 'active'; i++) {
      const [task] = sim.openTasks();
      if (!task) {
        now = new Date(now.getTime() + 3 * 3600_000);
        sim.fireDueTimers(now);
        continue;
      }
      names.push(task.name);
      const outcome = task.outcomes.includes('approve') ? 'approve' : (task.outcomes[0] ?? 'complete');
      const out = sim.complete(task.id, outcome, undefined, actorFor(task));
      if (!out.ok) throw new Error(out.error.message);
    }
    expect(sim.status).toBe('done');
    // discount 80: the new condition's second branch (> 50) and then amountCheck's else branch (no GM).
    expect(names).toEqual(['填写优惠申请', '销售经理审批', '财务审批', '登记', '复核']);
    expect(sim.effects.map((e) => e.name)).toContain('notify');
  });
});
