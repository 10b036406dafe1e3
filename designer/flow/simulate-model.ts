/**
 * Helpers of the Simulate drawer, pure: a directory that invents one person per role, the actor who
 * may act on a task, and which branch each condition takes with given data.
 */
import { expressionVars } from '../../engine/compile.ts';
import { evaluateExpression } from '../../engine/expression.ts';
import type {
  Actor,
  Directory,
  Json,
  JsonObject,
  MachineConfig,
  StateConfig,
  TaskRecord,
} from '../../engine/types.ts';
import { activeStatePaths } from '../inbox/state-paths.ts';
import type { FieldLabels } from './cel-words.ts';
import { stateAt } from './graph-edits.ts';
import { guardWords, stateLabelText } from './graph-labels.ts';
import { transitionList } from './machine-utils.ts';
import { fmt } from './strings.ts';

/** The store simulated instances run in. */
export const SIM_STORE = 'BJ01';

/** A directory where each role has one member (`<role>-1`) and any username exists. */
export function simulatedDirectory(): Directory {
  return {
    usersInRole: (role) => [{ id: `${role}-1`, username: `${role}-1`, roles: [role], storeId: SIM_STORE }],
    userByUsername: (username) => ({ id: username, username, roles: [], storeId: SIM_STORE }),
  };
}

/** Someone allowed to complete `task`: its assignee, else a candidate, holding the candidate roles. */
export function actorFor(task: TaskRecord): Actor {
  const id = task.assignee ?? task.candidateUsers[0] ?? `${task.candidateRoles[0] ?? 'sim'}-1`;
  return { id, username: id, roles: task.candidateRoles, storeId: task.storeId };
}

/** One condition state and the branch its guards pick for the data. */
export interface BranchChoice {
  state: string;
  /** Index of the first transition whose guard holds (the unguarded one counts as true); -1 for none. */
  index: number;
  target: string;
  label: string;
  /** The guard of the branch taken, when it has no description. */
  expr?: string;
  error?: string;
}

/**
 * For every state with guarded `always` transitions, the branch the data leads to.
 *
 * @example
 * chooseBranches(machine, { discount: 2000000 }); // [{ state: 'amountCheck', index: 1, target: 'gmReview', ... }]
 */
export function chooseBranches(machine: MachineConfig, context: JsonObject): BranchChoice[] {
  const out: BranchChoice[] = [];
  const vars = expressionVars(context, {});
  const visit = (states: Record<string, StateConfig> | undefined, prefix: string) => {
    for (const [name, cfg] of Object.entries(states ?? {})) {
      const path = prefix ? `${prefix}.${name}` : name;
      const list = transitionList(cfg.always);
      if (list.some((t) => t.guard)) out.push(choose(path, list, vars));
      visit(cfg.states, path);
    }
  };
  visit(machine.states, '');
  return out;
}

/**
 * A choice state as people know it: its label if it has one, else its conditions in words (a
 * generated name such as `condition1` means nothing to them).
 *
 * @example
 * choiceWords(machine, 'condition1', { price: '申请价格', cost: '成本价' }); // '申请价格 小于 成本价'
 */
export function choiceWords(machine: MachineConfig, path: string, labels: FieldLabels): string {
  const cfg = stateAt(machine, path);
  const name = path.split('.').at(-1) ?? path;
  if (typeof cfg?.meta?.label === 'string') return stateLabelText(name, cfg);
  const guards = transitionList(cfg?.always).flatMap((t) =>
    typeof t.guard?.params?.expr === 'string' ? [guardWords(t.guard.params.expr, labels)] : [],
  );
  return guards.length > 0 ? guards.join('；') : stateLabelText(name, cfg);
}

function choose(
  state: string,
  list: ReturnType<typeof transitionList>,
  vars: Record<string, unknown>,
): BranchChoice {
  for (const [index, t] of list.entries()) {
    const expr = t.guard?.params?.expr;
    const target = Array.isArray(t.target) ? t.target.join(', ') : (t.target ?? '');
    const label = t.description ?? (typeof expr === 'string' ? expr : fmt('branch.else'));
    const shown = t.description === undefined && typeof expr === 'string' ? { expr } : {};
    if (!t.guard) return { state, index, target, label };
    if (typeof expr !== 'string') continue;
    try {
      if (evaluateExpression(expr, vars) === true) return { state, index, target, label, ...shown };
    } catch (err) {
      return { state, index: -1, target: '', label, error: err instanceof Error ? err.message : String(err) };
    }
  }
  return { state, index: -1, target: '', label: '' };
}

/**
 * The active leaf states of a state value, as people know them (task names, labels).
 *
 * @example
 * stateValueWords(machine, { review: 'manager' }); // '销售经理审批'
 */
export function stateValueWords(machine: MachineConfig, value: Json): string {
  const paths = [...activeStatePaths(value)];
  const leaves = paths.filter((p) => !paths.some((q) => q.startsWith(`${p}.`)));
  return leaves
    .map((p) => {
      const name = p.split('.').at(-1) ?? p;
      return stateLabelText(name, stateAt(machine, p));
    })
    .join('、');
}
