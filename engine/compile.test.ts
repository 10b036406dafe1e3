import { initialTransition, transition } from 'xstate';
import { compileWorkflow, isTaskOutcomeEvent, SYSTEM_ACTOR } from './compile.ts';
import type { WorkflowDefinition } from './types.ts';

const def = (): WorkflowDefinition => ({
  key: 'c',
  name: 'compile',
  machine: {
    id: 'm',
    initial: 'a',
    context: { order: { total: 100, status: 'new' }, n: 1 },
    states: {
      a: {
        meta: { task: { name: 'A', assignee: { roles: ['r'] }, outcomes: ['approve', 'redo'] } },
        entry: { type: 'effect', params: { name: 'enter' } },
        after: { PT4H: 'b' },
        on: {
          REDO: { target: 'a', reenter: true },
          APPROVE: {
            target: 'b',
            actions: {
              type: 'assign',
              params: { values: { 'order.status': "'ok'", n: 'n + event.step', by: 'actor.username' } },
            },
          },
        },
      },
      b: { type: 'final' },
    },
  },
});

const input = { data: {}, actor: SYSTEM_ACTOR, now: '2026-01-01T00:00:00.000Z' };
const summary = (actions: readonly { type: string; params?: unknown }[]) =>
  actions.map((a) => [a.type, a.params]);

describe('compileWorkflow', () => {
  it('compiles a definition object once', () => {
    const d = def();
    expect(compileWorkflow(d)).toBe(compileWorkflow(d));
    expect(compileWorkflow(def())).not.toBe(compileWorkflow(d));
  });

  it('opens the step after the entry actions and sets the after timer as a delayed raise', () => {
    const { machine } = compileWorkflow(def());
    const [snapshot, actions] = initialTransition(machine, input);
    expect(snapshot.value).toBe('a');
    expect(summary(actions)).toEqual([
      ['effect', { name: 'enter', $state: 'm.a' }],
      ['openStep', { state: 'm.a' }],
      ['xstate.raise', expect.objectContaining({ id: 'xstate.after.PT4H.m.a', delay: 4 * 3600 * 1000 })],
    ]);
  });

  it('closes then reopens the step when the task state is re-entered', () => {
    const { machine } = compileWorkflow(def());
    const [s0] = initialTransition(machine, input);
    const [, actions] = transition(machine, s0, { type: 'REDO' });
    expect(actions.map((a) => a.type)).toEqual([
      'closeStep',
      'xstate.cancel',
      'effect',
      'openStep',
      'xstate.raise',
    ]);
  });

  it('assigns dotted context paths from CEL in the pure transition without touching the old context', () => {
    const { machine } = compileWorkflow(def());
    const [s0] = initialTransition(machine, input);
    const before = JSON.stringify(s0.context);
    const [s1] = transition(machine, s0, {
      type: 'APPROVE',
      data: { step: 2 },
      actor: { ...SYSTEM_ACTOR, username: 'li' },
    });
    expect(s1.context).toEqual({ order: { total: 100, status: 'ok' }, n: 3, by: 'li' });
    expect(JSON.stringify(s0.context)).toBe(before);
  });

  it('merges the start input over the machine context', () => {
    const { machine } = compileWorkflow(def());
    const [s0] = initialTransition(machine, { ...input, data: { n: 7, extra: true } });
    expect(s0.context).toEqual({ order: { total: 100, status: 'new' }, n: 7, extra: true });
  });

  it('knows which event types task outcomes send', () => {
    const d = def();
    expect(['APPROVE', 'REDO', 'GO'].map((t) => isTaskOutcomeEvent(d, t))).toEqual([true, true, false]);
  });
});
