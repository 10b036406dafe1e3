import type { TaskEvent } from '../../engine/store/task-events.ts';
import type { Actor } from '../../engine/types.ts';
import { mayActOn } from './audience.ts';

const EVENT: TaskEvent = {
  taskId: 't1',
  instanceId: 'i1',
  name: '经理审批',
  state: 'approval.review',
  status: 'opened',
  assignee: null,
  owner: null,
  candidateUsers: [],
  candidateRoles: ['sales_manager'],
  storeId: 'BJ01',
};

const actor = (id: string, roles: string[], storeId: string | null): Actor => ({
  id,
  username: id,
  roles,
  storeId,
});

describe('who hears a task event', () => {
  it.each([
    ['a candidate role holder of the task’s store', true, actor('m', ['sales_manager'], 'BJ01'), EVENT],
    ['a candidate role holder of another store', false, actor('m', ['sales_manager'], 'SH01'), EVENT],
    ['a group user holding the role, with no store', true, actor('g', ['sales_manager'], null), EVENT],
    [
      'a role holder when the task has no store',
      true,
      actor('m', ['sales_manager'], 'SH01'),
      { ...EVENT, storeId: null },
    ],
    ['a user of the store without the role', false, actor('c', ['sales_consultant'], 'BJ01'), EVENT],
    ['an admin who is not a candidate', false, actor('a', ['admin'], null), EVENT],
    ['a candidate user of another store', true, actor('u', [], 'SH01'), { ...EVENT, candidateUsers: ['u'] }],
    ['the assignee', true, actor('u', [], 'SH01'), { ...EVENT, assignee: 'u' }],
    ['the owner of a delegated task', true, actor('o', [], 'BJ01'), { ...EVENT, owner: 'o', assignee: 'x' }],
    [
      'a role holder after someone claimed the task',
      true,
      actor('m', ['sales_manager'], 'BJ01'),
      { ...EVENT, assignee: 'x' },
    ],
  ])('%s hears it: %s', (_who, expected, who, event) => {
    expect(mayActOn(who, event)).toBe(expected);
  });
});
