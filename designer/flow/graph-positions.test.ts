import { sample } from './fixtures/load.ts';
import { machineToGraph } from './graph-model.ts';
import { applyPositions, storedPositions, withoutPositions, withPositions } from './graph-positions.ts';

const ids = (def = sample('discount-approval')) => machineToGraph(def.machine).nodes.map((n) => n.id);

describe('graph positions in the draft', () => {
  it('has none until someone drags, so an untouched flow keeps its JSON', () => {
    const def = sample('discount-approval');
    expect(storedPositions(def)).toBeUndefined();
    expect(withoutPositions(def)).toBe(def);
  });

  it('keeps dragged positions beside the machine, rounded, leaving the machine alone', () => {
    const def = sample('discount-approval');
    const once = withPositions(def, { managerReview: { x: 10.4, y: 20.6 } }, ids());
    const twice = withPositions(once, { gmReview: { x: 300, y: 40 } }, ids());
    expect(twice.machine).toBe(def.machine);
    expect(storedPositions(twice)).toEqual({ managerReview: { x: 10, y: 21 }, gmReview: { x: 300, y: 40 } });
  });

  it('forgets positions of states that are gone', () => {
    const def = withPositions(sample('discount-approval'), { gone: { x: 1, y: 1 } }, ['gone']);
    expect(storedPositions(withPositions(def, { gmReview: { x: 5, y: 5 } }, ids()))).toEqual({
      gmReview: { x: 5, y: 5 },
    });
  });

  it('drops the layout on auto layout, giving back the plain document', () => {
    const def = sample('discount-approval');
    expect(withoutPositions(withPositions(def, { gmReview: { x: 5, y: 5 } }, ids()))).toEqual(def);
  });

  it('puts stored positions over the laid-out ones and ignores malformed entries', () => {
    const { nodes } = machineToGraph(sample('discount-approval').machine);
    const def = {
      ...sample('discount-approval'),
      layout: { graph: { gmReview: { x: 7, y: 8 }, bad: { x: 'a' } } },
    };
    const positions = storedPositions(def);
    expect(positions).toEqual({ gmReview: { x: 7, y: 8 } });
    const shown = applyPositions(nodes, positions);
    expect(shown.find((n) => n.id === 'gmReview')?.position).toEqual({ x: 7, y: 8 });
    expect(shown.find((n) => n.id === 'managerReview')?.position).toEqual({ x: 0, y: 0 });
  });
});
