import { describe, expect, it } from 'vitest';
import type { MachineConfig } from '../../engine/types.ts';
import { sample } from './fixtures/load.ts';
import { layoutGraph } from './graph-layout.ts';
import { machineToGraph } from './graph-model.ts';

/** Returned work goes back to the start: without a constraint the loop may pull the start down. */
const RETURN_LOOP: MachineConfig = {
  id: 'loop',
  initial: 'draft',
  states: {
    review: { on: { APPROVE: 'done', RETURN: 'draft' } },
    done: { type: 'final' },
    draft: { on: { SUBMIT: 'review' } },
    side: { on: { GO: 'draft' } },
  },
};

describe('graph layout', () => {
  it.each([
    ['a return loop', RETURN_LOOP],
    ['discount-approval', sample('discount-approval').machine],
    ['pdi-rework-loop', sample('pdi-rework-loop').machine],
  ])('puts the start state of %s at the top', async (_, machine) => {
    const { nodes, edges } = machineToGraph(machine);
    const laid = (await layoutGraph(nodes, edges)).filter((n) => !n.parentId);
    const start = laid.find((n) => n.id === machine.initial);
    const top = Math.min(...laid.map((n) => n.position.y));
    expect(start?.position.y).toBe(top);
  });
});
