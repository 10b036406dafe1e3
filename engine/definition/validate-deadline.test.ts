import type { TaskDeadline, WorkflowDefinition } from '../types.ts';
import { validateDefinition } from './validate.ts';

const withDeadline = (deadline: unknown, outcomes = ['approve']): WorkflowDefinition => ({
  key: 'timed',
  name: '限时审批',
  machine: {
    id: 'timed',
    initial: 'review',
    states: {
      review: {
        meta: {
          task: {
            name: '审批',
            assignee: { roles: ['sales_manager'] },
            outcomes,
            deadline: deadline as TaskDeadline,
          },
        },
        on: { APPROVE: 'done', RETURN: 'done' },
      },
      done: { type: 'final' },
    },
  },
});

const at = '/machine/states/review/meta/task/deadline';

describe('task deadlines in a definition', () => {
  it('accepts the shape the deadline picker writes', () => {
    const deadline: TaskDeadline = {
      duration: 'P1D',
      calendar: 'working',
      remind: { before: ['PT2H'], at: true, after: ['PT4H'] },
      onTimeout: { action: 'escalate', role: 'general_manager' },
    };
    expect(
      validateDefinition(withDeadline(deadline), { roles: ['sales_manager', 'general_manager'] }),
    ).toEqual([]);
  });

  it.each([
    ['a bad duration', { duration: 'two days' }, `${at}/duration`],
    ['a bad reminder offset', { duration: 'PT4H', remind: { before: ['soon'] } }, `${at}/remind/before/0`],
    ['no time at all', { calendar: 'working' }, at],
    [
      'an escalation without a role',
      { duration: 'PT4H', onTimeout: { action: 'escalate' } },
      `${at}/onTimeout/role`,
    ],
    [
      'an unknown escalation role',
      { duration: 'PT4H', onTimeout: { action: 'escalate', role: 'boss' } },
      `${at}/onTimeout/role`,
    ],
  ])('reports %s', (_name, deadline, path) => {
    const problems = validateDefinition(withDeadline(deadline), { roles: ['sales_manager'] });
    expect(problems.map((p) => p.path)).toContain(path);
  });

  it('refuses fields the picker does not write', () => {
    const problems = validateDefinition(withDeadline({ duration: 'PT4H', onTimeout: { action: 'explode' } }));
    expect(problems.length).toBeGreaterThan(0);
  });
});
