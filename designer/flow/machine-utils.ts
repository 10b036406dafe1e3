/**
 * Small pure helpers over XState machine JSON: resolving and formatting transition targets,
 * reading single transitions and re-pointing them while keeping their original shape.
 */
import type { StateConfig, TransitionConfig, TransitionsConfig } from '../../engine/types.ts';

/** A state config that may carry `onDone` (parallel / compound completion), which XState supports. */
export type StateWithDone = StateConfig & { onDone?: TransitionsConfig };

/** The event completing a task with `outcome` sends, as the engine names it: `approve` → `APPROVE`. */
export function outcomeEvent(outcome: string): string {
  return outcome.toUpperCase();
}

/** The transition objects of a transitions config (strings become `{ target }`). */
export function transitionList(t: TransitionsConfig | undefined): TransitionConfig[] {
  if (t === undefined) return [];
  if (typeof t === 'string') return [{ target: t }];
  return Array.isArray(t) ? t : [t];
}

/** The single unguarded target of a transition, or undefined when it has none, several, or a guard. */
export function singleTarget(t: TransitionsConfig | undefined): string | undefined {
  const list = transitionList(t);
  if (list.length !== 1) return undefined;
  const [only] = list;
  if (!only || only.guard || typeof only.target !== 'string') return undefined;
  return only.target;
}

/**
 * Resolves a target written in a state whose siblings live under `scope` (path segments) to a dotted
 * state path from the machine root; null when it points somewhere this model cannot follow.
 *
 * @example
 * resolveTarget('gmReview', [], 'orderApproval'); // 'gmReview'
 * resolveTarget('#orderApproval.rejected', ['par', 'a'], 'orderApproval'); // 'rejected'
 */
export function resolveTarget(target: string, scope: readonly string[], machineId: string): string | null {
  if (target.startsWith('#')) {
    const prefix = `#${machineId}.`;
    return target.startsWith(prefix) ? target.slice(prefix.length) : null;
  }
  if (target.startsWith('.') || target === '') return null;
  return [...scope, target].join('.');
}

/** Writes a target for a transition of a state under `scope`: a sibling by name, anything else by `#id.path`. */
export function formatTarget(path: string, scope: readonly string[], machineId: string): string {
  const segments = path.split('.');
  const parent = segments.slice(0, -1).join('.');
  return parent === scope.join('.') ? (segments.at(-1) ?? path) : `#${machineId}.${path}`;
}

/**
 * Points a transition at `path`, keeping its shape (string, object or one-element array), its actions
 * and its original target spelling when that already resolves to `path`.
 */
export function retarget(
  orig: TransitionsConfig | undefined,
  path: string,
  scope: readonly string[],
  machineId: string,
): TransitionsConfig {
  const formatted = formatTarget(path, scope, machineId);
  const same = (t: unknown) => typeof t === 'string' && resolveTarget(t, scope, machineId) === path;
  const fix = (o: TransitionConfig): TransitionConfig => (same(o.target) ? o : { ...o, target: formatted });
  if (orig === undefined) return formatted;
  if (typeof orig === 'string') return same(orig) ? orig : formatted;
  if (Array.isArray(orig)) return orig.map(fix);
  return fix(orig);
}

/** A deep copy of JSON data (definitions never hold anything else). */
export function cloneJson<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** Deep equality of JSON data, ignoring key order. */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  return ka.every((k) => Object.hasOwn(rb, k) && jsonEqual(ra[k], rb[k]));
}

/** Re-orders an object's keys like `reference` (keys it lacks go last, in their current order). */
export function orderLike<T>(
  obj: Record<string, T>,
  reference: Record<string, unknown> | undefined,
): Record<string, T> {
  if (!reference) return obj;
  const out: Record<string, T> = {};
  for (const k of Object.keys(reference)) if (Object.hasOwn(obj, k)) out[k] = obj[k] as T;
  for (const k of Object.keys(obj)) if (!Object.hasOwn(out, k)) out[k] = obj[k] as T;
  return out;
}

/** Whether a state, or any state inside it, is a human task. */
export function containsTask(state: StateConfig): boolean {
  if (state.meta?.task) return true;
  return Object.values(state.states ?? {}).some(containsTask);
}
