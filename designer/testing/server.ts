/**
 * The msw server every designer test shares: unhandled requests fail the test, so each test
 * declares exactly the API it expects.
 */
import { HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import type { ApiSchema, SessionUser, TaskView } from '../api/types.ts';
import { contract } from '../testing/contract-http.ts';

/**
 * The inbox counts 我发起的 and 抄送我的 on every visit: empty by default so that tests about other
 * things need not declare them; tests of those tabs override them with `server.use`.
 */
const INBOX_LIST_DEFAULTS = [
  contract.get('/api/instances', () => HttpResponse.json({ items: [], total: 0 })),
  contract.get('/api/cc', () => HttpResponse.json({ items: [], total: 0, unread: 0 })),
  // The order page's 消息记录.
  contract.get('/api/orders/{id}/messages', () => HttpResponse.json({ items: [], total: 0 })),
  // The shell's bell asks for the message centre on every page.
  contract.get('/api/notifications', () => HttpResponse.json({ items: [], total: 0, unread: 0 })),
  contract.get('/api/workflows', () =>
    HttpResponse.json({
      items: [{ key: 'order-approval', name: '订单审核', version: 1, startForm: null }],
      total: 1,
    }),
  ),
];

export const server = setupServer(...INBOX_LIST_DEFAULTS);

/** Starts msw for a test file (call at the top level of the file). */
export function startMockServer(): void {
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => server.resetHandlers());
  afterAll(() => server.close());
}

export const MANAGER: SessionUser = {
  id: '00000000-0000-4000-8000-000000000003',
  username: 'manager',
  displayName: '王强',
  roles: ['sales_manager'],
  storeId: 'BJ01',
};

/** `GET /api/auth/me` answering this user, or 401 when null. */
export function meHandler(user: SessionUser | null) {
  return contract.get('/api/auth/me', () =>
    user
      ? HttpResponse.json(user)
      : HttpResponse.json({ error: { code: 'unauthorized', message: 'Not logged in' } }, { status: 401 }),
  );
}

/** An error body as the API sends it. */
export function errorResponse(
  status: number,
  code: string,
  message: string,
  details?: { path: string; message: string }[],
) {
  return HttpResponse.json<ApiSchema<'Error'>>(
    { error: details ? { code, message, details } : { code, message } },
    { status },
  );
}

/** A task with sensible defaults. */
export function makeTask(overrides: Partial<TaskView> = {}): TaskView {
  return {
    id: '11111111-0000-4000-8000-000000000001',
    instanceId: '22222222-0000-4000-8000-000000000001',
    workflowKey: 'order-approval',
    businessKey: 'BJ01202611220001',
    name: '销售经理审批',
    state: 'orderApproval.managerReview',
    status: 'open',
    outcomes: ['approve', 'reject', 'return'],
    assignee: MANAGER.id,
    owner: MANAGER.id,
    candidateUsers: [],
    candidateRoles: ['sales_manager'],
    storeId: 'BJ01',
    formKey: 'order-review',
    formVersion: 1,
    dueAt: null,
    createdAt: '2026-11-22T08:00:00.000Z',
    completedAt: null,
    completedBy: null,
    outcome: null,
    comment: null,
    ...overrides,
  };
}
