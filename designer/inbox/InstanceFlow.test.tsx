import { render, screen, waitFor, within } from '@testing-library/react';
import { ReactFlowProvider } from '@xyflow/react';
import { HttpResponse } from 'msw';
import type { Json } from '../../engine/types.ts';
import type { InstanceView, TaskDetail } from '../api/types.ts';
import type { FieldLabels } from '../flow/cel-words.ts';
import { sample } from '../flow/fixtures/load.ts';
import { installReactFlowShims } from '../flow/react-flow-shims.ts';
import { contract } from '../testing/contract-http.ts';
import { renderApp } from '../testing/render-app.tsx';
import { MANAGER, makeTask, meHandler, server, startMockServer } from '../testing/server.ts';
import { NO_STEP_RULES } from '../testing/task-fixtures.ts';
import { FlowDiagram } from './InstanceFlow.tsx';

installReactFlowShims();
startMockServer();

const TASK_ID = '11111111-0000-4000-8000-0000000000f1';
const INSTANCE_ID = '22222222-0000-4000-8000-0000000000f1';
const definition = sample('discount-approval');

function serveTask(versionStatus: number) {
  const detail: TaskDetail = {
    ...makeTask({
      id: TASK_ID,
      instanceId: INSTANCE_ID,
      workflowKey: definition.key,
      state: 'discountApproval.managerReview',
    }),
    fields: {},
    form: null,
    instance: {
      id: INSTANCE_ID,
      workflowKey: definition.key,
      workflowVersion: 3,
      state: 'managerReview',
      status: 'active',
    },
    actions: NO_STEP_RULES,
  };
  const instance = { id: INSTANCE_ID, history: [], tasks: [] } as unknown as InstanceView;
  const versionUrls: string[] = [];
  server.use(
    meHandler(MANAGER),
    contract.get('/api/tasks/{id}', () => HttpResponse.json(detail)),
    contract.get('/api/instances/{id}', () => HttpResponse.json(instance)),
    contract.get('/api/forms/{key}', () =>
      HttpResponse.json({ error: { code: 'not_found', message: 'no' } }, { status: 404 }),
    ),
    contract.get('/api/workflows/{key}/versions/{version}', ({ request }) => {
      versionUrls.push(new URL(request.url).pathname);
      return versionStatus === 200
        ? HttpResponse.json({
            version: 3,
            publishedAt: '2026-11-01T00:00:00.000Z',
            publishedBy: null,
            publishedByName: null,
            definition,
          })
        : HttpResponse.json({ error: { code: 'not_found', message: 'gone' } }, { status: versionStatus });
    }),
  );
  return versionUrls;
}

function renderDiagram(state: Json, taskState: string, labels?: FieldLabels) {
  render(
    <ReactFlowProvider>
      <div style={{ width: 800, height: 320 }}>
        <FlowDiagram machine={definition.machine} state={state} taskState={taskState} labels={labels} />
      </div>
    </ReactFlowProvider>,
  );
}

/** A state's box once React Flow has measured and shown it. */
async function stateBox(id: string): Promise<HTMLElement> {
  const node = await screen.findByTestId(`rf__node-${id}`);
  await waitFor(() => expect(node).toBeVisible());
  return within(node).getByRole('region');
}

describe('flow diagram of an instance', () => {
  it("marks the current state and the task's state", async () => {
    renderDiagram('managerReview', 'discountApproval.managerReview');

    const current = await stateBox('managerReview');
    expect(current).toHaveAccessibleName('销售经理审批（当前所在，本任务）');
    expect(current).toHaveAttribute('data-active', 'true');
    const other = await stateBox('gmReview');
    expect(other).toHaveAccessibleName('总经理审批');
    expect(other).toHaveAttribute('data-active', 'false');
  });

  it('marks the current state apart from the task when the instance has moved on', async () => {
    renderDiagram('gmReview', 'discountApproval.managerReview');

    expect(await stateBox('gmReview')).toHaveAccessibleName('总经理审批（当前所在）');
    const mine = await stateBox('managerReview');
    expect(mine).toHaveAccessibleName('销售经理审批（本任务）');
    expect(mine).toHaveAttribute('data-active', 'false');
  });

  it('names outcomes and says conditions in words, never as CEL', async () => {
    renderDiagram('managerReview', 'discountApproval.managerReview', {
      discount: { label: '优惠金额', kind: 'money' },
      discountRate: '优惠比例',
    });

    await stateBox('managerReview');
    const edgeText = [...document.querySelectorAll('.react-flow__edge-text')].map((e) => e.textContent);
    expect(edgeText).toContain('同意');
    expect(edgeText).toContain('自动 [优惠金额 大于 ¥10,000.00]');
    expect(edgeText.join(' ')).not.toMatch(/discount|>|APPROVE/);
  });

  it('is read-only: states cannot be dragged, connected or selected', async () => {
    renderDiagram('managerReview', 'discountApproval.managerReview');

    const node = await screen.findByTestId('rf__node-managerReview');
    expect(node).not.toHaveClass('draggable');
    expect(node).not.toHaveClass('selectable');
    expect(document.querySelector('.react-flow__handle.connectable')).toBeNull();
  });
});

describe('flow diagram on the task page', () => {
  it("loads the instance's own workflow version and draws it", async () => {
    const urls = serveTask(200);
    renderApp(`/tasks/${TASK_ID}`);

    expect(await stateBox('managerReview')).toHaveAccessibleName('销售经理审批（当前所在，本任务）');
    expect(urls).toEqual(['/api/workflows/discount-approval/versions/3']);
  });

  it('says the diagram is unavailable when the version cannot be loaded', async () => {
    serveTask(404);
    renderApp(`/tasks/${TASK_ID}`);

    expect(await screen.findByText('流程图暂时无法加载')).toBeInTheDocument();
  });
});
