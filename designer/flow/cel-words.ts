/**
 * A guard expression in words for people ("申请价格 小于 成本价"): field paths become their labels,
 * operators words, money fen ¥ amounts, enum values their labels. Pure.
 */
import type { ASTNode } from '@marcbachmann/cel-js';
import { compileExpression } from '../../engine/expression.ts';
import { formatFen } from '../components/format.ts';
import {
  type Condition,
  type ConditionGroup,
  type ConditionOp,
  type ConditionValue,
  celToCondition,
  pathOf,
} from './condition-model.ts';
import type { FlowField } from './flow-fields.ts';
import { fmt } from './strings.ts';

/** Field path → its label, or the field itself (then money and enum values read as people know them). */
export type FieldLabels = Record<string, string | Pick<FlowField, 'label' | 'kind' | 'options'>>;

/** The operator in words (等于, 小于, 为空 …). */
export function opWord(op: ConditionOp): string {
  return fmt(`cond.op.${op}`);
}

function fieldOf(
  labels: FieldLabels,
  path: string,
): Pick<FlowField, 'label' | 'kind' | 'options'> | undefined {
  const f = Object.hasOwn(labels, path) ? labels[path] : undefined;
  return typeof f === 'string' ? { label: f, kind: 'other' } : f;
}

function labelOf(labels: FieldLabels, path: string): string {
  return fieldOf(labels, path)?.label ?? path;
}

function literalWords(value: unknown, field: Pick<FlowField, 'kind' | 'options'> | undefined): string {
  if (typeof value === 'bigint') return literalWords(Number(value), field);
  if (value === null) return fmt('cond.null');
  if (typeof value === 'boolean') return fmt(value ? 'cond.true' : 'cond.false');
  if (typeof value === 'number') return field?.kind === 'money' ? formatFen(value) : String(value);
  if (typeof value === 'string') {
    const option = field?.options?.find((o) => o.value === value);
    return option ? option.label : `“${value}”`;
  }
  return String(value);
}

function valueWords(v: ConditionValue | undefined, labels: FieldLabels, field: string): string {
  if (!v) return '';
  return v.kind === 'field' ? labelOf(labels, v.path) : literalWords(v.value, fieldOf(labels, field));
}

function conditionWords(c: Condition, labels: FieldLabels): string {
  const head = `${labelOf(labels, c.field)} ${opWord(c.op)}`;
  return c.value ? `${head} ${valueWords(c.value, labels, c.field)}` : head;
}

/** A builder model in words; nested groups in brackets. */
export function groupWords(group: ConditionGroup, labels: FieldLabels): string {
  if (group.items.length === 0) return fmt('cond.always');
  const join = ` ${fmt(group.join === 'and' ? 'cond.and' : 'cond.or')} `;
  return group.items
    .map((it) => {
      if (it.type === 'condition') return conditionWords(it, labels);
      const inner = groupWords(it, labels);
      return it.items.length > 1 ? `（${inner}）` : inner;
    })
    .join(join);
}

const SYMBOL_OP: Record<string, ConditionOp> = {
  '==': 'eq',
  '!=': 'neq',
  '>': 'gt',
  '>=': 'gte',
  '<': 'lt',
  '<=': 'lte',
};

