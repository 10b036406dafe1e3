import { fireEvent, render, screen, within } from '@testing-library/react';
import { App as AntApp } from 'antd';
import { useState } from 'react';
import type { JsonObject } from '../../engine/types.ts';
import { projectForm } from '../../forms/project.ts';
import type { FormDefinition } from '../../forms/types.ts';
import settlement from '../../workflows/settlement.form.json';
import type { ProjectedForm } from '../api/types.ts';
import { TaskForm } from './TaskForm.tsx';

/** The 维修结算 step's permissions (workflows/after-sales.workflow.json). */
const FIELDS = {
  quoteTotal: 'readonly',
  diagnosisFee: 'readonly',
  quoteDeclined: 'readonly',
  payer: 'required',
  amount: 'required',
} as const;

function Harness({ form }: { form: ProjectedForm }) {
  const [data, setData] = useState<JsonObject>(form.data as JsonObject);
  return (
    <AntApp>
      <TaskForm form={form} fields={FIELDS} data={data} errors={undefined} onChange={setData} />
    </AntApp>
  );
}

describe('TaskForm with conditional fields', () => {
  it('shows 付款方式 of the shipped 维修结算 form when 自付 is chosen, and hides it again', async () => {
    const projected = projectForm(settlement as unknown as FormDefinition, FIELDS, {
      quoteTotal: 120000,
      diagnosisFee: 0,
    }) as unknown as ProjectedForm;
    render(<Harness form={projected} />);
    expect(screen.queryByText('付款方式')).toBeNull();
    fireEvent.click(screen.getByRole('radio', { name: '自付' }));
    const method = await screen.findByText('付款方式');
    expect(method).toBeTruthy();
    const group = method.closest('.ant-form-item') as HTMLElement;
    expect(within(group).getByRole('radio', { name: '现金' })).toBeTruthy();
    fireEvent.click(screen.getByRole('radio', { name: '索赔' }));
    expect(await screen.findByText('索赔单号')).toBeTruthy();
    expect(screen.queryByText('付款方式')).toBeNull();
  });

  it('renders a field that a oneOf branch and a dependency add', async () => {
    const form: ProjectedForm = {
      schema: {
        type: 'object',
        properties: { kind: { type: 'string', title: '类型', enum: ['person', 'company'] } },
        dependencies: {
          kind: {
            oneOf: [
              { properties: { kind: { const: 'person' }, idNo: { type: 'string', title: '身份证号' } } },
              {
                properties: { kind: { const: 'company' }, creditCode: { type: 'string', title: '信用代码' } },
              },
            ],
          },
        },
      },
      uiSchema: { 'ui:order': ['kind', 'idNo', 'creditCode'] },
      data: { kind: 'company' },
    } as unknown as ProjectedForm;
    render(<Harness form={form} />);
    expect(await screen.findByText('信用代码')).toBeTruthy();
    expect(screen.queryByText('身份证号')).toBeNull();
  });
});
