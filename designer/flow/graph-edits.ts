/**
 * Pure edits of a machine made in graph mode: connect, delete, rename, add states, change transitions.
 * Each returns a new machine; the input is never mutated.
 */
import type {
  ActionRef,
  MachineConfig,
  StateConfig,
  TransitionConfig,
  TransitionsConfig,
} from '../../engine/types.ts';
import type { TransitionRef } from './graph-model.ts';
import {
  cloneJson,
  formatTarget,
  resolveTarget,
  type StateWithDone,
  transitionList,
} from './machine-utils.ts';

/** The state at a dotted path, in a machine (mutable view). */
export function stateAt(machine: MachineConfig, path: string): StateWithDone | undefined {
  let cur: StateConfig | undefined = machine;
  for (const seg of path.split('.')) cur = cur?.states?.[seg];
  return cur as StateWithDone | undefined;
}

function parentOf(machine: MachineConfig, path: string): StateConfig | undefined {
  const segs = path.split('.');
  return segs.length === 1 ? machine : stateAt(machine, segs.slice(0, -1).join('.'));
}

const scopeOf = (path: string) => path.split('.').slice(0, -1);

/** Calls `fn` for every transition object (with the scope of its state), letting it rewrite or drop it. */
function mapTransitions(
  machine: MachineConfig,
  fn: (t: TransitionConfig, scope: string[]) => TransitionConfig | null,
): void {
  const fix = (group: TransitionsConfig, scope: string[]): TransitionsConfig | undefined => {
    const list = transitionList(group)
      .map((t) => fn({ ...t }, scope))
      .filter((t): t is TransitionConfig => t !== null);
    if (list.length === 0) return undefined;
    if (typeof group === 'string' && list.length === 1 && Object.keys(list[0] ?? {}).join() === 'target') {
      return list[0]?.target as string;
    }
    return Array.isArray(group) || list.length > 1 ? list : list[0];
  };
  const visit = (cfg: StateWithDone, scope: string[]) => {
    for (const key of ['on', 'after'] as const) {
      const map = cfg[key];
      if (!map) continue;
      for (const [k, g] of Object.entries(map)) {
        const fixed = fix(g, scope);
        if (fixed === undefined) delete map[k];
        else map[k] = fixed;
      }
    }
    for (const key of ['always', 'onDone'] as const) {
      const g = cfg[key];
      if (g === undefined) continue;
      const fixed = fix(g, scope);
      if (fixed === undefined) delete cfg[key];
      else cfg[key] = fixed;
    }
    for (const [name, child] of Object.entries(cfg.states ?? {})) visit(child, [...scope, name]);
  };
  for (const [name, child] of Object.entries(machine.states ?? {})) visit(child, [name]);
}

/**
 * Adds a transition `event` from `source` to `target` (dotted paths).
 *
 * @example
 * connectStates(m, 'managerReview', 'approved', 'APPROVE');
 */
export function connectStates(
  machine: MachineConfig,
  source: string,
  target: string,
  event: string,
): MachineConfig {
  const m = cloneJson(machine);
  const state = stateAt(m, source);
  if (!state) return m;
  const written = formatTarget(target, scopeOf(source), m.id);
  const existing = state.on?.[event];
  state.on = {
    ...state.on,
    [event]: existing === undefined ? written : [...transitionList(existing), { target: written }],
  };
  return m;
}

function groupOf(state: StateWithDone, ref: TransitionRef): TransitionsConfig | undefined {
  if (ref.kind === 'on') return state.on?.[ref.key ?? ''];
  if (ref.kind === 'after') return state.after?.[ref.key ?? ''];
  return ref.kind === 'always' ? state.always : state.onDone;
}

function setGroup(
  state: StateWithDone,
  ref: TransitionRef,
  list: TransitionConfig[],
  original: TransitionsConfig,
) {
  const value: TransitionsConfig | undefined =
    list.length === 0
      ? undefined
      : Array.isArray(original) || list.length > 1
        ? list
        : (list[0] as TransitionConfig);
  const key = ref.key ?? '';
  const map = ref.kind === 'on' ? state.on : ref.kind === 'after' ? state.after : undefined;
  if (map) {
    if (value === undefined) delete map[key];
    else map[key] = value;
    return;
  }
  const field = ref.kind === 'always' ? 'always' : 'onDone';
  if (value === undefined) delete state[field];
  else state[field] = value;
}

