import { createSimulation } from '../../engine/simulate.ts';
import { sample } from './fixtures/load.ts';
import { actorFor, choiceWords, chooseBranches, simulatedDirectory } from './simulate-model.ts';

describe('chooseBranches', () => {
  it('picks the first branch whose guard holds, else the else branch', () => {
    const m = sample('discount-approval').machine;
    const at = (ctx: Record<string, number>) => chooseBranches(m, ctx).map((c) => [c.state, c.target]);
    expect(at({ discount: 2000000, discountRate: 0.1 })).toEqual([['amountCheck', 'gmReview']]);
    expect(at({ discount: 2000000, discountRate: 0.4 })).toEqual([['amountCheck', 'autoRejected']]);
    expect(at({ discount: 100, discountRate: 0.01 })).toEqual([['amountCheck', 'ccFinance']]);
  });

  it('reports an expression that cannot be evaluated with the data', () => {
    const [choice] = chooseBranches(sample('discount-approval').machine, {});
    expect(choice?.index).toBe(-1);
    expect(choice?.error).toMatch(/\S/);
  });
});

describe('choiceWords', () => {
  const machine = {
    id: 'm',
    initial: 'condition1',
    states: {
      condition1: {
        always: [
          { target: 'gm', guard: { type: 'expr', params: { expr: 'price < cost' } } },
          { target: 'done' },
        ],
      },
      labelled: { meta: { label: '金额判断' }, always: [{ target: 'done' }] },
      gm: {},
      done: { type: 'final' as const },
    },
  };

  it('names a generated choice state by its conditions in words, a labelled one by its label', () => {
    expect(choiceWords(machine, 'condition1', { price: '申请价格', cost: '成本价' })).toBe(
      '申请价格 小于 成本价',
    );
    expect(choiceWords(machine, 'labelled', {})).toBe('金额判断');
  });
});

describe('simulating a draft', () => {
  it('runs the sample flow to its end choosing outcomes as the simulated assignees', () => {
    const def = sample('discount-approval');
    const sim = createSimulation(def, { directory: simulatedDirectory(), storeId: 'BJ01' });
    const starter = { id: 'starter', username: 'consultant', roles: ['sales_consultant'], storeId: 'BJ01' };
    expect(sim.start({ consultant: 'consultant', discount: 2000000, discountRate: 0.1 }, starter).ok).toBe(
      true,
    );
    const step = (outcome: string) => {
      const [task] = sim.openTasks();
      if (!task) throw new Error('no open task');
      const out = sim.complete(task.id, outcome, undefined, actorFor(task));
      if (!out.ok) throw new Error(out.error.message);
      return task.name;
    };
    expect(step('submit')).toBe('填写优惠申请');
    expect(step('approve')).toBe('销售经理审批');
    expect(step('approve')).toBe('总经理审批');
    expect(sim.status).toBe('done');
    expect(sim.effects.map((e) => e.name)).toContain('order.setStatus');
  });
});
