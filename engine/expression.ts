/**
 * CEL expressions (guards, assign values, effect arguments, assignee rules), via `@marcbachmann/cel-js`.
 *
 * Numbers: the library reads plain JS numbers as CEL `double` and literals like `5000` as `int`. Comparisons
 * across int/double already work; arithmetic does not (`double + int` has no overload in strict CEL), so
 * the environment registers mixed int/double operators. Context values are therefore passed as they are,
 * with no per-evaluation conversion of large contexts, and results are converted back to plain JSON
 * (`bigint` → number, timestamps → ISO strings).
 */
import { type ASTNode, Environment, type ParseResult } from '@marcbachmann/cel-js';
import type { Json } from './types.ts';

/** Names every expression may use besides the context's top-level fields. */
export const BUILTIN_NAMES = ['event', 'actor', 'now'] as const;

type Num = number | bigint;
const ARITHMETIC: Record<string, (a: number, b: number) => number> = {
  '+': (a, b) => a + b,
  '-': (a, b) => a - b,
  '*': (a, b) => a * b,
  '/': (a, b) => a / b,
};

/**
 * What one expression may cost, checked when it is compiled (so at validation and publication): its
 * length, its parse tree (nodes, nesting, literal sizes) and how deep macros (`map`, `all`, `cel.bind`,
 * ...) nest in each other's bodies. Evaluation is synchronous and cannot be interrupted, so these
 * bound the work instead: two nested comprehensions over lists of at most the input policy's array
 * size, no doubling by nested `cel.bind`.
 */
export const EXPRESSION_LIMITS = {
  maxLength: 4000,
  maxAstNodes: 2000,
  maxDepth: 64,
  maxListElements: 500,
  maxMapEntries: 500,
  maxCallArguments: 32,
  maxMacroNesting: 2,
} as const;

/** An expression over the limits of `EXPRESSION_LIMITS`. */
export class ExpressionLimitError extends Error {
  override name = 'ExpressionLimitError';
}

function createEnvironment(): Environment {
  const { maxAstNodes, maxDepth, maxListElements, maxMapEntries, maxCallArguments } = EXPRESSION_LIMITS;
  const env = new Environment({
    unlistedVariablesAreDyn: true,
    homogeneousAggregateLiterals: false,
    limits: { maxAstNodes, maxDepth, maxListElements, maxMapEntries, maxCallArguments },
  });
  for (const [op, fn] of Object.entries(ARITHMETIC)) {
    env.registerOperator(`double ${op} int`, (a: Num, b: Num) => fn(Number(a), Number(b)));
    env.registerOperator(`int ${op} double`, (a: Num, b: Num) => fn(Number(a), Number(b)));
  }
  // CEL has no double modulo; form data arrives as JS numbers (doubles), so `amount % 100` must work.
  env.registerOperator('double % int', (a: Num, b: Num) => Number(a) % Number(b));
  env.registerOperator('double % double', (a: Num, b: Num) => Number(a) % Number(b));
  return env;
}

const ENV = createEnvironment();
const CACHE = new Map<string, ParseResult>();
const CACHE_LIMIT = 5000;

/**
 * Parses a CEL expression once and caches it by source. Throws `ParseError` on bad syntax.
 *
 * @example
 * const fn = compileExpression('order.discount > 5000');
 * fn({ order: { discount: 6000 } }); // true
 */
export function compileExpression(src: string): ParseResult {
  let compiled = CACHE.get(src);
  if (!compiled) {
    if (src.length > EXPRESSION_LIMITS.maxLength) {
      throw new ExpressionLimitError(`Expression longer than ${EXPRESSION_LIMITS.maxLength} characters`);
    }
    compiled = ENV.parse(src);
    if (macroNesting(compiled.ast) > EXPRESSION_LIMITS.maxMacroNesting) {
      throw new ExpressionLimitError(
        `Macros (map, filter, all, exists, cel.bind) nest more than ${EXPRESSION_LIMITS.maxMacroNesting} deep`,
      );
    }
    if (CACHE.size >= CACHE_LIMIT) CACHE.clear();
    CACHE.set(src, compiled);
  }
  return compiled;
}

/**
 * Evaluates a CEL expression against variables and returns plain JSON. Throws on syntax or runtime
 * errors (e.g. a missing map key; use `has(x.y)` to test presence).
 *
 * @example
 * evaluateExpression('order.amount * 0.9', { order: { amount: 100 } }); // 90
 */
export function evaluateExpression(
  src: string,
  vars: Record<string, unknown> | ReadonlyMap<string, unknown>,
): Json {
  return toJson(compileExpression(src)(vars as Record<string, unknown>));
}

