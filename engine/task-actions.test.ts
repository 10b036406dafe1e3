import { createSimulation, directoryFromUsers, type Simulation } from './simulate.ts';
import type { Actor, DirectoryUser, StepOutcome, TaskSpec, WorkflowDefinition } from './types.ts';

const USERS: DirectoryUser[] = [
  { id: 'u-sub', username: 'sub', roles: ['clerk'], storeId: 's1', team: 'A' },
  { id: 'u-li', username: 'li', roles: ['lead'], storeId: 's1', team: 'A' },
  { id: 'u-wang', username: 'wang', roles: ['lead'], storeId: 's1', team: 'B' },
  { id: 'u-zhao', username: 'zhao', roles: ['checker'], storeId: 's1' },
  { id: 'u-sun', username: 'sun', roles: ['checker'], storeId: 's1' },
  { id: 'u-qian', username: 'qian', roles: ['checker'], storeId: 's1' },
  { id: 'u-adm', username: 'adm', roles: ['admin'], storeId: 's1' },
];
const directory = directoryFromUsers(USERS);
const as = (username: string): Actor => ({ ...USERS.find((u) => u.username === username)! });
const ok = (out: StepOutcome) => {
  if (!out.ok) throw new Error(`${out.error.code}: ${out.error.message}`);
  return out;
};
const T0 = new Date('2026-03-01T08:00:00.000Z');

/** a → b → c (each a task with approve / reject), any extra task spec merged into every step. */
function chain(specs: Partial<Record<'a' | 'b' | 'c', Partial<TaskSpec>>> = {}): WorkflowDefinition {
  const t = (name: string, key: 'a' | 'b' | 'c', roles: string[]) => ({
    task: { name, assignee: { roles }, outcomes: ['approve', 'reject'], ...specs[key] } as TaskSpec,
  });
  return {
    key: 'chain',
    name: '三级审批',
    machine: {
      id: 'chain',
      initial: 'a',
      states: {
        a: { meta: t('一级', 'a', ['lead']), on: { APPROVE: 'b', REJECT: 'rejected' } },
        b: { meta: t('二级', 'b', ['checker']), on: { APPROVE: 'c', REJECT: 'rejected' } },
        c: { meta: t('三级', 'c', ['admin']), on: { APPROVE: 'done', REJECT: 'rejected' } },
        done: { type: 'final' },
        rejected: { type: 'final' },
      },
    },
  };
}

let clock = T0.getTime();
const sim = (def: WorkflowDefinition): Simulation => {
  clock = T0.getTime();
  return createSimulation(def, { directory, storeId: 's1', clock: () => new Date(clock) });
};
const tick = () => {
  clock += 60_000;
};
const openTask = (s: Simulation, assignee?: string) => {
  const list = s.openTasks().filter((t) => assignee === undefined || t.assignee === assignee);
  expect(list).toHaveLength(1);
  return list[0]!;
};

describe('return', () => {
  it('goes back to the previous step and, with resubmit toReturner, straight back to the returner', () => {
    const s = sim(chain({ c: { resubmit: 'toReturner' } }));
    s.start({}, as('sub'));
    ok(s.complete(openTask(s).id, 'approve', {}, as('li')));
    tick();
    ok(s.complete(openTask(s).id, 'approve', {}, as('zhao')));
    tick();
    const back = ok(
      s.act({ kind: 'return', taskId: openTask(s).id, to: 'a', comment: '价格不对' }, as('adm')),
    );
    expect(back.value).toBe('a');
    expect(back.history).toMatchObject({ action: 'return', comment: '价格不对', details: { to: 'chain.a' } });
    tick();
    const again = ok(s.complete(openTask(s).id, 'approve', {}, as('li')));
    expect(again.value).toBe('c');
  });

  it('refuses a step the returning step does not allow', () => {
    const s = sim(chain({ c: { returnTo: ['previous'] } }));
    s.start({}, as('sub'));
    ok(s.complete(openTask(s).id, 'approve', {}, as('li')));
    tick();
    ok(s.complete(openTask(s).id, 'approve', {}, as('zhao')));
    tick();
    const out = s.act({ kind: 'return', taskId: openTask(s).id, to: 'a', comment: 'x' }, as('adm'));
    expect(out).toMatchObject({ ok: false, error: { code: 'invalid', details: [{ path: '/to' }] } });
    expect(
      ok(s.act({ kind: 'return', taskId: openTask(s).id, to: 'previous', comment: 'x' }, as('adm'))).value,
    ).toBe('b');
  });
});

