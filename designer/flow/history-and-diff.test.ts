import { summarizeChanges } from './definition-diff.ts';
import { sample } from './fixtures/load.ts';
import { initHistory, pushHistory, redoHistory, undoHistory } from './history-model.ts';
import { createNode, insertNode, machineToTree, treeToMachine, updateNode } from './tree-model.ts';

describe('undo history', () => {
  it('undoes and redoes in order and forgets the redo branch after a new change', () => {
    let h = pushHistory(pushHistory(initHistory('a'), 'b'), 'c');
    h = undoHistory(undoHistory(h));
    expect(h.present).toBe('a');
    h = redoHistory(h);
    expect(h.present).toBe('b');
    h = pushHistory(h, 'd');
    expect(redoHistory(h).present).toBe('d');
    expect(undoHistory(h).present).toBe('b');
  });

  it('keeps at most the limit of past steps and ignores undo at the start', () => {
    let h = initHistory(0);
    for (let i = 1; i <= 5; i++) h = pushHistory(h, i, 3);
    expect(h.past).toEqual([2, 3, 4]);
    expect(undoHistory(initHistory(1))).toEqual(initHistory(1));
  });
});

describe('summarizeChanges', () => {
  it('says it is the first publication when nothing was published', () => {
    expect(summarizeChanges(null, sample('discount-approval'))).toEqual([
      { kind: 'added', state: '', text: '首次发布' },
    ]);
  });

  it('lists added, removed and changed states by their task names', () => {
    const before = sample('discount-approval');
    const r = machineToTree(before.machine);
    if (!r.ok) throw new Error(r.reason);
    let tree = r.tree;
    const node = createNode(tree, 'approval');
    const inserted = insertNode(tree, 'managerReview', node);
    if (!inserted.ok) throw new Error(inserted.reason);
    const renamed = updateNode(inserted.tree, node.id, {
      task: { name: '财务审批', assignee: { roles: ['finance'] } },
    });
    if (!renamed.ok) throw new Error(renamed.reason);
    tree = renamed.tree;
    const after = { ...before, name: '优惠审批', machine: treeToMachine(tree, before.machine) };
    delete after.machine.states?.autoRejected;
    const texts = summarizeChanges(before, after).map((l) => l.text);
    expect(texts).toEqual([
      '修改流程：名称',
      '新增 财务审批 (approval1)',
      '删除 autoRejected',
      '修改 销售经理审批 (managerReview)：流转',
    ]);
  });

  it('finds nothing to say about an unchanged definition', () => {
    expect(summarizeChanges(sample('vehicle-handover'), sample('vehicle-handover'))).toEqual([]);
  });
});
