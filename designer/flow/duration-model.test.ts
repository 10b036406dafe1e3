import { describe, expect, it } from 'vitest';
import { durationOf, durationWords, pickDuration, readDeadline, writeDeadline } from './duration-model.ts';

describe('deadline durations', () => {
  it.each([
    ['PT4H', 'natural', { amount: 4, unit: 'hours' }],
    ['P2D', 'natural', { amount: 2, unit: 'days' }],
    ['P3D', 'working', { amount: 3, unit: 'workdays' }],
    ['P1DT2H', 'natural', { amount: 26, unit: 'hours' }],
    ['PT30M', 'natural', undefined],
    ['P1M', 'natural', undefined],
    ['4h', 'natural', undefined],
  ] as const)('reads %s (%s) into the pickers', (iso, calendar, picked) => {
    expect(pickDuration(iso, calendar)).toEqual(picked);
  });

  it.each([
    [
      { amount: 4, unit: 'hours' },
      { duration: 'PT4H', calendar: 'natural' },
    ],
    [
      { amount: 2, unit: 'days' },
      { duration: 'P2D', calendar: 'natural' },
    ],
    [
      { amount: 2, unit: 'workdays' },
      { duration: 'P2D', calendar: 'working' },
    ],
  ] as const)('writes %o as %o and reads it back', (picked, stored) => {
    expect(durationOf(picked)).toEqual(stored);
    expect(pickDuration(stored.duration, stored.calendar)).toEqual(picked);
  });

  it('reads the old sla as natural time and folds it into the deadline when written', () => {
    const task = { name: '审批', assignee: { roles: ['x'] }, sla: 'PT8H' };
    expect(readDeadline(task)).toEqual({ duration: 'PT8H', calendar: 'natural' });
    const next = writeDeadline(task, { duration: 'P1D', calendar: 'working' });
    expect(next).toEqual({
      name: '审批',
      assignee: { roles: ['x'] },
      deadline: { duration: 'P1D', calendar: 'working' },
    });
    expect(writeDeadline(next, undefined)).toEqual({ name: '审批', assignee: { roles: ['x'] } });
  });

  it('says durations in words', () => {
    expect(['PT4H', 'P2D', 'P1DT2H', 'PT30M', 'nonsense'].map((d) => durationWords(d))).toEqual([
      '4 小时',
      '2 天',
      '1 天 2 小时',
      '30 分钟',
      'nonsense',
    ]);
    expect(durationWords('P3D', 'working')).toBe('3 个工作日');
  });
});
