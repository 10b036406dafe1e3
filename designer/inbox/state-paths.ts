/**
 * Turns an XState state value into the dotted state paths the flow diagram uses as node ids.
 */
import type { Json, MachineConfig, StateConfig } from '../../engine/types.ts';

/**
 * Every active state path, ancestors included: `{ delivery: { pdi: 'check' } }` gives
 * `delivery`, `delivery.pdi`, `delivery.pdi.check`.
 *
 * @example
 * activeStatePaths('managerReview'); // Set { 'managerReview' }
 */
export function activeStatePaths(value: Json, prefix = ''): Set<string> {
  const out = new Set<string>();
  const join = (name: string) => (prefix ? `${prefix}.${name}` : name);
  if (typeof value === 'string') {
    out.add(join(value));
  } else if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [name, child] of Object.entries(value)) {
      const path = join(name);
      out.add(path);
      if (child !== undefined) for (const p of activeStatePaths(child, path)) out.add(p);
    }
  }
  return out;
}

/**
 * Maps each state's XState node id (a task's `state`: `machineId.path` unless the state sets `id`) to
 * its dotted path.
 *
 * @example
 * statePathsById(machine).get('orderApproval.managerReview'); // 'managerReview'
 */
export function statePathsById(machine: MachineConfig): Map<string, string> {
  const out = new Map<string, string>();
  const visit = (states: Record<string, StateConfig>, parentId: string, scope: string[]) => {
    for (const [name, cfg] of Object.entries(states)) {
      const id = cfg.id ?? `${parentId}.${name}`;
      const path = [...scope, name];
      out.set(id, path.join('.'));
      visit(cfg.states ?? {}, id, path);
    }
  };
  visit(machine.states ?? {}, machine.id, []);
  return out;
}
