/**
 * How the tree reader sees a machine's states: what kind of node each is, where its forward edge leads,
 * what is reachable from it and where condition branches rejoin. Internal to tree-parse.ts.
 */
import type { StateConfig, TaskSpec } from '../../engine/types.ts';
import {
  outcomeEvent,
  resolveTarget,
  type StateWithDone,
  singleTarget,
  transitionList,
} from './machine-utils.ts';
import { fmt } from './strings.ts';
import type { Misfit, MisfitCode } from './tree-types.ts';

/** Thrown inside the reader to stop at the first misfit; caught by `machineToTree`. */
export class MisfitError extends Error {
  constructor(readonly misfit: Misfit) {
    super(misfit.reason);
  }
}

/** Throws the misfit `code` for `state`. */
export function misfit(code: MisfitCode, state: string, target = ''): never {
  throw new MisfitError({ code, state, reason: fmt(`misfit.${code}`, { state, target }) });
}

/** The states of one level (top level or a parallel region) and its path. */
export interface Scope {
  path: string[];
  states: Record<string, StateConfig>;
}

/** What one reading shares: the machine id, claimed states, node ids and reachability memo. */
export interface Ctx {
  machineId: string;
  claimed: Set<string>;
  ids: Map<string, number>;
  reach: Map<string, Set<string>>;
}

/** The node kind a state reads as (`final` becomes an end node). */
export type Kind = 'final' | 'approval' | 'handler' | 'cc' | 'action' | 'condition' | 'parallel' | 'timer';

/** Dotted path of a state in a scope. */
export const pathOf = (scope: Scope, name: string) => [...scope.path, name].join('.');

/** A node id unique within the reading (a final shared by branches gets `~2`, `~3`, ...). */
export function uniqueId(ctx: Ctx, base: string): string {
  const n = (ctx.ids.get(base) ?? 0) + 1;
  ctx.ids.set(base, n);
  return n === 1 ? base : `${base}~${n}`;
}

/** A task's outcomes, `complete` by default as in the engine. */
export function outcomesOf(task: TaskSpec): string[] {
  return task.outcomes ?? ['complete'];
}

/** The node kind of a state, or a misfit when the tree cannot represent it. */
export function classify(name: string, cfg: StateConfig): Kind {
  if (cfg.type === 'final') return 'final';
  if (cfg.type === 'parallel') return 'parallel';
  if (cfg.type === 'history' || Object.keys(cfg.states ?? {}).length > 0) misfit('nested-state', name);
  const task = cfg.meta?.task;
  if (task) {
    if (cfg.always) misfit('unsupported-state', name);
    return outcomesOf(task).includes('approve') ? 'approval' : 'handler';
  }
  if (cfg.always) {
    if (cfg.meta?.cc) return 'cc';
    const list = transitionList(cfg.always);
    return list.length === 1 && !list[0]?.guard ? 'action' : 'condition';
  }
  if (Object.keys(cfg.after ?? {}).length === 1) return 'timer';
  return misfit('unsupported-state', name);
}

/** The sibling a single transition leads to, checked to stay within the scope. */
export function siblingTarget(scope: Scope, name: string, target: string | undefined, ctx: Ctx): string {
  if (target === undefined) return misfit('guarded-outcome', name);
  const path = resolveTarget(target, scope.path, ctx.machineId);
  const prefix = scope.path.length ? `${scope.path.join('.')}.` : '';
  if (path === null || !path.startsWith(prefix) || path.slice(prefix.length).includes('.')) {
    return misfit('foreign-target', name, target);
  }
  const sibling = path.slice(prefix.length);
  if (!scope.states[sibling]) misfit('unknown-target', name, target);
  return sibling;
}

/** Where a state leads going forward (approve, the single outcome, always, timer, onDone; every branch). */
export function forwardTargets(scope: Scope, name: string, ctx: Ctx): string[] {
  const cfg = scope.states[name] as StateWithDone;
  const kind = classify(name, cfg);
  const via = (t: Parameters<typeof singleTarget>[0]) => siblingTarget(scope, name, singleTarget(t), ctx);
  switch (kind) {
    case 'final':
      return [];
    case 'approval':
      return [via(cfg.on?.APPROVE)];
    case 'handler':
      return [via(cfg.on?.[outcomeEvent(outcomesOf(cfg.meta?.task as TaskSpec)[0] ?? 'complete')])];
    case 'cc':
    case 'action':
      return [via(cfg.always)];
    case 'timer':
      return [via(Object.values(cfg.after ?? {})[0])];
    case 'parallel':
      return [via(cfg.onDone)];
    case 'condition':
      return conditionTargets(scope, name, ctx);
  }
}

/** The branch targets of a condition state; its last branch must be the unguarded "else". */
export function conditionTargets(scope: Scope, name: string, ctx: Ctx): string[] {
  const list = transitionList(scope.states[name]?.always);
  list.forEach((t, i) => {
    const last = i === list.length - 1;
    if (last && t.guard) misfit('no-else', name);
    if (!last && (t.guard?.type !== 'expr' || typeof t.guard.params?.expr !== 'string')) {
      misfit(t.guard ? 'unsupported-guard' : 'no-else', name);
    }
  });
  return list.map((t) =>
    siblingTarget(scope, name, typeof t.target === 'string' ? t.target : undefined, ctx),
  );
}

/** Every state reachable forward from `name` (itself included). */
export function reachable(scope: Scope, name: string, ctx: Ctx, busy = new Set<string>()): Set<string> {
  const key = pathOf(scope, name);
  const known = ctx.reach.get(key);
  if (known) return known;
  if (busy.has(key)) misfit('shared-state', name);
  busy.add(key);
  const out = new Set([name]);
  for (const next of forwardTargets(scope, name, ctx))
    for (const s of reachable(scope, next, ctx, busy)) out.add(s);
  busy.delete(key);
  ctx.reach.set(key, out);
  return out;
}

/** Where a condition's branches rejoin: the earliest state reached from two or more of them, or null. */
export function joinOf(scope: Scope, name: string, targets: string[], ctx: Ctx): string | null {
  const sets = targets.map((t) => reachable(scope, t, ctx));
  const counts = new Map<string, number>();
  for (const set of sets) for (const s of set) counts.set(s, (counts.get(s) ?? 0) + 1);
  const candidates = [...counts].filter(([, n]) => n >= 2).map(([s]) => s);
  const earliest = candidates.filter(
    (c) => !candidates.some((d) => d !== c && reachable(scope, d, ctx).has(c)),
  );
  if (earliest.length > 1) misfit('tangled-branches', name);
  return earliest[0] ?? null;
}
