import { sample } from './fixtures/load.ts';
import {
  addState,
  connectStates,
  deleteState,
  deleteTransition,
  renameState,
  stateAt,
  updateTransition,
} from './graph-edits.ts';
import { layoutGraph } from './graph-layout.ts';
import { machineToGraph } from './graph-model.ts';
import { transitionList } from './machine-utils.ts';

const discount = () => sample('discount-approval').machine;
const handover = () => sample('vehicle-handover').machine;

describe('machineToGraph', () => {
  it('makes one node per state with task names as labels and marks the initial state', () => {
    const { nodes } = machineToGraph(discount());
    expect(nodes.map((n) => n.id)).toEqual([
      'apply',
      'managerReview',
      'amountCheck',
      'gmReview',
      'ccFinance',
      'approved',
      'autoRejected',
      'rejected',
    ]);
    expect(nodes[1]?.data).toMatchObject({ label: '销售经理审批', kind: 'task', initial: false });
    expect(nodes[0]?.data.initial).toBe(true);
    expect(nodes[2]?.data.kind).toBe('choice');
  });

  it('labels edges with their event and guard', () => {
    const { edges } = machineToGraph(discount());
    const fromCheck = edges.filter((e) => e.source === 'amountCheck').map((e) => [e.target, e.label]);
    expect(fromCheck).toEqual([
      ['autoRejected', 'always [discountRate > 0.3]'],
      ['gmReview', 'always [discount > 1000000]'],
      ['ccFinance', 'always'],
    ]);
    expect(edges.find((e) => e.source === 'managerReview' && e.target === 'apply')?.data).toMatchObject({
      event: 'RETURN',
      actions: 1,
    });
  });

  it('nests parallel regions as group nodes and resolves #id targets', () => {
    const { nodes, edges } = machineToGraph(handover());
    expect(nodes.find((n) => n.id === 'prepare')).toMatchObject({ type: 'region' });
    expect(nodes.find((n) => n.id === 'prepare.pdi')).toMatchObject({ type: 'region', parentId: 'prepare' });
    expect(nodes.find((n) => n.id === 'prepare.pdi.inspect')).toMatchObject({ parentId: 'prepare.pdi' });
    expect(
      edges.find((e) => e.source === 'prepare.documents.collect' && e.data?.event === 'REJECT')?.target,
    ).toBe('cancelled');
    expect(edges.find((e) => e.source === 'prepare')).toMatchObject({
      target: 'waitCustomer',
      label: 'done',
    });
    expect(edges.find((e) => e.source === 'waitCustomer')?.label).toBe('P1D');
  });
});

describe('layoutGraph', () => {
  it('places states top to bottom along the flow and sizes groups around their children', async () => {
    const { nodes, edges } = machineToGraph(handover());
    const laid = await layoutGraph(nodes, edges);
    const y = (id: string) => laid.find((n) => n.id === id)?.position.y ?? Number.NaN;
    expect(y('waitCustomer')).toBeLessThan(y('handover'));
    expect(y('handover')).toBeLessThan(y('delivered'));
    const group = laid.find((n) => n.id === 'prepare');
    expect(Number(group?.style?.width)).toBeGreaterThan(180);
  });
});

describe('graph edits', () => {
  it('connects two states with a new event', () => {
    const m = connectStates(discount(), 'gmReview', 'apply', 'RETURN');
    expect(m.states?.gmReview?.on?.RETURN).toBe('apply');
  });

  it('adds a second transition to an event that already has one', () => {
    const m = connectStates(discount(), 'gmReview', 'autoRejected', 'REJECT');
    expect(m.states?.gmReview?.on?.REJECT).toEqual([{ target: 'rejected' }, { target: 'autoRejected' }]);
  });

  it('writes targets outside the scope as #id paths', () => {
    const m = connectStates(handover(), 'prepare.pdi.inspect', 'cancelled', 'FAIL');
    expect(stateAt(m, 'prepare.pdi.inspect')?.on?.FAIL).toBe('#vehicleHandover.cancelled');
  });

  it('deletes one transition of a guarded list', () => {
    const m = deleteTransition(discount(), { source: 'amountCheck', kind: 'always', index: 0 });
    expect(transitionList(m.states?.amountCheck?.always).map((t) => t.target)).toEqual([
      'gmReview',
      'ccFinance',
    ]);
  });

  it('changes a guard and moves a transition to another event', () => {
    let m = updateTransition(
      discount(),
      { source: 'amountCheck', kind: 'always', index: 1 },
      { guard: 'discount > 5' },
    );
    expect(transitionList(m.states?.amountCheck?.always)[1]?.guard).toEqual({
      type: 'expr',
      params: { expr: 'discount > 5' },
    });
    m = updateTransition(
      m,
      { source: 'gmReview', kind: 'on', key: 'REJECT', index: 0 },
      { event: 'DECLINE' },
    );
    expect(m.states?.gmReview?.on).toEqual({ APPROVE: 'ccFinance', DECLINE: { target: 'rejected' } });
  });

  it('deletes a state with the transitions into it', () => {
    const m = deleteState(discount(), 'gmReview');
    expect(m.states?.gmReview).toBeUndefined();
    expect(transitionList(m.states?.amountCheck?.always).map((t) => t.target)).toEqual([
      'autoRejected',
      'ccFinance',
    ]);
  });

  it('renames a state and every target that reaches it', () => {
    const m = renameState(discount(), 'rejected', 'declined');
    expect(Object.keys(m.states ?? {})).toContain('declined');
    expect(m.states?.managerReview?.on?.REJECT).toBe('declined');
    expect(m.states?.gmReview?.on?.REJECT).toBe('declined');
    const h = renameState(handover(), 'cancelled', 'aborted');
    expect(stateAt(h, 'prepare.documents.collect')?.on?.REJECT).toBe('#vehicleHandover.aborted');
  });

  it('renames the initial state and keeps the machine starting there', () => {
    const m = renameState(discount(), 'apply', 'draft');
    expect(m.initial).toBe('draft');
    expect(m.states?.managerReview?.on?.RETURN).toMatchObject({ target: 'draft' });
  });

  it('adds a state without touching the input', () => {
    const m0 = discount();
    const m = addState(m0, '', 'archive', { type: 'final' });
    expect(m.states?.archive).toEqual({ type: 'final' });
    expect(m0.states?.archive).toBeUndefined();
  });
});
