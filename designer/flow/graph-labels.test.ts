import { changeLocale } from '../i18n/i18n.ts';
import { edgeLabel, ellipsize, eventLabelText, GUARD_MAX, kindLabel } from './graph-labels.ts';

describe('graph labels', () => {
  afterEach(async () => {
    await changeLocale('zh-CN');
  });

  it('cuts long text with an ellipsis and leaves short text alone', () => {
    expect(ellipsize('abc', 5)).toBe('abc');
    expect(ellipsize('abcdefgh', 5)).toBe('abcd…');
    expect(ellipsize('abcdefgh', 5)).toHaveLength(5);
  });

  it('shows state kinds and approval events in Chinese, unknown ones raw', () => {
    expect([kindLabel('task'), kindLabel('choice'), kindLabel('final'), kindLabel('odd')]).toEqual([
      '任务',
      '条件',
      '结束',
      'odd',
    ]);
    expect(['APPROVE', 'REJECT', 'RETURN', 'PAY'].map(eventLabelText)).toEqual([
      '同意',
      '拒绝',
      '退回',
      'PAY',
    ]);
  });

  it('truncates a long guard on the edge but keeps the raw event and full guard for the tooltip', () => {
    const guard = 'concessionRate > thresholds.rate || grossProfit < 0 || queueJump';
    const { short, full } = edgeLabel('REJECT', guard);
    expect(short.startsWith('拒绝 [')).toBe(true);
    expect(short.length).toBeLessThanOrEqual('拒绝 []'.length + GUARD_MAX);
    expect(full.split('\n')).toEqual([
      '拒绝 [concessionRate 大于 thresholds.rate 或 grossProfit 小于 0 或 queueJump]',
      `REJECT [${guard}]`,
    ]);
  });

  it('shows a guard in words with the field labels, never as CEL', () => {
    expect(edgeLabel('always', 'price < cost', { price: '价格', cost: '成本' }).short).toBe(
      '自动 [价格 小于 成本]',
    );
  });

  it('names task outcomes as the task page does', () => {
    expect(eventLabelText('DELIVER')).toBe('交车');
  });

  it('follows the app language to English', async () => {
    await changeLocale('en');
    expect([kindLabel('task'), eventLabelText('APPROVE')]).toEqual(['Task', 'Approve']);
  });
});
