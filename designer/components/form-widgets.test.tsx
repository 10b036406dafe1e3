import Form from '@rjsf/antd';
import validator from '@rjsf/validator-ajv8';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { CUSTOM_WIDGETS } from '../../forms/catalogue.ts';
import { FORM_WIDGETS } from './form-widgets.ts';

function renderField(widget: string, formData: Record<string, unknown>, onChange: (data: unknown) => void) {
  render(
    <Form
      schema={{
        type: 'object',
        properties: { f: { type: widget === 'percent' ? 'number' : 'string', title: '字段' } },
      }}
      uiSchema={{ f: { 'ui:widget': widget } }}
      formData={formData}
      validator={validator}
      widgets={FORM_WIDGETS}
      onChange={(e) => onChange(e.formData)}
    />,
  );
}

describe('custom form widgets', () => {
  it('registers every custom widget the form palette uses', () => {
    expect(Object.keys(FORM_WIDGETS).sort()).toEqual([...CUSTOM_WIDGETS].sort());
  });

  it('shows a ratio as a percentage and stores what is typed as a ratio', async () => {
    const changes: unknown[] = [];
    renderField('percent', { f: 0.05 }, (d) => changes.push(d));
    const input = await screen.findByLabelText('字段');
    expect(input).toHaveValue('5.00');
    const user = userEvent.setup();
    await user.clear(input);
    await user.type(input, '7.5');
    await waitFor(() => expect(changes.at(-1)).toEqual({ f: 0.075 }));
  });
});
