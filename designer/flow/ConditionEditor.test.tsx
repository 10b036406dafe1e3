import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { ConditionEditor } from './ConditionEditor.tsx';
import type { FlowField } from './flow-fields.ts';

const FIELDS: FlowField[] = [
  { path: 'price', label: '申请价格', kind: 'money' },
  { path: 'cost', label: '成本价', kind: 'money' },
  { path: 'reason', label: '申请理由', kind: 'text' },
  {
    path: 'level',
    label: '客户等级',
    kind: 'enum',
    options: [
      { value: 'vip', label: '贵宾' },
      { value: 'normal', label: '普通' },
    ],
  },
];

function Harness({ initial, onExpr }: { initial: string; onExpr: (e: string) => void }) {
  const [expr, setExpr] = useState(initial);
  return (
    <ConditionEditor
      id="guard"
      value={expr}
      fields={FIELDS}
      names={['price', 'cost', 'reason', 'level']}
      onChange={(e) => {
        setExpr(e);
        onExpr(e);
      }}
    />
  );
}

function setup(initial = 'true') {
  const seen: string[] = [];
  render(<Harness initial={initial} onExpr={(e) => seen.push(e)} />);
  return () => seen.at(-1);
}

/** Opens an antd Select by its accessible name and picks an option by its text. */
async function choose(
  user: ReturnType<typeof userEvent.setup>,
  scope: HTMLElement,
  name: string,
  option: string,
) {
  await user.click(within(scope).getByRole('combobox', { name }));
  const options = await screen.findAllByTitle(option);
  await user.click(options.at(-1) as HTMLElement);
}

describe('condition builder', () => {
  it('builds "申请价格 小于 成本价" from the field labels and writes it as CEL', async () => {
    const user = userEvent.setup();
    const last = setup();
    await user.click(screen.getByRole('button', { name: '添加条件' }));
    const row = screen.getByRole('group', { name: '条件 1' });
    await choose(user, row, '字段', '申请价格');
    await choose(user, row, '运算', '小于');
    await choose(user, row, '比较对象', '其他字段');
    await choose(user, row, '其他字段', '成本价');
    expect(last()).toBe('price < cost');
    expect(screen.getByTestId('condition-words')).toHaveTextContent('条件：申请价格 小于 成本价');
  });

  it('takes money in 元 and writes fen, and joins conditions with OR', async () => {
    const user = userEvent.setup();
    const last = setup();
    await user.click(screen.getByRole('button', { name: '添加条件' }));
    const first = screen.getByRole('group', { name: '条件 1' });
    await choose(user, first, '字段', '申请价格');
    await choose(user, first, '运算', '大于等于');
    await user.type(within(first).getByRole('spinbutton', { name: '值' }), '1234.5');
    expect(last()).toBe('price >= 123450');
    await user.click(screen.getByRole('button', { name: '添加条件' }));
    const second = screen.getByRole('group', { name: '条件 2' });
    await choose(user, second, '字段', '客户等级');
    await choose(user, second, '值', '贵宾');
    await user.click(screen.getByText('任一满足（或）'));
    expect(screen.getByRole('radio', { name: '任一满足（或）' })).toBeChecked();
    expect(last()).toBe('price >= 123450 || level == "vip"');
    expect(screen.getByTestId('condition-words')).toHaveTextContent(
      '申请价格 大于等于 ¥1,234.50 或 客户等级 等于 贵宾',
    );
  });

  it('opens an expression it can read in the builder, and keeps one it cannot as text, saying why', async () => {
    const user = userEvent.setup();
    setup('price * 2 > cost');
    expect(screen.getByRole('textbox')).toHaveValue('price * 2 > cost');
    await user.click(screen.getByText('条件构建器'));
    expect(screen.getByRole('alert')).toHaveTextContent('无法在条件构建器中显示（“price * 2”）');
    expect(screen.getByRole('textbox')).toHaveValue('price * 2 > cost');
    expect(screen.getByTestId('condition-words')).toHaveTextContent('申请价格 * 2 大于 成本价');
  });

  it('answers Chinese typed as an expression with the builder, not a bare syntax error', async () => {
    const user = userEvent.setup();
    const last = setup('price > 0');
    await user.click(screen.getByText('表达式'));
    const box = screen.getByRole('textbox');
    await user.clear(box);
    await user.type(box, '申请价格小于成本价');
    expect(screen.getByRole('status')).toHaveTextContent('表达式里不能直接写中文');
    expect(screen.getByText('price < cost')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: '改用条件构建器' }));
    expect(last()).toBe('price < cost');
    expect(within(screen.getByRole('group', { name: '条件 1' })).getByText('申请价格')).toBeInTheDocument();
  });
});
