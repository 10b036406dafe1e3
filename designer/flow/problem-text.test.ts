import type { Problem } from '../../engine/types.ts';
import { changeLocale } from '../i18n/i18n.ts';
import { summarizeChanges } from './definition-diff.ts';
import { sample } from './fixtures/load.ts';
import { importNoteText, problemText } from './problem-text.ts';

const p = (code: string, message: string): Problem => ({ path: '/machine/states/a', code, message });

afterEach(async () => {
  await changeLocale('zh-CN');
});

describe('validation problems in the UI language', () => {
  it.each([
    [
      p('unknown_target', 'Unknown target "aproved"'),
      '流转指向不存在的状态“aproved”',
      'Transition to an unknown state "aproved"',
    ],
    [
      p('dead_end', 'State has no way out and is not final'),
      '状态没有出口，也不是结束状态',
      'The state has no way out and is not final',
    ],
    [
      p('initial', 'Initial state "x" is not a child'),
      '起始状态“x”不是它的子状态',
      'Initial state "x" is not a child',
    ],
    [
      p('unknown_field', 'Form "order-review" has no field "discout"'),
      '表单“order-review”没有字段“discout”',
      'Form "order-review" has no field "discout"',
    ],
    [
      p('expression_syntax', 'Syntax error: unexpected token'),
      '表达式语法错误：unexpected token',
      'Expression syntax error: unexpected token',
    ],
    [
      p(
        'outcome_without_transition',
        'Outcome "return" has no RETURN transition in this state or an enclosing one',
      ),
      '处理结果“return”在本状态及上级状态中都没有 RETURN 流转',
      'Outcome "return" has no RETURN transition in this state or an enclosing one',
    ],
    [
      p('shape.enum', 'must be one of any, all, sequential'),
      '取值必须是以下之一：any, all, sequential',
      'Must be one of: any, all, sequential',
    ],
  ])('words %o in Chinese by default and in English after the switch', async (problem, zh, en) => {
    expect(problemText(problem)).toBe(zh);
    await changeLocale('en');
    expect(problemText(problem)).toBe(en);
  });

  it('shows the server’s own message for codes it does not know', () => {
    expect(problemText({ path: '/key', message: 'expected order-approval' })).toBe('expected order-approval');
    expect(problemText(p('shape.type', 'must be string'))).toBe('must be string');
  });

  it('words import notes in the UI language', async () => {
    const note = {
      path: '/machine/states/a/cond',
      key: 'import.namedGuard' as const,
      params: { name: 'hasVin' },
    };
    expect(importNoteText(note)).toBe('守卫“hasVin”在这里没有实现，请改为条件表达式（CEL）');
    await changeLocale('en');
    expect(importNoteText(note)).toBe(
      'Guard "hasVin" has no implementation here; replace it with a condition (CEL)',
    );
  });
});

describe('the publish summary in the UI language', () => {
  it('follows the language switch', async () => {
    const before = sample('discount-approval');
    const after = structuredClone(before);
    after.name = 'Discount approval';
    delete after.machine.states?.autoRejected;
    const gm = after.machine.states?.gmReview;
    if (gm?.meta?.task) gm.meta.task.sla = 'PT8H';
    expect(summarizeChanges(before, after).map((l) => l.text)).toEqual([
      '修改流程：名称',
      '删除 autoRejected',
      '修改 总经理审批 (gmReview)：任务设置',
    ]);
    await changeLocale('en');
    expect(summarizeChanges(before, after).map((l) => l.text)).toEqual([
      'Changed the flow: name',
      'Removed autoRejected',
      'Changed 总经理审批 (gmReview): task settings',
    ]);
    expect(summarizeChanges(null, after)[0]?.text).toBe('First publication');
  });
});
