/**
 * Validates a workflow definition before it is saved or published (docs/flows.md) and returns every
 * problem at once, each with a JSON pointer (`/machine/states/review/on/APPROVE/0/target`) and, where it
 * belongs to a state, the dotted state path so the designer can mark the node.
 */
import Ajv, { type ErrorObject } from 'ajv';
import type { Problem, ValidateOptions } from '../types.ts';
import { WORKFLOW_DEFINITION_SCHEMA } from './schema.ts';
import {
  asObj,
  buildStateTree,
  joinPath,
  resolveTarget,
  type StateNodeInfo,
  type StateTree,
  selfAndAncestors,
  statePathOf,
  transitionsOf,
} from './state-tree.ts';
import { checkBehaviour } from './validate-behaviour.ts';
import { checkStartersAndEvents } from './validate-starters.ts';

const ajv = new Ajv({ allErrors: true, strict: false });
const validateShape = ajv.compile(WORKFLOW_DEFINITION_SCHEMA);

/**
 * Every problem in `def`: shape, targets, reachability, dead ends, initial states, tasks, guards,
 * actions, expressions and durations. Empty when the definition can be published.
 *
 * @example
 * validateDefinition(def, { roles: ['sales_manager'], effects: ['notify'] });
 * // [{ path: '/machine/states/review/on/APPROVE/0/target', message: 'Unknown target "aproved"', state: 'review', code: 'unknown_target' }]
 */
export function validateDefinition(def: unknown, opts: ValidateOptions = {}): Problem[] {
  const problems = shapeProblems(def);
  const tree = buildStateTree(asObj(def).machine);
  problems.push(...structureProblems(tree));
  problems.push(...checkBehaviour(def, tree, opts));
  problems.push(...checkStartersAndEvents(def, tree, opts));
  return dedupe(problems);
}

function dedupe(problems: Problem[]): Problem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.path}\u0000${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

// ---------------------------------------------------------------------------------------------
// Shape (ajv)
// ---------------------------------------------------------------------------------------------

function shapeProblems(def: unknown): Problem[] {
  if (validateShape(def)) return [];
  return (validateShape.errors ?? []).map((e) => toProblem(e));
}

function toProblem(error: ErrorObject): Problem {
  const segments = error.instancePath
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  const { missingProperty, additionalProperty, allowedValues } = error.params as Record<string, unknown>;
  const extra = typeof missingProperty === 'string' ? missingProperty : additionalProperty;
  if (typeof extra === 'string') segments.push(extra);
  let message = error.message ?? 'is invalid';
  if (Array.isArray(allowedValues)) message = `must be one of ${allowedValues.join(', ')}`;
  if (typeof additionalProperty === 'string') message = `unknown property "${additionalProperty}"`;
  const problem: Problem = {
    path: typeof extra === 'string' ? joinPath(error.instancePath, extra) : error.instancePath,
    message,
    code: `shape.${error.keyword}`,
  };
  const state = stateOfSegments(segments);
  if (state) problem.state = state;
  return problem;
}

/** `machine/states/a/states/b/on/X` → `a.b`. */
function stateOfSegments(segments: string[]): string | undefined {
  if (segments[0] !== 'machine') return undefined;
  const states: string[] = [];
  for (let i = 1; i + 1 < segments.length && segments[i] === 'states'; i += 2) states.push(segments[i + 1]!);
  return states.length > 0 ? states.join('.') : undefined;
}

// ---------------------------------------------------------------------------------------------
// Structure: targets, initial states, reachability, dead ends
// ---------------------------------------------------------------------------------------------

function at(node: StateNodeInfo, path: string, message: string, code: string): Problem {
  const problem: Problem = { path, message, code };
  const state = statePathOf(node);
  if (state) problem.state = state;
  return problem;
}

function structureProblems(tree: StateTree): Problem[] {
  const problems: Problem[] = [];
  for (const node of tree.nodes) {
    for (const t of transitionsOf(node)) {
      for (const ref of t.targets) {
        if (resolveTarget(tree, node, ref.target)) continue;
        const hint = node.parent ? '' : ` (from the machine itself use ".${ref.target}" or "#id")`;
        problems.push(at(node, ref.jsonPath, `Unknown target "${ref.target}"${hint}`, 'unknown_target'));
      }
    }
    problems.push(...initialProblems(node));
    if (isDeadEnd(node)) {
      problems.push(at(node, node.jsonPath, 'State has no way out and is not final', 'dead_end'));
    }
  }
  const reachable = reachableNodes(tree);
  for (const node of tree.nodes) {
    if (!reachable.has(node) && node.parent && reachable.has(node.parent)) {
      problems.push(at(node, node.jsonPath, 'State can never be entered', 'unreachable'));
    }
  }
  return problems;
}

function initialProblems(node: StateNodeInfo): Problem[] {
  const initial = node.config.initial;
  const path = `${node.jsonPath}/initial`;
  if (!node.parent && node.children.size === 0 && ('states' in node.config || 'initial' in node.config)) {
    return [at(node, `${node.jsonPath}/states`, 'A workflow needs at least one state', 'initial')];
  }
  // An `initial` naming a child that is not there is a mistake whatever kind the node turned out to be.
  if (node.kind !== 'compound') {
    if (typeof initial === 'string' && !node.children.has(initial))
      return [at(node, path, `Initial state "${initial}" is not a child`, 'initial')];
    return [];
  }
  if (typeof initial !== 'string')
    return [at(node, path, 'Compound state needs an initial state', 'initial')];
  if (!node.children.has(initial))
    return [at(node, path, `Initial state "${initial}" is not a child`, 'initial')];
  return [];
}

function isDeadEnd(node: StateNodeInfo): boolean {
  if (node.kind !== 'atomic' || !node.parent) return false;
  // An ancestor's onDone only fires once a final child is reached, so it is no way out of this state.
  return !selfAndAncestors(node).some((n) => transitionsOf(n).some((t) => t.kind !== 'onDone'));
}

/** Nodes the machine can be in: entered from the initial configuration through any transition. */
function reachableNodes(tree: StateTree): Set<StateNodeInfo> {
  const reachable = new Set<StateNodeInfo>();
  const queue: StateNodeInfo[] = [];
  const enter = (node: StateNodeInfo) => {
    const added = selfAndAncestors(node).filter((n) => !reachable.has(n));
    for (const n of added) {
      reachable.add(n);
      queue.push(n);
    }
    // Entering a state deep inside a parallel state enters the parallel state's other regions too.
    for (const n of added.slice(1)) {
      if (n.kind !== 'parallel') continue;
      for (const region of n.children.values()) if (!reachable.has(region)) enter(region);
    }
    if (node.kind === 'parallel') for (const child of node.children.values()) enter(child);
    if (node.kind === 'compound') {
      const initial = node.children.get(String(node.config.initial));
      if (initial) enter(initial);
    }
    if (node.kind === 'history' && node.parent) enter(node.parent);
  };
  enter(tree.root);
  while (queue.length > 0) {
    const node = queue.shift()!;
    for (const t of transitionsOf(node)) {
      for (const ref of t.targets) {
        const target = resolveTarget(tree, node, ref.target);
        if (target && !reachable.has(target)) enter(target);
      }
    }
  }
  return reachable;
}