/** Converts a CEL result to JSON: bigint → number, Date → ISO string, Map → object, bytes → base64-less array. */
export function toJson(value: unknown): Json {
  if (value === null || value === undefined) return null;
  switch (typeof value) {
    case 'bigint':
      return Number(value);
    case 'number':
    case 'string':
    case 'boolean':
      return value;
    case 'object':
      return objectToJson(value);
    default:
      return null;
  }
}

function objectToJson(value: object): Json {
  if (Array.isArray(value)) return value.map(toJson);
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Uint8Array) return Array.from(value);
  if (value instanceof Map) {
    const out: Record<string, Json> = {};
    for (const [k, v] of value) out[String(k)] = toJson(v);
    return out;
  }
  const out: Record<string, Json> = {};
  for (const [k, v] of Object.entries(value)) out[k] = toJson(v);
  return out;
}

/** A problem found in an expression: a message and, for unknown names, the name. */
export interface ExpressionProblem {
  message: string;
  name?: string;
}

/**
 * Checks syntax and that every free top-level identifier is in `knownNames` (variables bound by macros
 * such as `items.all(i, i.price > 0)` and `cel.bind(x, ..., ...)` are local and allowed).
 *
 * @example
 * checkExpression('order.total > limit', ['order']); // [{ message: 'Unknown name "limit"', name: 'limit' }]
 */
export function checkExpression(src: string, knownNames: readonly string[]): ExpressionProblem[] {
  let compiled: ParseResult;
  try {
    compiled = compileExpression(src);
  } catch (err) {
    return [{ message: `Syntax error: ${firstLine(err)}` }];
  }
  const known = new Set(knownNames);
  const unknown = new Set<string>();
  collectFreeNames(compiled.ast, new Set(), (name) => {
    if (!known.has(name)) unknown.add(name);
  });
  return [...unknown].map((name) => ({ message: `Unknown name "${name}"`, name }));
}

function firstLine(err: unknown): string {
  const msg = err instanceof Error ? err.message : String(err);
  return msg.split('\n')[0] ?? msg;
}

const COMPREHENSIONS = new Set(['all', 'exists', 'exists_one', 'map', 'filter']);

function collectFreeNames(node: ASTNode, bound: Set<string>, report: (name: string) => void): void {
  if (node.op === 'id') {
    if (!bound.has(node.args)) report(node.args);
    return;
  }
  if (node.op === 'rcall') {
    walkReceiverCall(node.args, bound, (n, b) => collectFreeNames(n, b, report));
    return;
  }
  for (const child of childrenOf(node)) collectFreeNames(child, bound, report);
}

/** The sub-expressions of a node (field names and literals are not expressions). */
function childrenOf(node: ASTNode): ASTNode[] {
  switch (node.op) {
    case 'value':
    case 'id':
      return [];
    case '.':
    case '.?':
      return [node.args[0]];
    case 'call':
      return node.args[1];
    case 'rcall':
      return [node.args[1], ...node.args[2]];
    case 'list':
      return node.args;
    case 'map':
      return node.args.flat();
    case '!_':
    case '-_':
      return [node.args];
    default:
      return [...node.args];
  }
}

/** How deep macros nest in each other's arguments (a chain such as `xs.filter(...).map(...)` does not nest). */
function macroNesting(node: ASTNode): number {
  if (node.op === 'rcall') {
    const [name, receiver, args] = node.args;
    const isBind = name === 'bind' && receiver.op === 'id' && receiver.args === 'cel';
    if (args[0]?.op === 'id' && (COMPREHENSIONS.has(name) || isBind)) {
      // A bind's value doubles as easily as its body (`cel.bind(x, <bind>, x + x)`): both nest.
      const inner = Math.max(0, ...args.slice(1).map(macroNesting));
      return Math.max(isBind ? 0 : macroNesting(receiver), 1 + inner);
    }
  }
  return Math.max(0, ...childrenOf(node).map(macroNesting));
}

function walkReceiverCall(
  [name, receiver, args]: [string, ASTNode, ASTNode[]],
  bound: Set<string>,
  walk: (n: ASTNode, b: Set<string>) => void,
): void {
  const [first, ...rest] = args;
  const isBind = name === 'bind' && receiver.op === 'id' && receiver.args === 'cel';
  if (first?.op === 'id' && (COMPREHENSIONS.has(name) || isBind)) {
    const inner = new Set(bound).add(first.args);
    if (isBind) {
      // cel.bind(x, init, body): init sees the outer scope, body sees x.
      if (rest[0]) walk(rest[0], bound);
      if (rest[1]) walk(rest[1], inner);
      return;
    }
    walk(receiver, bound);
    for (const a of rest) walk(a, inner);
    return;
  }
  walk(receiver, bound);
  for (const a of args) walk(a, bound);
}
