/**
 * The engine's public API: validate and compile definitions, then `start` / `step` instances purely.
 * `engine/store/` (persistence) is separate and imports from here.
 *
 * Semantics worth knowing when writing the service around it:
 * - a result lists timers to clear and to set: apply `timersCleared` first, then `timersSet`;
 * - `tasksOpened` are new this step (with their final status), `tasksClosed` existed before;
 * - completing a task whose decided outcome the machine does not accept is refused (`conflict`);
 *   an external event or timer the machine ignores is `ok` with `changed: false`;
 * - an expression failing at run time refuses the input (`invalid`) and changes nothing;
 * - compiled machines are cached per definition object: keep one object per published version.
 */

export {
  addWorkingDuration,
  DEFAULT_CALENDAR,
  dueFromDate,
  isWorkingDate,
  subtractWorkingDuration,
} from './calendar.ts';
export {
  type CompiledWorkflow,
  compileWorkflow,
  type EngineEvent,
  isTaskOutcomeEvent,
  SYSTEM_ACTOR,
} from './compile.ts';
export { DEADLINE_EVENT, dueTime, isDeadlineTimer } from './deadlines.ts';
export { WORKFLOW_DEFINITION_SCHEMA } from './definition/schema.ts';
export { validateDefinition } from './definition/validate.ts';
export { addDuration, durationToMs, isValidDuration } from './duration.ts';
export {
  AppError,
  conflict,
  type ErrorCode,
  type ErrorDetail,
  forbidden,
  invalid,
  notFound,
} from './errors.ts';
export {
  BUILTIN_NAMES,
  checkExpression,
  compileExpression,
  type ExpressionProblem,
  evaluateExpression,
} from './expression.ts';
export { checkMapping, relocate, statePathOfValue, waitStates } from './relocate.ts';
export { createSimulation, directoryFromUsers, type Simulation, type SimulationOptions } from './simulate.ts';
export { diffContext, start, step } from './step.ts';
export { canComplete, DEFAULT_OUTCOMES, resolveAssignment } from './tasks.ts';
export type * from './types.ts';
