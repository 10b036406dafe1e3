import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App as AntApp } from 'antd';
import { HttpResponse } from 'msw';
import { MemoryRouter, Route, Routes } from 'react-router-dom';
import type { FormDefinition } from '../../forms/types.ts';
import { flowServer as server, startFlowServer } from '../flow/test-server.ts';
import { contract } from '../testing/contract-http.ts';
import { FormBuilderPage } from './FormBuilderPage.tsx';

startFlowServer();

const REVIEW: FormDefinition = {
  key: 'order-review',
  title: '订单审核',
  schema: {
    type: 'object',
    properties: { reviewComment: { type: 'string', title: '审核意见' } },
  },
  uiSchema: {},
};

function serve(form: FormDefinition = REVIEW) {
  const calls = { drafts: [] as FormDefinition[], published: 0 };
  server.use(
    contract.get('/api/forms/{key}', () =>
      HttpResponse.json({
        key: form.key,
        title: form.title,
        latestVersion: 1,
        hasDraft: false,
        draft: null,
        published: { ...form, version: 1 },
      }),
    ),
    contract.put('/api/forms/{key}/draft', async ({ request }) => {
      calls.drafts.push((await request.json()) as FormDefinition);
      return HttpResponse.json({});
    }),
    contract.post('/api/forms/{key}/publish', () => {
      calls.published++;
      return HttpResponse.json({ version: 2 });
    }),
  );
  return calls;
}

function renderPage() {
  render(
    <AntApp>
      <MemoryRouter initialEntries={['/designer/forms/order-review']}>
        <Routes>
          <Route path="/designer/forms/:key" element={<FormBuilderPage saveDelay={10} />} />
        </Routes>
      </MemoryRouter>
    </AntApp>,
  );
}

/** jsdom has no DataTransfer; this one carries data between dragStart and drop. */
function dataTransfer() {
  const data = new Map<string, string>();
  return {
    setData: (type: string, value: string) => data.set(type, value),
    getData: (type: string) => data.get(type) ?? '',
    get types() {
      return [...data.keys()];
    },
    effectAllowed: 'all',
    dropEffect: 'none',
  };
}

