import Form from '@rjsf/antd';
import validator from '@rjsf/validator-ajv8';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fenToYuan, yuanToFen } from '../money.ts';
import { MoneyWidget } from './MoneyWidget.tsx';

const schema = { type: 'object', properties: { msrp: { type: 'integer', title: '指导价' } } } as const;
const uiSchema = { msrp: { 'ui:widget': 'money' } };

function renderMoney(formData: { msrp?: number }, onChange: (data: unknown) => void, readonly = false) {
  render(
    <Form
      readonly={readonly}
      schema={schema}
      uiSchema={uiSchema}
      formData={formData}
      validator={validator}
      widgets={{ money: MoneyWidget }}
      onChange={(e) => onChange(e.formData)}
    />,
  );
}

describe('money widget', () => {
  it.each([
    [189800, 18980000],
    [0.29, 29],
    [1234.5, 123450],
    [0, 0],
  ])('converts %s 元 to %s 分 and back', (yuan, fen) => {
    expect(yuanToFen(yuan)).toBe(fen);
    expect(fenToYuan(fen)).toBe(yuan);
  });

  it('shows integer fen as 元 with two decimals', async () => {
    renderMoney({ msrp: 18980000 }, () => {});
    expect(await screen.findByLabelText('指导价')).toHaveValue('189800.00');
    expect(screen.getByText('元')).toBeInTheDocument();
  });

  it('shows a read-only amount formatted as ¥ with thousands separators', async () => {
    renderMoney({ msrp: 18980000 }, () => {}, true);
    const input = await screen.findByLabelText('指导价');
    expect(input).toHaveValue('¥189,800.00');
    expect(input).toHaveAttribute('readonly');
  });

  it('stores what people type in 元 as integer fen', async () => {
    const changes: unknown[] = [];
    renderMoney({}, (data) => changes.push(data));
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText('指导价'), '1234.56');
    await waitFor(() => expect(changes.at(-1)).toEqual({ msrp: 123456 }));
  });
});
