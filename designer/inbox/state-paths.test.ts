import type { MachineConfig } from '../../engine/types.ts';
import { activeStatePaths, statePathsById } from './state-paths.ts';

describe('activeStatePaths', () => {
  it('gives a simple state value as one path', () => {
    expect([...activeStatePaths('managerReview')]).toEqual(['managerReview']);
  });

  it('gives every region of a parallel state and the ancestors of each leaf', () => {
    const paths = activeStatePaths({ handover: { pdi: 'check', docs: 'done' } });
    expect([...paths].sort()).toEqual([
      'handover',
      'handover.docs',
      'handover.docs.done',
      'handover.pdi',
      'handover.pdi.check',
    ]);
  });
});

describe('statePathsById', () => {
  it('maps default and custom state node ids to dotted paths', () => {
    const machine: MachineConfig = {
      id: 'm',
      initial: 'a',
      states: { a: { initial: 'b', states: { b: {}, c: { id: 'custom', states: { d: {} } } } } },
    };
    const ids = statePathsById(machine);
    expect(ids.get('m.a.b')).toBe('a.b');
    expect(ids.get('custom')).toBe('a.c');
    expect(ids.get('custom.d')).toBe('a.c.d');
  });
});
