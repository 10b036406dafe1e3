/** A task, its instance and its order, as the decision-page tests serve them. */
import { HttpResponse, http } from 'msw';
import type { JsonObject } from '../../engine/types.ts';
import type { InstanceDetail, SessionUser, TaskDetail } from '../api/types.ts';
import type { OrderDetail } from '../orders/order-types.ts';
import { contract } from '../testing/contract-http.ts';
import { MANAGER, makeTask, meHandler, server } from './server.ts';

export const TASK_ID = '11111111-0000-4000-8000-000000000001';
export const INSTANCE_ID = '22222222-0000-4000-8000-000000000001';
export const ORDER_ID = '33333333-0000-4000-8000-000000000001';

export const CONSULTANT: SessionUser = {
  id: '00000000-0000-4000-8000-000000000004',
  username: 'consultant',
  displayName: '李娜',
  roles: ['sales_consultant'],
  storeId: 'BJ01',
};
export const MANAGER2: SessionUser = {
  id: '00000000-0000-4000-8000-000000000013',
  username: 'manager2',
  displayName: '钱二',
  roles: ['sales_manager'],
  storeId: 'BJ01',
};
export const FINANCE: SessionUser = {
  id: '00000000-0000-4000-8000-000000000006',
  username: 'finance',
  displayName: '张敏',
  roles: ['finance'],
  storeId: 'BJ01',
};

/** `actions` of a task whose step sets no rules and that nobody delegated. */
export const NO_STEP_RULES: TaskDetail['actions'] = {
  delegation: null,
  proposal: null,
  remindedAt: null,
  commentRequired: [],
  signature: null,
  returnTo: null,
  mode: 'any',
};

/** The manager's review of an order: read-only figures, and the comment field 审批意见. */
export const REVIEW_TASK: TaskDetail = {
  ...makeTask({ id: TASK_ID, instanceId: INSTANCE_ID }),
  fields: { discount: 'readonly', concessionRate: 'readonly', reviewComment: 'editable' },
  form: {
    key: 'order-review',
    version: 1,
    title: '订单审核',
    schema: {
      type: 'object',
      properties: {
        discount: { type: 'integer', title: '优惠' },
        concessionRate: { type: 'number', title: '优惠比例', maximum: 1 },
        reviewComment: { type: 'string', title: '审批意见' },
      },
    },
    uiSchema: {
      discount: { 'ui:widget': 'money' },
      reviewComment: { 'ui:widget': 'textarea', 'ui:options': { taskComment: true } },
    },
    // The manager's own comment from before the return: never prefilled again.
    data: { discount: 1_518_400, concessionRate: 0.08, reviewComment: '优惠太多' },
  },
  instance: {
    id: INSTANCE_ID,
    workflowKey: 'order-approval',
    workflowVersion: 1,
    state: 'managerReview',
    status: 'active',
  },
  actions: NO_STEP_RULES,
};

export function makeInstance(overrides: Partial<InstanceDetail> = {}): InstanceDetail {
  return {
    workflowName: '订单审核',
    startedByName: '李娜',
    nextSteps: [],
    timeline: [],
    attachments: [],
    id: INSTANCE_ID,
    workflowKey: 'order-approval',
    workflowVersion: 1,
    businessKey: 'BJ01202611220001',
    storeId: 'BJ01',
    status: 'active',
    state: 'managerReview',
    context: {},
    revision: 1,
    startedBy: CONSULTANT.id,
    startedAt: '2026-11-22T08:00:00.000Z',
    updatedAt: '2026-11-22T08:00:00.000Z',
    endedAt: null,
    tasks: [],
    history: [
      {
        seq: 1,
        at: '2026-11-22T08:00:00.000Z',
        actor: { id: CONSULTANT.id, username: 'consultant' },
        action: 'start',
        from: null,
        to: 'managerReview',
        diff: [],
      },
    ],
    ...overrides,
  };
}

