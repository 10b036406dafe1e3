/**
 * The task steps of a flow, for pickers that name other steps (where a task may be returned to).
 */
import type { MachineConfig, StateConfig } from '../../engine/types.ts';
import { stateLabelText } from './graph-labels.ts';

/** A step as pickers offer it: the state key and its name as people know it. */
export interface StepOption {
  value: string;
  label: string;
}

/**
 * Every state with a `meta.task`, nested ones included, in document order.
 *
 * @example taskSteps(machine); // [{ value: 'managerReview', label: '销售经理审批' }, ...]
 */
export function taskSteps(machine: Pick<MachineConfig, 'states'> | undefined): StepOption[] {
  const out: StepOption[] = [];
  const visit = (states: Record<string, StateConfig> | undefined) => {
    for (const [name, cfg] of Object.entries(states ?? {})) {
      if (cfg.meta?.task) out.push({ value: name, label: stateLabelText(name, cfg) });
      visit(cfg.states);
    }
  };
  visit(machine?.states);
  return out;
}