/** Removes one transition (the one an edge stands for). */
export function deleteTransition(machine: MachineConfig, ref: TransitionRef): MachineConfig {
  const m = cloneJson(machine);
  const state = stateAt(m, ref.source);
  const group = state && groupOf(state, ref);
  if (!state || group === undefined) return m;
  const list = transitionList(group).filter((_, i) => i !== ref.index);
  setGroup(state, ref, list, group);
  return m;
}

/** Changes a transition: its event (moving it to another key of `on`), guard expression or target. */
export function updateTransition(
  machine: MachineConfig,
  ref: TransitionRef,
  patch: { event?: string; guard?: string | null; target?: string; actions?: ActionRef[] },
): MachineConfig {
  const m = cloneJson(machine);
  const state = stateAt(m, ref.source);
  const group = state && groupOf(state, ref);
  if (!state || group === undefined) return m;
  const list = transitionList(group);
  const t = { ...list[ref.index] };
  if (patch.guard === null) delete t.guard;
  else if (patch.guard !== undefined)
    t.guard = { type: 'expr', params: { ...t.guard?.params, expr: patch.guard } };
  if (patch.target !== undefined) t.target = formatTarget(patch.target, scopeOf(ref.source), m.id);
  if (patch.actions !== undefined) {
    if (patch.actions.length) t.actions = cloneJson(patch.actions);
    else delete t.actions;
  }
  if (patch.event !== undefined && ref.kind === 'on' && patch.event !== ref.key) {
    setGroup(
      state,
      ref,
      list.filter((_, i) => i !== ref.index),
      group,
    );
    const existing = state.on?.[patch.event];
    state.on = { ...state.on, [patch.event]: existing === undefined ? t : [...transitionList(existing), t] };
    return m;
  }
  list[ref.index] = t;
  setGroup(state, ref, list, Array.isArray(group) ? group : list.length > 1 ? list : t);
  return m;
}

/** Removes a state and every transition into it (or into a state inside it). */
export function deleteState(machine: MachineConfig, path: string): MachineConfig {
  const m = cloneJson(machine);
  const parent = parentOf(m, path);
  const name = path.split('.').at(-1) ?? '';
  if (!parent?.states?.[name]) return m;
  delete parent.states[name];
  if (parent.initial === name) {
    const first = Object.keys(parent.states)[0];
    if (first === undefined) delete parent.initial;
    else parent.initial = first;
  }
  mapTransitions(m, (t, scope) => {
    const targets = t.target === undefined ? [] : Array.isArray(t.target) ? t.target : [t.target];
    const hit = targets.some((x) => {
      const p = resolveTarget(x, scope.slice(0, -1), m.id);
      return p === path || p?.startsWith(`${path}.`);
    });
    return hit ? null : t;
  });
  return m;
}

/** Renames a state (its key) and rewrites every target that reaches it or a state inside it. */
export function renameState(machine: MachineConfig, path: string, newName: string): MachineConfig {
  const m = cloneJson(machine);
  const parent = parentOf(m, path);
  const name = path.split('.').at(-1) ?? '';
  if (!parent?.states?.[name] || parent.states[newName]) return m;
  parent.states = Object.fromEntries(
    Object.entries(parent.states).map(([k, v]) => [k === name ? newName : k, v]),
  );
  if (parent.initial === name) parent.initial = newName;
  const newPath = [...scopeOf(path), newName].join('.');
  mapTransitions(m, (t, scope) => {
    if (t.target === undefined) return t;
    const rewrite = (x: string) => {
      const p = resolveTarget(x, scope.slice(0, -1), m.id);
      if (p === null || (p !== path && !p.startsWith(`${path}.`))) return x;
      return formatTarget(newPath + p.slice(path.length), scope.slice(0, -1), m.id);
    };
    return { ...t, target: Array.isArray(t.target) ? t.target.map(rewrite) : rewrite(t.target) };
  });
  return m;
}

/** Adds a state under `parentPath` ('' for the top level). */
export function addState(
  machine: MachineConfig,
  parentPath: string,
  name: string,
  config: StateConfig,
): MachineConfig {
  const m = cloneJson(machine);
  const parent = parentPath ? stateAt(m, parentPath) : m;
  if (!parent || parent.states?.[name]) return m;
  parent.states = { ...parent.states, [name]: cloneJson(config) };
  if (!parent.initial) parent.initial = name;
  return m;
}

/** Replaces a state's config (children and transitions included, as given). */
export function replaceState(machine: MachineConfig, path: string, config: StateConfig): MachineConfig {
  const m = cloneJson(machine);
  const parent = parentOf(m, path);
  const name = path.split('.').at(-1) ?? '';
  if (parent?.states?.[name]) parent.states[name] = cloneJson(config);
  return m;
}
