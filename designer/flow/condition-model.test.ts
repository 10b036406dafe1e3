import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluateExpression } from '../../engine/expression.ts';
import { celToWords, hasChineseOutsideStrings, wordsToCel } from './cel-words.ts';
import {
  type Condition,
  type ConditionGroup,
  celToCondition,
  conditionToCel,
  operatorsFor,
} from './condition-model.ts';
import { type FlowField, fieldLabelMap, formFields } from './flow-fields.ts';

const FORM = {
  schema: {
    type: 'object',
    properties: {
      price: { type: 'integer', title: '申请价格' },
      cost: { type: 'integer', title: '成本价' },
      reason: { type: 'string', title: '申请理由' },
      level: { type: 'string', title: '客户等级', enum: ['vip', 'normal'] },
      tags: { type: 'array', title: '标签', items: { type: 'string', enum: ['a', 'b'] } },
      due: { type: 'string', format: 'date', title: '交车日期' },
      urgent: { type: 'boolean', title: '加急' },
      car: { type: 'object', title: '车辆', properties: { msrp: { type: 'integer', title: '指导价' } } },
    },
  },
  uiSchema: {
    price: { 'ui:widget': 'money' },
    cost: { 'ui:widget': 'money' },
    level: { 'ui:enumNames': ['贵宾', '普通'] },
    car: { msrp: { 'ui:widget': 'money' } },
  },
};
const FIELDS: FlowField[] = formFields(FORM);
const cond = (c: Omit<Condition, 'type'>): Condition => ({ type: 'condition', ...c });
const and = (...items: ConditionGroup['items']): ConditionGroup => ({ type: 'group', join: 'and', items });
const or = (...items: ConditionGroup['items']): ConditionGroup => ({ type: 'group', join: 'or', items });

describe('formFields', () => {
  it('lists every field by path with its label, kind and choices', () => {
    expect(FIELDS.map((f) => [f.path, f.label, f.kind])).toEqual([
      ['price', '申请价格', 'money'],
      ['cost', '成本价', 'money'],
      ['reason', '申请理由', 'text'],
      ['level', '客户等级', 'enum'],
      ['tags', '标签', 'multi'],
      ['due', '交车日期', 'date'],
      ['urgent', '加急', 'boolean'],
      ['car.msrp', '车辆·指导价', 'money'],
    ]);
    expect(FIELDS.find((f) => f.path === 'level')?.options).toEqual([
      { value: 'vip', label: '贵宾' },
      { value: 'normal', label: '普通' },
    ]);
  });

  it('offers operators that fit the field', () => {
    expect(operatorsFor('money')).toContain('lt');
    expect(operatorsFor('text')).not.toContain('lt');
    expect(operatorsFor('multi')).toEqual(['contains', 'empty', 'notEmpty']);
  });
});

