import { DUE_SOON_MS, dueState } from './due.ts';

const now = new Date('2026-11-22T09:00:00Z');

describe('due state', () => {
  it.each([
    [null, 'none'],
    ['2026-11-22T08:59:59Z', 'overdue'],
    [new Date(now.getTime() + DUE_SOON_MS).toISOString(), 'soon'],
    [new Date(now.getTime() + DUE_SOON_MS + 1000).toISOString(), 'ok'],
  ])('classifies a task due at %s as %s', (dueAt, state) => {
    expect(dueState(dueAt, now)).toBe(state);
  });
});
