/**
 * pure-transition.ts reuses XState internals (a hand-built actor scope, a snapshot restored without
 * XState's context walk). This contract test holds it to XState's own pure `initialTransition` /
 * `transition` on random event sequences over every shipped flow, so an XState upgrade that changes
 * what those internals mean fails here. The engine's side goes through JSON between steps, as it does
 * in the database.
 */
import fc from 'fast-check';
import { type AnyMachineSnapshot, type AnyStateMachine, initialTransition, transition } from 'xstate';
import { WORKFLOWS } from '../workflows/index.ts';
import { compileWorkflow, type EngineEvent, type StartInput } from './compile.ts';
import {
  type ExecutableAction,
  persistSnapshot,
  pureInitialTransition,
  pureTransition,
  restoreSnapshot,
} from './pure-transition.ts';
import type { Actor, Json, JsonObject, WorkflowDefinition } from './types.ts';

const NOW = '2026-03-01T08:00:00.000Z';

/** What either side answered to one input: the persisted snapshot and the actions, or the error. */
type Outcome =
  | { ok: true; moved: boolean; snapshot: unknown; actions: unknown }
  | { ok: false; error: string };

const json = (value: unknown): unknown => JSON.parse(JSON.stringify(value ?? null));
const actionData = (actions: readonly ExecutableAction[]) =>
  json(actions.map((a) => ({ type: a.type, params: a.params ?? null })));

function attempt(run: () => Omit<Extract<Outcome, { ok: true }>, 'ok'>): Outcome {
  try {
    return { ok: true, ...run() };
  } catch (err) {
    return { ok: false, error: err instanceof Error ? err.message : String(err) };
  }
}

/** The words a flow's expressions and assignees use, so random inputs reach its guards' branches. */
function vocabulary(def: WorkflowDefinition) {
  const text = JSON.stringify(def.machine);
  const unique = (matches: Iterable<string>) => [...new Set(matches)];
  return {
    eventFields: unique([...text.matchAll(/event\.(\w+)/g)].map((m) => m[1]!)),
    contextFields: Object.keys(def.machine.context ?? {}),
    literals: unique([...text.matchAll(/'([^'\\]{1,20})'/g)].map((m) => m[1]!)),
    roles: unique([...text.matchAll(/"roles":\[([^\]]*)\]/g)].flatMap((m) => json(`[${m[1]}]`) as string[])),
  };
}

function inputs(def: WorkflowDefinition, machine: AnyStateMachine, statePaths: string[]) {
  const words = vocabulary(def);
  const value: fc.Arbitrary<Json> = fc.oneof(
    fc.boolean(),
    fc.integer({ min: -10, max: 2_000_000 }),
    fc.constantFrom(0, 0.05, 0.08, 0.5, 1),
    words.literals.length > 0 ? fc.constantFrom(...words.literals) : fc.string({ maxLength: 4 }),
    fc.constant(null),
  );
  const record = (fields: string[]): fc.Arbitrary<JsonObject> =>
    fields.length === 0
      ? fc.constant({})
      : fc.dictionary(fc.constantFrom(...fields), value, { maxKeys: fields.length });
  const actor: fc.Arbitrary<Actor> = fc.record({
    id: fc.constantFrom('u-1', 'u-2'),
    username: fc.constantFrom('li', 'wang'),
    roles: fc.subarray(words.roles),
    storeId: fc.constantFrom('s1', null),
  });
  const event: fc.Arbitrary<EngineEvent> = fc
    .record({
      type: fc.constantFrom(...(machine.events as string[])),
      data: record(words.eventFields),
      actor,
      taskState: fc.option(fc.constantFrom(...statePaths), { nil: undefined }),
    })
    .map(({ taskState, ...rest }) => ({
      ...rest,
      now: NOW,
      ...(taskState === undefined ? {} : { taskState }),
    }));
  const start: fc.Arbitrary<StartInput> = fc.record({
    data: record([...words.contextFields, ...words.eventFields]),
    actor,
    now: fc.constant(NOW),
  });
  return { start, events: fc.array(event, { maxLength: 20 }) };
}

describe.each(WORKFLOWS.map((def) => [def.key, def] as const))('the engine transition of %s', (_key, def) => {
  const compiled = compileWorkflow(def);
  const { machine } = compiled;
  const arbitrary = inputs(def, machine, [...compiled.statePaths.values()]);

  it("answers XState's own transition on every random sequence of events", () => {
    fc.assert(
      fc.property(arbitrary.start, arbitrary.events, (start, events) => {
        let ours: Record<string, unknown> | undefined;
        let theirs: AnyMachineSnapshot | undefined;
        const first = (): [Outcome, Outcome] => [
          attempt(() => {
            const [snapshot, actions] = pureInitialTransition(machine, start);
            ours = json(persistSnapshot(machine, snapshot)) as Record<string, unknown>;
            return { moved: true, snapshot: ours, actions: actionData(actions) };
          }),
          attempt(() => {
            const [snapshot, actions] = initialTransition(machine, start);
            theirs = snapshot;
            return {
              moved: true,
              snapshot: json(machine.getPersistedSnapshot(snapshot)),
              actions: actionData(actions),
            };
          }),
        ];
        const next = (event: EngineEvent): [Outcome, Outcome] => [
          attempt(() => {
            const current = restoreSnapshot(machine, json(ours) as { context?: unknown });
            const [snapshot, actions] = pureTransition(machine, current, event);
            ours = json(persistSnapshot(machine, snapshot)) as Record<string, unknown>;
            return { moved: snapshot !== current, snapshot: ours, actions: actionData(actions) };
          }),
          attempt(() => {
            const current = theirs!;
            const [snapshot, actions] = transition(machine, current, event);
            theirs = snapshot;
            return {
              moved: snapshot !== current,
              snapshot: json(machine.getPersistedSnapshot(snapshot)),
              actions: actionData(actions),
            };
          }),
        ];
        let [a, b] = first();
        expect(a).toEqual(b);
        for (const event of events) {
          if (!a.ok) return;
          [a, b] = next(event);
          expect({ event: event.type, ...a }).toEqual({ event: event.type, ...b });
        }
      }),
      { numRuns: 150 },
    );
  });
});
