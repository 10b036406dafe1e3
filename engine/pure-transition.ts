/**
 * XState's pure `transition` / `initialTransition`, minus their per-call cost: those build a throwaway
 * actor (which computes a whole initial snapshot) for every call. The engine keeps one inert actor scope
 * per compiled machine and only swaps the collector of executed actions, so nothing runs and nothing is
 * scheduled: the returned actions are data, exactly as with `transition`.
 */
import { type AnyMachineSnapshot, type AnyStateMachine, createActor } from 'xstate';

/** An executed action as XState hands it to the executor: `{ type, params, info, exec }`. */
export type ExecutableAction = {
  type: string;
  params?: unknown;
  info?: { context?: unknown; event?: unknown };
};

type Scope = Parameters<AnyStateMachine['transition']>[2];

const scopes = new WeakMap<AnyStateMachine, Scope>();

function noop(): void {}

function baseScope(machine: AnyStateMachine): Scope {
  let scope = scopes.get(machine);
  if (!scope) {
    // Never started: the actor only lends its `self` reference and its (idle) system to the scope.
    const self = createActor(machine);
    scope = {
      self,
      system: self.system,
      id: '',
      sessionId: '',
      logger: noop,
      defer: noop,
      emit: noop,
      stopChild: noop,
      actionExecutor: noop,
    } as unknown as Scope;
    scopes.set(machine, scope);
  }
  return scope;
}

function collectingScope(machine: AnyStateMachine, actions: ExecutableAction[]): Scope {
  return { ...baseScope(machine), actionExecutor: (a: ExecutableAction) => void actions.push(a) } as Scope;
}

/** Like xstate's `initialTransition`: the initial snapshot and the actions to execute. */
export function pureInitialTransition(
  machine: AnyStateMachine,
  input: unknown,
): [AnyMachineSnapshot, ExecutableAction[]] {
  const actions: ExecutableAction[] = [];
  const snapshot = machine.getInitialSnapshot(collectingScope(machine, actions), input) as AnyMachineSnapshot;
  return [snapshot, actions];
}

/** Like xstate's `transition`: the next snapshot (the same object when nothing happened) and the actions. */
export function pureTransition(
  machine: AnyStateMachine,
  snapshot: AnyMachineSnapshot,
  event: { type: string },
): [AnyMachineSnapshot, ExecutableAction[]] {
  const actions: ExecutableAction[] = [];
  const next = machine.transition(snapshot, event, collectingScope(machine, actions)) as AnyMachineSnapshot;
  return [next, actions];
}

/**
 * Restores a persisted snapshot (plain JSON). Our machines invoke no children and our contexts hold no
 * actor references, so the context is put back afterwards instead of being walked by XState to revive them.
 */
export function restoreSnapshot(
  machine: AnyStateMachine,
  persisted: { context?: unknown },
): AnyMachineSnapshot {
  const restored = machine.restoreSnapshot({ ...persisted, context: {} } as never, baseScope(machine));
  const snapshot = restored as AnyMachineSnapshot & { context: unknown };
  snapshot.context = persisted.context ?? {};
  return snapshot;
}

/** `machine.getPersistedSnapshot` without XState's walk of the context looking for actor references. */
export function persistSnapshot(
  machine: AnyStateMachine,
  snapshot: AnyMachineSnapshot,
): Record<string, unknown> {
  const persisted = machine.getPersistedSnapshot({
    ...snapshot,
    context: {},
  } as AnyMachineSnapshot) as Record<string, unknown>;
  persisted.context = snapshot.context;
  return persisted;
}