/** Any CEL in words, for expressions the builder cannot show (arithmetic, functions, ternaries). */
function astWords(node: ASTNode, labels: FieldLabels, near?: string): string {
  const w = (n: ASTNode, nearPath?: string) => astWords(n, labels, nearPath);
  const path = pathOf(node);
  if (path !== undefined) return labelOf(labels, path);
  switch (node.op) {
    case 'value':
      return literalWords(node.args, near === undefined ? undefined : fieldOf(labels, near));
    case '&&':
    case '||': {
      const join = ` ${fmt(node.op === '&&' ? 'cond.and' : 'cond.or')} `;
      return node.args
        .map((a) => ((a.op === '&&' || a.op === '||') && a.op !== node.op ? `（${w(a)}）` : w(a)))
        .join(join);
    }
    case '!_':
      return `${fmt('cond.not')}（${w(node.args)}）`;
    case '-_':
      return `-${w(node.args)}`;
    case 'in':
      return `${w(node.args[0])} ${fmt('cond.in')} ${w(node.args[1])}`;
    case 'list':
      return `[${node.args.map((a) => w(a)).join('、')}]`;
    case '?:':
      return fmt('cond.ternary', { c: w(node.args[0]), a: w(node.args[1]), b: w(node.args[2]) });
    case 'call': {
      const [name, args] = node.args;
      if (name === 'has' && args[0]) return `${w(args[0])} ${fmt('cond.op.notEmpty')}`;
      if (name === 'size' && args[0]) return fmt('cond.size', { x: w(args[0]) });
      return `${name}(${args.map((a) => w(a)).join(', ')})`;
    }
    case 'rcall': {
      const [name, receiver, args] = node.args;
      if (name === 'contains' && args[0]) return `${w(receiver)} ${opWord('contains')} ${w(args[0])}`;
      return `${w(receiver)}.${name}(${args.map((a) => w(a)).join(', ')})`;
    }
    default:
      break;
  }
  if (Array.isArray(node.args) && node.args.length === 2 && typeof node.op === 'string') {
    const [l, r] = node.args as [ASTNode, ASTNode];
    const op = SYMBOL_OP[node.op];
    const lp = pathOf(l);
    const rp = pathOf(r);
    // A money field's neighbour in a comparison is money too; in arithmetic it is a plain number.
    const left = w(l, op ? rp : undefined);
    const right = w(r, op ? lp : undefined);
    return op ? `${left} ${opWord(op)} ${right}` : `${left} ${node.op} ${right}`;
  }
  return '…';
}

/**
 * A guard expression in words; the labels name the fields.
 *
 * @example
 * celToWords('price < cost', { price: '申请价格', cost: '成本价' }); // '申请价格 小于 成本价'
 * celToWords('a > 1 && b == "x"', { a: 'A' }); // 'A 大于 1 且 b 等于 “x”'
 */
export function celToWords(expr: string, fieldLabels: FieldLabels): string {
  const parsed = celToCondition(expr);
  if (parsed.ok) return groupWords(parsed.group, fieldLabels);
  if (parsed.syntax) return expr;
  return astWords(compileExpression(expr.trim()).ast, fieldLabels);
}

const STRING_LITERAL = /"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/g;
const CJK = /[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]/;

/** Whether Chinese (or full-width) text appears outside string literals: not CEL, but words. */
export function hasChineseOutsideStrings(src: string): boolean {
  return CJK.test(src.replace(STRING_LITERAL, '""'));
}

const WORD_OPS: [RegExp, string][] = [
  [/大于等于|不小于|≥/g, ' >= '],
  [/小于等于|不大于|≤/g, ' <= '],
  [/不等于|≠/g, ' != '],
  [/等于|＝/g, ' == '],
  [/大于|＞/g, ' > '],
  [/小于|＜/g, ' < '],
  [/并且|而且|且/g, ' && '],
  [/或者|或/g, ' || '],
  [/（/g, '('],
  [/）/g, ')'],
];

/**
 * Chinese typed into the expression box, read with the flow's field labels: `申请价格 < 成本价` →
 * `price < cost`. Undefined when something Chinese is left that is no field label or operator word.
 *
 * @example
 * wordsToCel('申请价格小于成本价', [{ path: 'price', label: '申请价格' }, { path: 'cost', label: '成本价' }]);
 * // 'price < cost'
 */
export function wordsToCel(
  text: string,
  fields: readonly Pick<FlowField, 'path' | 'label'>[],
): string | undefined {
  const literals: string[] = [];
  let src = text.replace(STRING_LITERAL, (m) => {
    literals.push(m);
    return `⟦${literals.length - 1}⟧`;
  });
  const byLength = [...fields]
    .filter((f) => f.label !== f.path)
    .sort((a, b) => b.label.length - a.label.length);
  for (const f of byLength) src = src.split(f.label).join(` ${f.path} `);
  for (const [re, op] of WORD_OPS) src = src.replace(re, op);
  if (CJK.test(src)) return undefined;
  src = src.replace(/⟦(\d+)⟧/g, (_, i: string) => literals[Number(i)] ?? '');
  return src.replace(/\s+/g, ' ').replace(/\( /g, '(').replace(/ \)/g, ')').trim();
}
