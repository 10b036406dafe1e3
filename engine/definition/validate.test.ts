import { compileWorkflow } from '../compile.ts';
import type { ValidateOptions, WorkflowDefinition } from '../types.ts';
import { validateDefinition } from './validate.ts';

type Def = WorkflowDefinition & { machine: { states: Record<string, Record<string, unknown>> } };

const base = (): Def =>
  ({
    key: 'order-approval',
    name: '订单审批',
    starterRoles: ['sales_consultant'],
    machine: {
      id: 'approval',
      initial: 'review',
      context: { order: { discount: 0 }, orderId: null },
      states: {
        review: {
          meta: {
            task: {
              name: '经理审批',
              form: 'order-review',
              assignee: { roles: ['sales_manager'] },
              mode: 'any',
              outcomes: ['approve', 'reject'],
              fields: { discount: 'readonly', reviewComment: 'editable' },
              sla: 'PT4H',
            },
          },
          after: { P1D: 'escalated' },
          on: {
            APPROVE: [
              {
                target: 'finance',
                guard: { type: 'expr', params: { expr: 'order.discount > 5000 && actor.storeId != null' } },
              },
              {
                target: 'approved',
                actions: [
                  { type: 'assign', params: { values: { 'order.status': "'approved'" } } },
                  { type: 'effect', params: { name: 'notify', argExprs: { to: 'orderId' } } },
                ],
              },
            ],
            REJECT: 'rejected',
          },
        },
        finance: {
          initial: 'check',
          states: {
            check: { on: { DONE: 'ok' } },
            ok: { type: 'final' },
          },
          onDone: '#approval.approved',
        },
        escalated: { on: { RESOLVE: '#approval.review' } },
        approved: { type: 'final' },
        rejected: { type: 'final' },
      },
    },
  }) as unknown as Def;

const opts: ValidateOptions = {
  forms: { 'order-review': { fields: ['discount', 'reviewComment'] } },
  effects: ['notify'],
  roles: ['sales_manager', 'sales_consultant'],
};

const states = (d: Def) =>
  d.machine.states as Record<string, Record<string, unknown> & { meta?: { task: Record<string, unknown> } }>;
const review = (d: Def) => states(d).review!;
const task = (d: Def) => review(d).meta!.task;
const approveList = (d: Def) => (review(d).on as Record<string, Record<string, unknown>[]>).APPROVE!;

