/**
 * The condition builder's model and its two-way mapping to CEL: groups of "field operator value"
 * joined by AND / OR. `conditionToCel` writes the guard expression; `celToCondition` reads one back
 * when it has the builder's shape and says why not otherwise (the text is then kept as it is). Pure.
 */
import type { ASTNode } from '@marcbachmann/cel-js';
import { compileExpression } from '../../engine/expression.ts';
import type { FieldKind, FlowField } from './flow-fields.ts';

export type ConditionOp = 'eq' | 'neq' | 'gt' | 'gte' | 'lt' | 'lte' | 'contains' | 'empty' | 'notEmpty';

/** A literal (money in fen, dates as `YYYY-MM-DD`, enum values as stored) or another field. */
export type ConditionValue =
  | { kind: 'literal'; value: string | number | boolean }
  | { kind: 'field'; path: string };

export interface Condition {
  type: 'condition';
  field: string;
  op: ConditionOp;
  /** Absent for `empty` / `notEmpty`. */
  value?: ConditionValue;
}

export interface ConditionGroup {
  type: 'group';
  join: 'and' | 'or';
  items: (Condition | ConditionGroup)[];
}

export type ConditionItem = Condition | ConditionGroup;

const SYMBOL: Partial<Record<ConditionOp, string>> = {
  eq: '==',
  neq: '!=',
  gt: '>',
  gte: '>=',
  lt: '<',
  lte: '<=',
};
const OP_BY_SYMBOL: Record<string, ConditionOp> = Object.fromEntries(
  Object.entries(SYMBOL).map(([op, sym]) => [sym, op as ConditionOp]),
);