describe('form builder', () => {
  it('adds a field from the palette that appears on the canvas, in the preview and in the schema', async () => {
    const calls = serve();
    renderPage();
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: '单行文本' }));
    expect(
      within(screen.getByTestId('form-canvas')).getByRole('button', { name: '字段 单行文本' }),
    ).toBeInTheDocument();
    await waitFor(() =>
      expect(calls.drafts.at(-1)?.schema.properties.text1).toEqual({ title: '单行文本', type: 'string' }),
    );
    await user.click(screen.getByRole('tab', { name: '预览' }));
    const preview = await screen.findByTestId('form-preview');
    expect(within(preview).getByLabelText('单行文本')).toBeInTheDocument();
    expect(within(preview).getByLabelText('审核意见')).toBeInTheDocument();
    await user.click(screen.getByRole('tab', { name: 'JSON' }));
    expect((screen.getByLabelText('schema') as HTMLTextAreaElement).value).toContain('"text1"');
  });

  it('drops a palette entry at the top of the form and drags a field to the end', async () => {
    const calls = serve();
    renderPage();
    const money = await screen.findByRole('button', { name: '金额' });
    const dt = dataTransfer();
    fireEvent.dragStart(money, { dataTransfer: dt });
    fireEvent.dragOver(screen.getByTestId('drop-0'), { dataTransfer: dt });
    fireEvent.drop(screen.getByTestId('drop-0'), { dataTransfer: dt });
    await waitFor(() =>
      expect(calls.drafts.at(-1)?.uiSchema?.['ui:order']).toEqual(['money1', 'reviewComment']),
    );
    const drag = dataTransfer();
    fireEvent.dragStart(screen.getByRole('button', { name: '字段 金额' }), { dataTransfer: drag });
    fireEvent.drop(screen.getByTestId('drop-2'), { dataTransfer: drag });
    await waitFor(() =>
      expect(calls.drafts.at(-1)?.uiSchema?.['ui:order']).toEqual(['reviewComment', 'money1']),
    );
  });

  it('edits the label and required flag of the selected field', async () => {
    const calls = serve();
    renderPage();
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: '字段 审核意见' }));
    const label = screen.getByLabelText('标题');
    await user.clear(label);
    await user.type(label, '经理意见');
    await user.click(screen.getByRole('switch', { name: '必填' }));
    expect(screen.getByRole('button', { name: '字段 经理意见' })).toBeInTheDocument();
    await waitFor(() => expect(calls.drafts.at(-1)?.schema.required).toEqual(['reviewComment']));
    expect(calls.drafts.at(-1)?.schema.properties.reviewComment.title).toBe('经理意见');
  });

  it('adds a show/hide rule that hides the ruled field in the preview until it holds', async () => {
    const calls = serve();
    renderPage();
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: '勾选' }));
    await user.click(screen.getByRole('tab', { name: '显示规则' }));
    await user.click(screen.getByRole('button', { name: '添加规则' }));
    await waitFor(() =>
      expect(calls.drafts.at(-1)?.rules).toEqual([
        { field: 'checkbox1', when: { field: 'reviewComment', op: 'notEmpty' } },
      ]),
    );
    await user.click(screen.getByRole('tab', { name: '预览' }));
    const preview = await screen.findByTestId('form-preview');
    expect(within(preview).queryByLabelText('勾选')).not.toBeInTheDocument();
    await user.type(within(preview).getByLabelText('审核意见'), '同意');
    expect(await within(preview).findByLabelText('勾选')).toBeInTheDocument();
  });

  it('shows JSON parse errors and applies valid JSON to the canvas', async () => {
    serve();
    renderPage();
    const user = userEvent.setup();
    await user.click(await screen.findByRole('tab', { name: 'JSON' }));
    const schema = screen.getByLabelText('schema');
    fireEvent.change(schema, { target: { value: '{ "type": ' } });
    expect(screen.getByText(/JSON 格式错误/)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: '应 用' })).toBeDisabled();
    fireEvent.change(schema, {
      target: { value: '{"type":"object","properties":{"vin":{"type":"string","title":"车架号"}}}' },
    });
    await user.click(screen.getByRole('button', { name: '应 用' }));
    expect(screen.getByRole('button', { name: '字段 车架号' })).toBeInTheDocument();
  });

  it('publishes the saved draft', async () => {
    const calls = serve();
    renderPage();
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: '数字' }));
    await user.click(screen.getByRole('button', { name: '发 布' }));
    await waitFor(() => expect(calls.published).toBe(1));
    expect(calls.drafts.at(-1)?.schema.properties.number1).toBeDefined();
  });

  it('lists fields of conditional branches with where they come from, and the preview shows them by condition', async () => {
    const calls = serve({
      ...REVIEW,
      schema: {
        type: 'object',
        properties: { payer: { type: 'string', title: '结算方式', enum: ['self', 'claim'] } },
        if: { properties: { payer: { const: 'claim' } }, required: ['payer'] },
        // biome-ignore lint/suspicious/noThenProperty: the JSON Schema keyword
        then: { properties: { claimNo: { type: 'string', title: '索赔单号' } } },
        dependencies: { payer: { properties: { note: { type: 'string', title: '结算备注' } } } },
      },
      uiSchema: { 'ui:order': ['payer', 'claimNo', 'note'] },
    });
    renderPage();
    const branch = await screen.findByTestId('branch-then');
    expect(within(branch).getByText('索赔单号')).toBeInTheDocument();
    expect(
      within(screen.getByTestId('branch-dependencies')).getByText('来自 dependencies/payer'),
    ).toBeInTheDocument();

    const user = userEvent.setup();
    await user.click(screen.getByRole('tab', { name: '预览' }));
    const preview = await screen.findByTestId('form-preview');
    expect(within(preview).queryByLabelText('索赔单号')).toBeNull();
    expect(within(preview).queryByLabelText('结算备注')).toBeNull();
    await user.click(within(preview).getByLabelText('结算方式'));
    await user.click(await screen.findByTitle('claim'));
    expect(await within(preview).findByLabelText('索赔单号')).toBeInTheDocument();
    expect(within(preview).getByLabelText('结算备注')).toBeInTheDocument();

    const editor = within(branch).getByLabelText('then 的 JSON');
    fireEvent.change(editor, {
      target: { value: '{ "properties": { "claimNo": { "type": "string", "title": "索赔编号" } } }' },
    });
    await user.click(within(branch).getByRole('button', { name: /应\s?用/ }));
    await waitFor(() => expect(calls.drafts.at(-1)?.schema.then.properties.claimNo.title).toBe('索赔编号'));
  });
});