describe('conditionToCel and celToCondition', () => {
  const cases: [string, ConditionGroup, string][] = [
    [
      'field against field',
      and(cond({ field: 'price', op: 'lt', value: { kind: 'field', path: 'cost' } })),
      'price < cost',
    ],
    [
      'money in fen',
      and(cond({ field: 'price', op: 'gte', value: { kind: 'literal', value: 1000000 } })),
      'price >= 1000000',
    ],
    [
      'and of or',
      and(
        cond({ field: 'level', op: 'eq', value: { kind: 'literal', value: 'vip' } }),
        or(
          cond({ field: 'reason', op: 'contains', value: { kind: 'literal', value: '急' } }),
          cond({ field: 'urgent', op: 'eq', value: { kind: 'literal', value: true } }),
        ),
      ),
      'level == "vip" && (reason.contains("急") || urgent == true)',
    ],
    ['text empty', and(cond({ field: 'reason', op: 'empty' })), '(reason == null || reason == "")'],
    ['text not empty', and(cond({ field: 'reason', op: 'notEmpty' })), '(reason != null && reason != "")'],
    ['number empty', and(cond({ field: 'price', op: 'empty' })), 'price == null'],
    [
      'list contains',
      and(cond({ field: 'tags', op: 'contains', value: { kind: 'literal', value: 'a' } })),
      '"a" in tags',
    ],
    ['list empty', and(cond({ field: 'tags', op: 'empty' })), 'size(tags) == 0'],
    [
      'date',
      or(cond({ field: 'due', op: 'lt', value: { kind: 'literal', value: '2026-01-01' } })),
      'due < "2026-01-01"',
    ],
    [
      'nested path',
      and(cond({ field: 'car.msrp', op: 'gt', value: { kind: 'literal', value: 5 } })),
      'car.msrp > 5',
    ],
  ];

  it.each(cases)('writes %s as CEL and reads it back', (_, group, cel) => {
    expect(conditionToCel(group, FIELDS)).toBe(cel);
    const back = celToCondition(cel);
    expect(back).toEqual({ ok: true, group: group.items.length === 1 ? { ...group, join: 'and' } : group });
  });

  it('writes true for no conditions and reads true back as an empty builder', () => {
    expect(conditionToCel(and(), FIELDS)).toBe('true');
    expect(celToCondition('true')).toEqual({ ok: true, group: and() });
  });

  it('names the part that does not fit the builder and flags bad syntax', () => {
    expect(celToCondition('price * 2 > cost')).toEqual({ ok: false, part: 'price * 2' });
    expect(celToCondition('申请价格 < 成本价')).toMatchObject({ ok: false, syntax: true });
  });

  it('writes expressions that mean what the builder says, for any data', () => {
    fc.assert(
      fc.property(
        fc.integer(),
        fc.integer(),
        fc.constantFrom('lt', 'lte', 'gt', 'gte', 'eq', 'neq'),
        (price, cost, op) => {
          const group = and(
            cond({ field: 'price', op: op as Condition['op'], value: { kind: 'field', path: 'cost' } }),
          );
          const want = {
            lt: price < cost,
            lte: price <= cost,
            gt: price > cost,
            gte: price >= cost,
            eq: price === cost,
            neq: price !== cost,
          }[op as 'lt'];
          expect(evaluateExpression(conditionToCel(group, FIELDS), { price, cost })).toBe(want);
        },
      ),
    );
  });
});

describe('celToWords', () => {
  const labels = fieldLabelMap(FIELDS);
  it.each([
    ['price < cost', '申请价格 小于 成本价'],
    ['price >= 1000000', '申请价格 大于等于 ¥10,000.00'],
    [
      'level == "vip" && (reason.contains("急") || urgent == true)',
      '客户等级 等于 贵宾 且 （申请理由 包含 “急” 或 加急 等于 是）',
    ],
    ['(reason == null || reason == "")', '申请理由 为空'],
    ['price * 2 > cost', '申请价格 * 2 大于 成本价'],
    ['!has(event.note) || size(tags) > 3', '不满足（event.note 不为空） 或 标签的个数 大于 3'],
    ['discount > 0.05', 'discount 大于 0.05'],
  ])('%s reads "%s"', (expr, words) => {
    expect(celToWords(expr, labels)).toBe(words);
  });

  it('takes plain label strings too', () => {
    expect(celToWords('a > 1', { a: '金额' })).toBe('金额 大于 1');
  });
});

describe('Chinese typed as an expression', () => {
  it('is recognised outside string literals only', () => {
    expect(hasChineseOutsideStrings('申请价格 < 成本价')).toBe(true);
    expect(hasChineseOutsideStrings('reason.contains("急")')).toBe(false);
  });

  it.each([
    ['申请价格 < 成本价', 'price < cost'],
    ['申请价格小于成本价 且 申请理由 包含 "急"', undefined],
    ['（申请价格大于等于100）或 客户等级 等于 "vip"', '(price >= 100) || level == "vip"'],
    ['价格 < 1', undefined],
  ])('reads %s with the field labels as %s', (text, cel) => {
    expect(wordsToCel(text, FIELDS)).toBe(cel);
  });
});