describe('modes and people', () => {
  it('decides a vote as soon as 2 of 3 approved', () => {
    const s = sim(chain({ b: { mode: 'vote', vote: { ratio: 0.67 } } }));
    s.start({}, as('sub'));
    ok(s.complete(openTask(s).id, 'approve', {}, as('li')));
    ok(s.complete(openTask(s, 'u-zhao').id, 'approve', {}, as('zhao')));
    expect(s.value).toBe('b');
    expect(ok(s.complete(openTask(s, 'u-qian').id, 'approve', {}, as('qian'))).value).toBe('c');
  });

  it('decides a vote as rejected once approval can no longer be reached', () => {
    const s = sim(chain({ b: { mode: 'vote', vote: { count: 3 } } }));
    s.start({}, as('sub'));
    ok(s.complete(openTask(s).id, 'approve', {}, as('li')));
    expect(ok(s.complete(openTask(s, 'u-sun').id, 'reject', {}, as('sun'))).value).toBe('rejected');
  });

  it('resolves the submitter’s team manager and passes an empty step with a note', () => {
    const def = chain({
      a: { assignee: { manager: 'team', managerRole: 'lead' } },
      b: { assignee: { roles: ['nobody'] }, whenEmpty: 'autoPass' },
    });
    const s = sim(def);
    const started = ok(s.start({}, as('sub')));
    expect(started.tasksOpened[0]).toMatchObject({ assignee: 'u-li' });
    const out = ok(s.complete(openTask(s).id, 'approve', {}, as('li')));
    expect(out.value).toBe('c');
    expect(out.history.details?.autoPassed).toEqual([expect.objectContaining({ state: 'chain.b' })]);
  });

  it('passes the same person approving twice in a row (dedupe)', () => {
    const def = chain({ b: { assignee: { users: ['li'] }, dedupe: true } });
    const s = sim(def);
    s.start({}, as('sub'));
    expect(ok(s.complete(openTask(s).id, 'approve', {}, as('li'))).value).toBe('c');
  });
});

describe('the submitter', () => {
  it('skips a step when its only approver is the submitter (skipSubmitter)', () => {
    const s = sim(chain({ a: { assignee: { users: ['li'] }, skipSubmitter: true } }));
    const out = ok(s.start({}, as('li')));
    expect(out.value).toBe('b');
    expect(out.history.details?.autoPassed).toEqual([
      expect.objectContaining({ note: '审批人为发起人本人，自动跳过' }),
    ]);
  });

  it('returns to the submitter through the state’s own RETURN, and refuses where there is none', () => {
    const def = chain();
    def.machine.states!.b!.on = { ...def.machine.states!.b!.on, RETURN: 'a' };
    const s = sim(def);
    s.start({}, as('sub'));
    ok(s.complete(openTask(s).id, 'approve', {}, as('li')));
    expect(
      ok(s.act({ kind: 'return', taskId: openTask(s).id, to: 'submitter', comment: '补材料' }, as('zhao')))
        .value,
    ).toBe('a');
    ok(s.complete(openTask(s).id, 'approve', {}, as('li')));
    ok(s.complete(openTask(s).id, 'approve', {}, as('zhao')));
    const out = s.act({ kind: 'return', taskId: openTask(s).id, to: 'submitter', comment: 'x' }, as('adm'));
    expect(out).toMatchObject({ ok: false, error: { code: 'invalid', details: [{ path: '/to' }] } });
  });
});

describe('hand-overs', () => {
  it('brings a delegated task back to the delegator to confirm', () => {
    const s = sim(chain());
    s.start({}, as('sub'));
    const task = openTask(s);
    ok(s.act({ kind: 'delegate', taskId: task.id, to: 'u-zhao' }, as('li')));
    expect(s.complete(task.id, 'approve', {}, as('li'))).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    const back = ok(s.complete(task.id, 'approve', {}, as('zhao'), '可以'));
    expect(back.value).toBe('a');
    expect(openTask(s)).toMatchObject({
      assignee: 'u-li',
      delegation: 'resolved',
      proposal: { by: 'u-zhao' },
    });
    expect(ok(s.complete(task.id, 'approve', {}, as('li'))).value).toBe('b');
  });

  it('adds an approver before a sequential approver', () => {
    const s = sim(chain({ b: { mode: 'sequential' } }));
    s.start({}, as('sub'));
    ok(s.complete(openTask(s).id, 'approve', {}, as('li')));
    const zhao = openTask(s, 'u-zhao');
    ok(s.act({ kind: 'addApprover', taskId: zhao.id, users: ['u-wang'], position: 'before' }, as('zhao')));
    ok(s.complete(openTask(s, 'u-wang').id, 'approve', {}, as('wang')));
    ok(s.complete(openTask(s, 'u-zhao').id, 'approve', {}, as('zhao')));
    expect(openTask(s).assignee).toBe('u-sun');
  });

  it('refuses a withdrawal once the next person acted', () => {
    const s = sim(chain());
    s.start({}, as('sub'));
    ok(s.complete(openTask(s).id, 'approve', {}, as('li')));
    expect(s.act({ kind: 'withdraw' }, as('sub'))).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });
});