export const ORDER: OrderDetail = {
  id: ORDER_ID,
  orderNo: 'BJ01202611220001',
  storeId: 'BJ01',
  orderDate: '2026-11-22',
  status: 'pending',
  statusLabel: '未处理',
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
  vin: 'LSVAU2189N2000001',
  newEnergy: true,
  msrp: 18_980_000,
  discount: 1_518_400,
  dealPrice: 17_461_600,
  accessories: [{ name: '基础包', price: 300_000 }],
  accessoriesTotal: 300_000,
  purchaseTax: 45_274,
  insurance: 650_000,
  registrationFee: 50_000,
  financeFee: 0,
  tradeInCredit: 0,
  deposit: 0,
  total: 18_506_874,
  concession: 1_518_400,
  grossProfit: 812_300,
  paymentMethod: 'bank_transfer',
  loan: null,
  source: 'walk_in',
  queueJump: false,
  afterSalesPackage: null,
  note: null,
  eta: null,
  deliveredAt: null,
  paid: 0,
  payments: [],
  consultantId: CONSULTANT.id,
  consultantName: '李娜',
  teamId: null,
  teamName: null,
  instanceId: INSTANCE_ID,
  approval: {
    level: 'general_manager',
    reasons: [
      { code: 'concession_rate', level: 'general_manager', text: '优惠 8.0% 超过门店权限 5%，需总经理审批' },
    ],
    thresholds: { amount: 1_000_000, rate: 0.05, accessoryManager: 0.1, accessoryGm: 0.15 },
    concessionRate: 0.08,
    changes: [],
    changeNote: null,
  },
  flows: [
    { instanceId: INSTANCE_ID, workflowKey: 'order-approval', status: 'active', state: 'managerReview' },
  ],
  timeline: [],
  draftVin: null,
  decisions: [],
  progress: { text: '待王强审批', taskName: '销售经理审批', people: ['王强'], dueAt: null },
  createdAt: '2026-11-22T08:00:00.000Z',
  updatedAt: '2026-11-22T08:00:00.000Z',
};

// The task page also draws the workflow; these tests only need it answered.
const workflowVersion = contract.get('/api/workflows/{key}/versions/{version}', () =>
  HttpResponse.json({
    version: 1,
    publishedAt: '2026-11-01T00:00:00.000Z',
    publishedBy: null,
    publishedByName: null,
    definition: { key: 'order-approval', name: '订单审核', machine: { id: 'orderApproval', states: {} } },
  }),
);

export interface TaskPageApi {
  task?: TaskDetail;
  instance?: InstanceDetail;
  order?: OrderDetail | null;
  as?: SessionUser;
}

/** Serves a task page; records every POST and PUT as `{ path, body }`. */
export function serveTaskPage({
  task = REVIEW_TASK,
  instance,
  order = null,
  as = MANAGER,
}: TaskPageApi = {}) {
  const posts: { path: string; body: unknown }[] = [];
  const context: JsonObject = order ? { orderId: order.id } : {};
  const record = async ({ request }: { request: Request }) => {
    posts.push({ path: new URL(request.url).pathname, body: await request.json() });
    return HttpResponse.json({});
  };
  server.use(
    workflowVersion,
    meHandler(as),
    contract.get('/api/tasks/{id}', () => HttpResponse.json(task)),
    contract.get('/api/instances/{id}', () => HttpResponse.json(instance ?? makeInstance({ context }))),
    contract.get('/api/users', () =>
      HttpResponse.json({ items: [MANAGER, MANAGER2, CONSULTANT, FINANCE], total: 4 }),
    ),
    contract.get('/api/tasks', () => HttpResponse.json({ items: [], total: 0 })),
    http.post('/api/tasks/:id/:action', record),
    http.post('/api/instances/:id/:action', record),
  );
  if (order) server.use(contract.get('/api/orders/{id}', () => HttpResponse.json(order)));
  return posts;
}
