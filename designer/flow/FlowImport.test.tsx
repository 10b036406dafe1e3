import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App as AntApp } from 'antd';
import { HttpResponse } from 'msw';
import { MemoryRouter, Route, Routes } from 'react-router-dom';
import { validateDefinition } from '../../engine/definition/validate.ts';
import type { WorkflowDefinition } from '../../engine/types.ts';
import { changeLocale } from '../i18n/i18n.ts';
import { contract } from '../testing/contract-http.ts';
import { FlowDesignerPage } from './FlowDesignerPage.tsx';
import v4 from './fixtures/foreign/xstate-v4-service-booking.json' with { type: 'json' };
import { sample } from './fixtures/load.ts';
import { flowServer as server, startFlowServer } from './test-server.ts';

startFlowServer();

const list = <T,>(items: T[]) => HttpResponse.json({ items, total: items.length });

/** The designer's server, validating with the engine's real validator. */
function serve(def: WorkflowDefinition) {
  const drafts: WorkflowDefinition[] = [];
  server.use(
    contract.get('/api/workflows/{key}', () =>
      HttpResponse.json({
        key: def.key,
        name: def.name,
        latestVersion: 1,
        hasDraft: false,
        updatedAt: '2026-11-20T08:00:00Z',
        draft: null,
        published: def,
        problems: [],
      }),
    ),
    contract.post('/api/workflows/validate', async ({ request }) => {
      const { definition } = (await request.json()) as { definition: WorkflowDefinition };
      const details = validateDefinition(definition);
      if (details.length === 0) return HttpResponse.json({ ok: true });
      return HttpResponse.json(
        { error: { code: 'invalid', message: 'The definition has problems', details } },
        { status: 422 },
      );
    }),
    contract.put('/api/workflows/{key}/draft', async ({ request }) => {
      drafts.push((await request.json()) as WorkflowDefinition);
      return HttpResponse.json({});
    }),
    contract.get('/api/roles', () => list([])),
    contract.get('/api/users', () => list([])),
    contract.get('/api/forms', () => list([])),
    contract.get('/api/forms/{key}', () =>
      HttpResponse.json({ error: { code: 'not_found', message: 'no form' } }, { status: 404 }),
    ),
    contract.get('/api/meta/effects', () => list([{ name: 'notify' }])),
  );
  return drafts;
}

function renderPage(key: string) {
  render(
    <AntApp>
      <MemoryRouter initialEntries={[`/designer/workflows/${key}`]}>
        <Routes>
          <Route
            path="/designer/workflows/:key"
            element={<FlowDesignerPage options={{ validateDelay: 10, saveDelay: 20 }} />}
          />
        </Routes>
      </MemoryRouter>
    </AntApp>,
  );
}

async function importFile(json: unknown) {
  const user = userEvent.setup();
  await screen.findByTestId('simple-canvas');
  const file = new File([JSON.stringify(json)], 'service-booking.json', { type: 'application/json' });
  await user.upload(screen.getByLabelText('导入 JSON', { selector: 'input' }), file);
}

afterEach(async () => {
  await changeLocale('zh-CN');
});

describe('importing an XState machine exported elsewhere', () => {
  it('keeps it as a draft and lists the server’s problems with the importer’s notes', async () => {
    const drafts = serve(sample('discount-approval'));
    renderPage('discount-approval');
    await importFile(v4);

    await waitFor(() => expect(drafts.at(-1)?.machine.id).toBe('serviceBooking'));
    const draft = drafts.at(-1);
    expect(draft?.key).toBe('discount-approval');
    expect(draft?.machine.states?.new?.on?.SUBMIT).toEqual({ target: 'triage', guard: { type: 'hasVin' } });
    expect(draft?.machine.states?.quote?.after).toHaveProperty('P2D', 'rejected');

    // The server's problems, worded by the designer.
    expect(await screen.findByText('未知的守卫类型“hasVin”（只支持 expr 条件表达式）')).toBeInTheDocument();
    expect(screen.getByText('“REMIND_DELAY”不是 ISO 8601 时长（如 PT4H、P3D）')).toBeInTheDocument();
    // The importer's notes.
    const notes = screen.getByRole('region', { name: /^导入说明（\d+）$/ });
    expect(
      within(notes).getByText('守卫“hasVin”在这里没有实现，请改为条件表达式（CEL）'),
    ).toBeInTheDocument();
    expect(
      within(notes).getByText(
        '调用的服务“lookupWarranty”在这里不会运行：其 onDone 改为等待外部事件 LOOKUP_WARRANTY_DONE（由外部系统或管理员发送，已在流程的事件中声明）',
      ),
    ).toBeInTheDocument();
    expect(within(notes).getByText('延时 172800000 毫秒已改写为 P2D')).toBeInTheDocument();
    // It opens (in graph mode if it is no approval tree) rather than failing.
    expect(screen.getByTestId('graph-canvas')).toBeInTheDocument();
    expect(await screen.findByTestId('rf__node-triage')).toBeInTheDocument();
  });

  it('words problems and notes in English after the language switch', async () => {
    serve(sample('discount-approval'));
    renderPage('discount-approval');
    await importFile(v4);
    await screen.findByText('未知的守卫类型“hasVin”（只支持 expr 条件表达式）');
    await changeLocale('en');
    expect(
      await screen.findByText('Unknown guard type "hasVin" (only expr conditions are supported)'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Guard "hasVin" has no implementation here; replace it with a condition (CEL)'),
    ).toBeInTheDocument();
  });
});