describe('validateDefinition', () => {
  it('finds nothing wrong in a sound definition, which XState accepts too', () => {
    expect(validateDefinition(base(), opts)).toEqual([]);
    expect(() => compileWorkflow(base())).not.toThrow();
  });

  it.each<[string, (d: Def) => void, { path: string; code: string; state?: string }]>([
    [
      'a missing name',
      (d) => {
        (d as { name?: string }).name = undefined;
      },
      { path: '/name', code: 'shape.required' },
    ],
    [
      'an unknown state property',
      (d) => {
        review(d).entyr = [];
      },
      { path: '/machine/states/review/entyr', code: 'shape.additionalProperties', state: 'review' },
    ],
    [
      'a bad mode',
      (d) => {
        task(d).mode = 'most';
      },
      { path: '/machine/states/review/meta/task/mode', code: 'shape.enum', state: 'review' },
    ],
    [
      'an unknown sibling target',
      (d) => {
        approveList(d)[0]!.target = 'financ';
      },
      { path: '/machine/states/review/on/APPROVE/0/target', code: 'unknown_target', state: 'review' },
    ],
    [
      'an unknown #id target',
      (d) => {
        (states(d).escalated!.on as Record<string, string>).RESOLVE = '#approval.revue';
      },
      { path: '/machine/states/escalated/on/RESOLVE', code: 'unknown_target', state: 'escalated' },
    ],
    [
      'an unknown child target',
      (d) => {
        states(d).finance!.on = { RESET: '.nope' };
      },
      { path: '/machine/states/finance/on/RESET', code: 'unknown_target', state: 'finance' },
    ],
    [
      'an unknown target in a target list',
      (d) => {
        approveList(d)[1]!.target = ['approved', 'gone'];
      },
      { path: '/machine/states/review/on/APPROVE/1/target/1', code: 'unknown_target', state: 'review' },
    ],
    [
      'an unreachable state',
      (d) => {
        states(d).orphan = { on: { GO: 'review' } };
      },
      { path: '/machine/states/orphan', code: 'unreachable', state: 'orphan' },
    ],
    [
      'a dead end',
      (d) => {
        states(d).escalated!.on = undefined;
      },
      { path: '/machine/states/escalated', code: 'dead_end', state: 'escalated' },
    ],
    [
      'a missing initial',
      (d) => {
        states(d).finance!.initial = undefined;
      },
      { path: '/machine/states/finance/initial', code: 'initial', state: 'finance' },
    ],
    [
      'an unknown initial',
      (d) => {
        d.machine.initial = 'start';
      },
      { path: '/machine/initial', code: 'initial' },
    ],
    [
      'an initial in a machine without states',
      (d) => {
        d.machine.initial = 'nowhere';
        d.machine.states = {};
      },
      { path: '/machine/states', code: 'initial' },
    ],
    [
      'a task without assignee',
      (d) => {
        task(d).assignee = {};
      },
      { path: '/machine/states/review/meta/task/assignee', code: 'no_assignee', state: 'review' },
    ],
    [
      'an unknown form',
      (d) => {
        task(d).form = 'order-reviw';
      },
      { path: '/machine/states/review/meta/task/form', code: 'unknown_form', state: 'review' },
    ],
    [
      'an unknown field',
      (d) => {
        task(d).fields = { discout: 'readonly' };
      },
      { path: '/machine/states/review/meta/task/fields/discout', code: 'unknown_field', state: 'review' },
    ],
    [
      'an unknown guard type',
      (d) => {
        approveList(d)[0]!.guard = { type: 'isBig' };
      },
      { path: '/machine/states/review/on/APPROVE/0/guard/type', code: 'unknown_guard', state: 'review' },
    ],
    [
      'an unknown action type',
      (d) => {
        review(d).entry = { type: 'log' };
      },
      { path: '/machine/states/review/entry/type', code: 'unknown_action', state: 'review' },
    ],
    [
      'an unknown effect',
      (d) => {
        review(d).exit = [{ type: 'effect', params: { name: 'sms' } }];
      },
      { path: '/machine/states/review/exit/0/params/name', code: 'unknown_effect', state: 'review' },
    ],
    [
      'an unknown role',
      (d) => {
        task(d).assignee = { roles: ['sales_manager', 'ceo'] };
      },
      { path: '/machine/states/review/meta/task/assignee/roles/1', code: 'unknown_role', state: 'review' },
    ],
    [
      'an unknown starter role',
      (d) => {
        d.starterRoles = ['nobody'];
      },
      { path: '/starterRoles/0', code: 'unknown_role' },
    ],
    [
      'an outcome without transition',
      (d) => {
        task(d).outcomes = ['approve', 'reject', 'return'];
      },
      {
        path: '/machine/states/review/meta/task/outcomes/2',
        code: 'outcome_without_transition',
        state: 'review',
      },
    ],
    [
      'a default outcome without transition',
      (d) => {
        task(d).outcomes = undefined;
      },
      {
        path: '/machine/states/review/meta/task/outcomes',
        code: 'outcome_without_transition',
        state: 'review',
      },
    ],
    [
      'a CEL syntax error in a guard',
      (d) => {
        approveList(d)[0]!.guard = { type: 'expr', params: { expr: 'order.discount >' } };
      },
      {
        path: '/machine/states/review/on/APPROVE/0/guard/params/expr',
        code: 'expression_syntax',
        state: 'review',
      },
    ],
    [
      'an unknown name in an assign',
      (d) => {
        (approveList(d)[1]!.actions as { params: unknown }[])[0]!.params = {
          values: { total: 'price * 2' },
        };
      },
      {
        path: '/machine/states/review/on/APPROVE/1/actions/0/params/values/total',
        code: 'unknown_name',
        state: 'review',
      },
    ],
    [
      'an unknown name in effect args',
      (d) => {
        (approveList(d)[1]!.actions as { params: unknown }[])[1]!.params = {
          name: 'notify',
          argExprs: { to: 'customer.phone' },
        };
      },
      {
        path: '/machine/states/review/on/APPROVE/1/actions/1/params/argExprs/to',
        code: 'unknown_name',
        state: 'review',
      },
    ],
    [
      'an unknown name in an assignee expression',
      (d) => {
        task(d).assignee = { expr: 'manager' };
      },
      { path: '/machine/states/review/meta/task/assignee/expr', code: 'unknown_name', state: 'review' },
    ],
    [
      'a bad after duration',
      (d) => {
        review(d).after = { '4 hours': 'escalated' };
      },
      { path: '/machine/states/review/after/4 hours', code: 'bad_duration', state: 'review' },
    ],
    [
      'a bad SLA',
      (d) => {
        task(d).sla = 'PT4X';
      },
      { path: '/machine/states/review/meta/task/sla', code: 'bad_duration', state: 'review' },
    ],
  ])('reports %s', (_label, mutate, expected) => {
    const def = base();
    mutate(def);
    const problems = validateDefinition(JSON.parse(JSON.stringify(def)), opts);
    expect(problems).toContainEqual(expect.objectContaining(expected));
    if (!expected.state) expect(problems.find((p) => p.path === expected.path)?.state).toBeUndefined();
  });

  it('accepts form fields, bind roots and assigned names as expression names', () => {
    const def = base();
    approveList(def)[0]!.guard = { type: 'expr', params: { expr: 'discount > 100 && reviewComment != ""' } };
    expect(validateDefinition(def, opts)).toEqual([]);
  });

  it('accepts the start form’s fields as expression names (its data is the instance’s input)', () => {
    const def = base() as Def & { startForm?: string };
    def.startForm = 'special-price';
    approveList(def)[0]!.guard = { type: 'expr', params: { expr: 'price < cost' } };
    const withStartForm = {
      ...opts,
      forms: { ...opts.forms, 'special-price': { fields: ['price', 'cost'] } },
    };
    expect(validateDefinition(def, withStartForm)).toEqual([]);
    expect(validateDefinition(def, opts).map((p) => p.code)).toContain('unknown_form');
  });

  it('does not guess unknown names when the forms are not given, but still checks syntax', () => {
    const def = base();
    approveList(def)[0]!.guard = { type: 'expr', params: { expr: 'fromForm > 1' } };
    expect(validateDefinition(def)).toEqual([]);
    approveList(def)[0]!.guard = { type: 'expr', params: { expr: '(' } };
    expect(validateDefinition(def).map((p) => p.code)).toEqual(['expression_syntax']);
  });

  it('allows macro variables and a root-level child target', () => {
    const def = base();
    def.machine.context = { ...def.machine.context, items: [] };
    approveList(def)[0]!.guard = {
      type: 'expr',
      params: { expr: 'items.all(i, i.price > 0) && cel.bind(n, size(items), n > 1)' },
    };
    (def.machine as { on?: unknown }).on = { CANCEL: '.rejected' };
    expect(validateDefinition(def, opts)).toEqual([]);
  });

  it('reports a plain target on the machine itself', () => {
    const def = base();
    (def.machine as { on?: unknown }).on = { CANCEL: 'rejected' };
    expect(validateDefinition(def, opts)).toEqual([
      expect.objectContaining({ path: '/machine/on/CANCEL', code: 'unknown_target' }),
    ]);
  });

  it('reports every problem at once and a non-object without crashing', () => {
    const def = base();
    task(def).assignee = {};
    task(def).sla = 'soon';
    expect(validateDefinition(def, opts).length).toBeGreaterThanOrEqual(2);
    expect(validateDefinition(42)).toEqual([expect.objectContaining({ path: '', code: 'shape.type' })]);
  });

  it('treats every region of an entered parallel state as reachable', () => {
    const def = base();
    states(def).finance = {
      type: 'parallel',
      states: {
        a: { initial: 'x', states: { x: { on: { A: 'y' } }, y: { type: 'final' } } },
        b: { initial: 'x', states: { x: { on: { B: 'y' } }, y: { type: 'final' } } },
      },
      onDone: 'approved',
    };
    approveList(def)[0]!.target = 'finance.a.x';
    expect(validateDefinition(def, opts)).toEqual([]);
  });
});