const OPS_BY_KIND: Record<FieldKind, ConditionOp[]> = {
  text: ['eq', 'neq', 'contains', 'empty', 'notEmpty'],
  number: ['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'empty', 'notEmpty'],
  money: ['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'empty', 'notEmpty'],
  date: ['eq', 'gt', 'gte', 'lt', 'lte', 'empty', 'notEmpty'],
  enum: ['eq', 'neq', 'empty', 'notEmpty'],
  multi: ['contains', 'empty', 'notEmpty'],
  boolean: ['eq', 'neq'],
  other: ['eq', 'neq', 'empty', 'notEmpty'],
};

/** The operators offered for a kind of field, in menu order. */
export function operatorsFor(kind: FieldKind): ConditionOp[] {
  return OPS_BY_KIND[kind];
}

/** Whether an operator takes a value (为空 / 不为空 do not). */
export function takesValue(op: ConditionOp): boolean {
  return op !== 'empty' && op !== 'notEmpty';
}

/** An empty builder: all of no conditions (`true`). */
export function emptyGroup(join: 'and' | 'or' = 'and'): ConditionGroup {
  return { type: 'group', join, items: [] };
}

// ---------------------------------------------------------------------------------------------
// Model → CEL
// ---------------------------------------------------------------------------------------------

function literal(value: string | number | boolean): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

function valueText(v: ConditionValue | undefined): string {
  if (!v) return 'null';
  return v.kind === 'field' ? v.path : literal(v.value);
}

function kindAt(fields: readonly FlowField[], path: string): FieldKind {
  return fields.find((f) => f.path === path)?.kind ?? 'other';
}

/** Text-like fields are "empty" when null or ""; numbers when null; lists when they have no item. */
function emptyCel(path: string, kind: FieldKind, negate: boolean): string {
  if (kind === 'multi') return negate ? `size(${path}) > 0` : `size(${path}) == 0`;
  if (kind === 'number' || kind === 'money' || kind === 'boolean')
    return `${path} ${negate ? '!=' : '=='} null`;
  return negate ? `(${path} != null && ${path} != "")` : `(${path} == null || ${path} == "")`;
}

/** A row still being filled in (no field, or no value yet) does not count. */
function complete(c: Condition): boolean {
  return c.field !== '' && (!takesValue(c.op) || c.value !== undefined);
}

function conditionCel(c: Condition, fields: readonly FlowField[]): string {
  if (!complete(c)) return 'true';
  const kind = kindAt(fields, c.field);
  if (c.op === 'empty' || c.op === 'notEmpty') return emptyCel(c.field, kind, c.op === 'notEmpty');
  if (c.op === 'contains')
    return kind === 'multi'
      ? `${valueText(c.value)} in ${c.field}`
      : `${c.field}.contains(${valueText(c.value)})`;
  return `${c.field} ${SYMBOL[c.op]} ${valueText(c.value)}`;
}

/**
 * The CEL expression of a builder model. No conditions: `true`.
 *
 * @example
 * conditionToCel({ type: 'group', join: 'and', items: [
 *   { type: 'condition', field: 'price', op: 'lt', value: { kind: 'field', path: 'cost' } }] }, []);
 * // 'price < cost'
 */
export function conditionToCel(group: ConditionGroup, fields: readonly FlowField[]): string {
  const parts = group.items
    .map((item) => {
      if (item.type === 'condition') return conditionCel(item, fields);
      const inner = conditionToCel(item, fields);
      return item.items.length > 1 ? `(${inner})` : inner;
    })
    .filter((p) => p !== 'true');
  if (parts.length === 0) return 'true';
  return parts.join(group.join === 'and' ? ' && ' : ' || ');
}

// ---------------------------------------------------------------------------------------------
// CEL → model
// ---------------------------------------------------------------------------------------------

/** Why an expression cannot be shown in the builder: the part that does not fit. */
export class NotBuildable extends Error {
  constructor(readonly part: string) {
    super(part);
  }
}

export type ParsedCondition =
  | { ok: true; group: ConditionGroup }
  | { ok: false; part: string; syntax?: boolean };

/** A dotted field path (`price`, `review.comment`), or undefined for anything else. */
export function pathOf(node: ASTNode): string | undefined {
  if (node.op === 'id') return node.args;
  if (node.op === '.') {
    const base = pathOf(node.args[0]);
    return base === undefined ? undefined : `${base}.${node.args[1]}`;
  }
  return undefined;
}

function literalOf(node: ASTNode): string | number | boolean | null | undefined {
  if (node.op === '-_' && node.args.op === 'value') {
    const v = literalOf(node.args);
    return typeof v === 'number' ? -v : undefined;
  }
  if (node.op !== 'value') return undefined;
  const v: unknown = node.args;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v === null) return v;
  return undefined;
}

function same(a: ASTNode, b: ASTNode): boolean {
  return pathOf(a) !== undefined && pathOf(a) === pathOf(b);
}

/** `(x == null || x == "")` and its negation `(x != null && x != "")`. */
function emptyPattern(node: ASTNode): Condition | undefined {
  if ((node.op !== '||' && node.op !== '&&') || node.args.length !== 2) return undefined;
  const [a, b] = node.args as [ASTNode, ASTNode];
  const sym = node.op === '||' ? '==' : '!=';
  if (a.op !== sym || b.op !== sym) return undefined;
  const [ax, an] = a.args as [ASTNode, ASTNode];
  const [bx, bs] = b.args as [ASTNode, ASTNode];
  if (!same(ax, bx) || literalOf(an) !== null || literalOf(bs) !== '') return undefined;
  return { type: 'condition', field: pathOf(ax) as string, op: node.op === '||' ? 'empty' : 'notEmpty' };
}

function operand(node: ASTNode, src: string): ConditionValue | null {
  const path = pathOf(node);
  if (path !== undefined) return { kind: 'field', path };
  const v = literalOf(node);
  if (v === null) return null;
  if (v === undefined) throw new NotBuildable(src.slice(node.start, node.end));
  return { kind: 'literal', value: v };
}

function comparison(node: ASTNode, src: string): Condition {
  const [left, right] = node.args as [ASTNode, ASTNode];
  const field = pathOf(left);
  // size(list) == 0 / > 0
  if (left.op === 'call' && left.args[0] === 'size' && left.args[1].length === 1) {
    const list = pathOf(left.args[1][0] as ASTNode);
    const n = literalOf(right);
    if (list !== undefined && n === 0 && (node.op === '==' || node.op === '>'))
      return { type: 'condition', field: list, op: node.op === '==' ? 'empty' : 'notEmpty' };
  }
  if (field === undefined) throw new NotBuildable(src.slice(left.start, left.end));
  const value = operand(right, src);
  if (value === null) {
    if (node.op === '==' || node.op === '!=')
      return { type: 'condition', field, op: node.op === '==' ? 'empty' : 'notEmpty' };
    throw new NotBuildable(src.slice(node.start, node.end));
  }
  return { type: 'condition', field, op: OP_BY_SYMBOL[node.op] as ConditionOp, value };
}

function item(node: ASTNode, src: string): ConditionItem {
  const empty = emptyPattern(node);
  if (empty) return empty;
  if (node.op === '&&' || node.op === '||') {
    const join = node.op === '&&' ? 'and' : 'or';
    const items: ConditionItem[] = [];
    for (const child of node.args) {
      const it = item(child, src);
      if (it.type === 'group' && it.join === join) items.push(...it.items);
      else items.push(it);
    }
    return { type: 'group', join, items };
  }
  if (node.op in OP_BY_SYMBOL) return comparison(node, src);
  if (node.op === 'rcall' && node.args[0] === 'contains' && node.args[2].length === 1) {
    const field = pathOf(node.args[1]);
    const v = literalOf(node.args[2][0] as ASTNode);
    if (field !== undefined && typeof v === 'string')
      return { type: 'condition', field, op: 'contains', value: { kind: 'literal', value: v } };
  }
  if (node.op === 'in') {
    const v = literalOf(node.args[0]);
    const field = pathOf(node.args[1]);
    if (field !== undefined && (typeof v === 'string' || typeof v === 'number'))
      return { type: 'condition', field, op: 'contains', value: { kind: 'literal', value: v } };
  }
  throw new NotBuildable(src.slice(node.start, node.end));
}

/**
 * Reads a guard expression back into the builder, or says which part does not fit it (or that the
 * text is not CEL at all).
 *
 * @example
 * celToCondition('price < cost'); // { ok: true, group: { join: 'and', items: [{ field: 'price', op: 'lt', ... }] } }
 * celToCondition('size(items) > 3'); // { ok: false, part: 'size(items) > 3' }
 */
export function celToCondition(expr: string): ParsedCondition {
  const src = expr.trim();
  if (src === '' || src === 'true') return { ok: true, group: emptyGroup() };
  let ast: ASTNode;
  try {
    ast = compileExpression(src).ast;
  } catch {
    return { ok: false, part: src, syntax: true };
  }
  try {
    const it = item(ast, src);
    return { ok: true, group: it.type === 'group' ? it : { type: 'group', join: 'and', items: [it] } };
  } catch (err) {
    if (err instanceof NotBuildable) return { ok: false, part: err.part };
    throw err;
  }
}
