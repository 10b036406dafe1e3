/**
 * The engine's public API: validate and compile definitions, then `start` / `step` instances purely.
 * `engine/store/` (persistence) is separate and imports from here.
 */

export { type CompiledWorkflow, compileWorkflow, type EngineEvent, SYSTEM_ACTOR } from './compile.ts';
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
export { createSimulation, directoryFromUsers, type Simulation, type SimulationOptions } from './simulate.ts';
export { diffContext, start, step } from './step.ts';
export { canComplete, DEFAULT_OUTCOMES, resolveAssignment } from './tasks.ts';
export type * from './types.ts';
