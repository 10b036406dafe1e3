/**
 * What a process remembers of the instances it wrote: found by their open tasks, a copy each time,
 * nothing of an ended instance, and never more than its bound (the oldest written go first).
 */
import { type InstanceWithHistory, RecentInstances } from './recent-instances.ts';

/** An instance row with the given open tasks (and one completed), `pad` characters of context. */
function row(id: string, open: string[], pad = 0, status = 'active'): InstanceWithHistory {
  const tasks = Object.fromEntries(
    [...open.map((t) => [t, 'open']), [`${id}-done`, 'completed']].map(([t, s]) => [t, { id: t, status: s }]),
  );
  return {
    id,
    status,
    revision: 1,
    context: { note: 'x'.repeat(pad) },
    engineState: { tasks },
    history: [],
  } as unknown as InstanceWithHistory;
}

describe('RecentInstances', () => {
  it('finds an instance by each of its open tasks, as a copy of what was written', () => {
    const recent = new RecentInstances(1 << 20);
    recent.remember(row('i1', ['t1', 't2']));
    expect(recent.ofTask('t1')).toMatchObject({ id: 'i1', revision: 1 });
    expect(recent.ofTask('t2')?.id).toBe('i1');
    expect(recent.ofTask('i1-done')).toBeUndefined();
    const copy = recent.ofTask('t1')!;
    (copy.context as { note: string }).note = 'changed';
    expect(recent.ofTask('t1')!.context).toEqual({ note: '' });
  });

  it('replaces an instance written again, and forgets it once it ends or has no open task', () => {
    const recent = new RecentInstances(1 << 20);
    recent.remember(row('i1', ['t1']));
    recent.remember({ ...row('i1', ['t2']), revision: 2 });
    expect(recent.ofTask('t1')).toBeUndefined();
    expect(recent.ofTask('t2')?.revision).toBe(2);
    recent.remember(row('i1', [], 0, 'done'));
    expect(recent.ofTask('t2')).toBeUndefined();
    recent.remember(row('i2', ['t3']));
    recent.remember(row('i2', []));
    expect(recent.size).toBe(0);
  });

  it('keeps within its bound, forgetting the oldest written first; 0 remembers nothing', () => {
    const size = 2 * JSON.stringify(row('i0', ['t0'], 1000)).length;
    const recent = new RecentInstances(3 * size);
    for (let i = 0; i < 5; i++) recent.remember(row(`i${i}`, [`t${i}`], 1000));
    expect(recent.size).toBe(3);
    expect([0, 1, 2, 3, 4].map((i) => recent.ofTask(`t${i}`)?.id)).toEqual([
      undefined,
      undefined,
      'i2',
      'i3',
      'i4',
    ]);
    // Writing one again makes it the newest.
    recent.remember(row('i2', ['t2'], 1000));
    recent.remember(row('i5', ['t5'], 1000));
    expect(recent.ofTask('t3')).toBeUndefined();
    expect(recent.ofTask('t2')?.id).toBe('i2');
    // One row over the whole bound is not kept.
    recent.remember(row('big', ['tb'], 4 * size));
    expect(recent.ofTask('tb')).toBeUndefined();
    const off = new RecentInstances(0);
    off.remember(row('i1', ['t1']));
    expect(off.ofTask('t1')).toBeUndefined();
  });
});
