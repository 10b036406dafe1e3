import { directoryFromUsers } from './simulate.ts';
import { canComplete, resolveAssignment } from './tasks.ts';
import type { Actor, DirectoryUser, StepOptions, TaskRecord, TaskSpec } from './types.ts';

const USERS: DirectoryUser[] = [
  { id: 'u-li', username: 'li', roles: ['sales_manager'], storeId: 's1' },
  { id: 'u-hq', username: 'hq', roles: ['sales_manager'], storeId: null },
  { id: 'u-far', username: 'far', roles: ['sales_manager'], storeId: 's2' },
  { id: 'u-chen', username: 'chen', roles: ['consultant'], storeId: 's1' },
];
const opts: StepOptions = {
  actor: { id: 'u-chen', username: 'chen', roles: ['consultant'], storeId: 's1' },
  now: new Date('2026-01-01T00:00:00.000Z'),
  newId: () => 'x',
  directory: directoryFromUsers(USERS),
  storeId: 's1',
};
const spec = (assignee: TaskSpec['assignee']): TaskSpec => ({ name: 't', assignee });

describe('resolveAssignment', () => {
  it.each<[string, TaskSpec['assignee'], Record<string, unknown>, { users: string[]; approvers: string[] }]>([
    [
      'a role within the store plus group-level holders',
      { roles: ['sales_manager'] },
      {},
      { users: [], approvers: ['u-li', 'u-hq'] },
    ],
    [
      'usernames, skipping unknown ones',
      { users: ['chen', 'ghost'] },
      {},
      { users: ['u-chen'], approvers: ['u-chen'] },
    ],
    [
      'an expression yielding a username',
      { expr: 'order.consultant' },
      { order: { consultant: 'chen' } },
      { users: ['u-chen'], approvers: ['u-chen'] },
    ],
    [
      'an expression yielding a list, deduplicated with the role',
      { expr: '["li", "chen", "li"]', roles: ['sales_manager'] },
      {},
      { users: ['u-li', 'u-chen'], approvers: ['u-li', 'u-chen', 'u-hq'] },
    ],
  ])('resolves %s', (_label, assignee, context, expected) => {
    expect(resolveAssignment(spec(assignee), context as never, opts)).toMatchObject(expected);
  });
});

describe('canComplete', () => {
  const task = (who: Partial<TaskRecord>): TaskRecord =>
    ({ assignee: null, candidateUsers: [], candidateRoles: [], storeId: 's1', ...who }) as TaskRecord;
  const as = (id: string, roles: string[], storeId: string | null): Actor => ({
    id,
    username: id,
    roles,
    storeId,
  });

  it.each<[string, Partial<TaskRecord>, Actor, boolean]>([
    ['the assignee', { assignee: 'u-li', candidateUsers: ['u-li'] }, as('u-li', [], 's1'), true],
    [
      'someone else on an assigned task',
      { assignee: 'u-li', candidateUsers: ['u-li'] },
      as('u-x', ['sales_manager'], 's1'),
      false,
    ],
    ['a candidate user', { candidateUsers: ['u-a', 'u-b'] }, as('u-b', [], 's1'), true],
    [
      'a role holder in the store',
      { candidateRoles: ['sales_manager'] },
      as('u-x', ['sales_manager'], 's1'),
      true,
    ],
    [
      'a role holder of another store',
      { candidateRoles: ['sales_manager'] },
      as('u-x', ['sales_manager'], 's2'),
      false,
    ],
    [
      'a group-level role holder',
      { candidateRoles: ['sales_manager'] },
      as('u-x', ['sales_manager'], null),
      true,
    ],
    ['someone without the role', { candidateRoles: ['sales_manager'] }, as('u-x', ['finance'], 's1'), false],
    [
      'a store role holder on a group-level task',
      { candidateRoles: ['gm'], storeId: null },
      as('u-x', ['gm'], 's1'),
      true,
    ],
  ])('answers for %s', (_label, who, actor, expected) => {
    expect(canComplete(task(who), actor)).toBe(expected);
  });
});
