import { screen, within } from '@testing-library/react';
import { HttpResponse } from 'msw';
import { contract } from '../testing/contract-http.ts';
import { renderApp } from '../testing/render-app.tsx';
import { MANAGER, makeTask, meHandler, server, startMockServer } from '../testing/server.ts';
import { makeInstance } from '../testing/task-fixtures.ts';
import type { OrderDetail } from './order-types.ts';

startMockServer();

/** The order's approval flow, with the manager's comment (shown as the order's approval record). */
const approvalFlow = makeInstance({
  status: 'done',
  history: [
    {
      seq: 1,
      at: '2026-11-22T09:00:00.000Z',
      actor: { id: MANAGER.id, username: 'manager' },
      action: 'complete',
      from: 'managerReview',
      to: 'approved',
      outcome: 'approve',
      comment: '价格合理，同意',
      diff: [],
    },
  ],
});

const ORDER_ID = '33333333-0000-4000-8000-000000000001';
const INSTANCE_ID = '22222222-0000-4000-8000-000000000001';

const order: OrderDetail = {
  id: ORDER_ID,
  orderNo: 'BJ01202611220001',
  storeId: 'BJ01',
  orderDate: '2026-11-22',
  status: 'paid',
  statusLabel: '已收款',
  customerId: null,
  customerName: '张伟',
  customerMobile: '13800138000',
  customerEmail: null,
  customerAddress: null,
  brand: 'BYD',
  model: '海豹',
  trim: '豪华版',
  color: '珍珠白',
  interiorColor: null,
  vin: null,
  newEnergy: true,
  msrp: 18_980_000,
  discount: 500_000,
  dealPrice: 18_480_000,
  accessories: [{ name: '基础包', price: 300_000 }],
  accessoriesTotal: 300_000,
  purchaseTax: 135_398,
  insurance: 650_000,
  registrationFee: 0,
  financeFee: 0,
  tradeInCredit: 0,
  deposit: 0,
  total: 19_565_398,
  concession: 500_000,
  grossProfit: null,
  paymentMethod: 'bank_transfer',
  loan: null,
  source: 'walk_in',
  queueJump: false,
  afterSalesPackage: null,
  note: null,
  eta: null,
  deliveredAt: null,
  paid: 19_565_398,
  payments: [],
  consultantId: null,
  consultantName: '李娜',
  teamId: null,
  teamName: null,
  instanceId: INSTANCE_ID,
  approval: {
    level: 'sales_manager',
    reasons: [{ code: 'within_limits', level: 'sales_manager', text: '优惠 2.6% 在门店权限以内' }],
    thresholds: { amount: 1_000_000, rate: 0.05, accessoryManager: 0.1, accessoryGm: 0.15 },
    concessionRate: 0.0263,
    changes: [],
    changeNote: null,
  },
  flows: [
    {
      instanceId: 'aaaaaaaa-0000-4000-8000-000000000001',
      workflowKey: 'order-approval',
      status: 'done',
      state: 'approved',
    },
    { instanceId: INSTANCE_ID, workflowKey: 'delivery', status: 'active', state: 'allocation' },
  ],
  decisions: [],
  draftVin: null,
  progress: { text: '待刘洋：库存车配车确认', taskName: '库存车配车确认', people: ['刘洋'], dueAt: null },
  createdAt: '2026-11-22T08:00:00.000Z',
  updatedAt: '2026-11-22T08:00:00.000Z',
  timeline: [
    {
      from: null,
      to: 'pending',
      toLabel: '未处理',
      actor: { id: 'c', name: '李娜' },
      at: '2026-11-22T08:00:00Z',
      note: '创建订单',
    },
    {
      from: 'pending',
      to: 'approved',
      toLabel: '已审核',
      actor: { id: 'm', name: '王强' },
      at: '2026-11-22T09:00:00Z',
      note: null,
    },
    {
      from: 'approved',
      to: 'paid',
      toLabel: '已收款',
      actor: { id: 'f', name: '张敏' },
      at: '2026-11-22T10:00:00Z',
      note: null,
    },
  ],
};

describe('order detail', () => {
  it('shows the stage reached, the amounts in ¥, the timeline and the open task of its workflow', async () => {
    server.use(
      meHandler(MANAGER),
      contract.get('/api/orders/{id}', () => HttpResponse.json(order)),
      contract.get('/api/instances/{id}', () => HttpResponse.json(approvalFlow)),
      contract.get('/api/tasks', ({ request }) => {
        const url = new URL(request.url);
        const mine = url.searchParams.get('instanceId') === INSTANCE_ID;
        const items = mine ? [makeTask({ id: 't9', name: '库管分配车辆', instanceId: INSTANCE_ID })] : [];
        return HttpResponse.json({ items, total: items.length });
      }),
    );
    renderApp(`/orders/${ORDER_ID}`);

    expect(await screen.findByText(/BJ01202611220001/)).toBeInTheDocument();
    const current = document.querySelector('.ant-steps-item-process');
    expect(current).toHaveTextContent('已收款');
    // The total, and (nothing received yet) what is still owed.
    expect(screen.getAllByText('¥195,653.98')).toHaveLength(2);
    expect(screen.getByText('待刘洋：库存车配车确认')).toBeInTheDocument();
    expect(screen.getByText('¥1,353.98')).toBeInTheDocument();
    expect(screen.getByText(/张敏 → 已收款/)).toBeInTheDocument();
    const delivery = (await screen.findByText('库管分配车辆')).closest('li')!;
    expect(within(delivery).getByText('配车与交车')).toBeInTheDocument();
    expect(within(delivery).getByRole('link', { name: '去办理' })).toHaveAttribute('href', '/tasks/t9');
    const approval = screen.getByText('订单审核').closest('li')!;
    expect(within(approval).getByText('已完成')).toBeInTheDocument();
    expect(within(approval).queryByRole('link')).not.toBeInTheDocument();
    // The approvers' comments are on the order too.
    expect(await screen.findByText('“价格合理，同意”')).toBeInTheDocument();
    // Not returned: nothing to correct.
    expect(screen.queryByRole('button', { name: /保存修改/ })).not.toBeInTheDocument();
  });
});
