/**
 * The HTTP side of the designer's browser tests: a logged-in API client per demo user, and the few
 * business steps the tests take over the API rather than in the browser (create an order, approve).
 */
import { DEMO_PASSWORD } from './fixtures/browser.ts';

/** A response: status and parsed JSON body (undefined when the body is empty). */
export interface ApiResponse<T = unknown> {
  status: number;
  body: T;
}

/** A client acting as one user (Bearer token). */
export interface ApiClient {
  get<T>(path: string): Promise<ApiResponse<T>>;
  post<T>(path: string, body?: unknown): Promise<ApiResponse<T>>;
  put<T>(path: string, body: unknown): Promise<ApiResponse<T>>;
}

/** The example new order of the orders contract (`NewOrderSchema`), as a consultant enters it. */
export const NEW_ORDER = {
  customer: { name: '张伟', mobile: '13800138000' },
  vehicle: { brand: 'BYD', model: '海豹', trim: '豪华版', color: '珍珠白' },
  pricing: {
    msrp: 18980000,
    discount: 500000,
    accessories: [{ name: '基础包', price: 300000 }],
    insurance: 650000,
    registrationFee: 50000,
  },
  paymentMethod: 'bank_transfer',
  source: 'walk_in',
} as const;

/** The parts of an open task the tests read. */
export interface TaskSummary {
  id: string;
  name: string;
  status: string;
  candidateRoles: string[];
  formVersion: number | null;
}

interface TaskDetail extends TaskSummary {
  form: {
    schema: { properties?: Record<string, { type?: unknown }>; required?: string[] };
    data: object;
  } | null;
}

/**
 * Logs `username` in over the API and returns a client sending its token.
 *
 * @example
 * const manager = await apiAs(app.url, 'manager');
 * const { body } = await manager.get<{ items: unknown[] }>('/api/tasks?scope=candidate');
 */
export async function apiAs(baseUrl: string, username: string): Promise<ApiClient> {
  const login = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  if (!login.ok) throw new Error(`login as ${username}: ${login.status} ${await login.text()}`);
  const { token } = (await login.json()) as { token: string };
  const call = async <T>(method: string, path: string, body?: unknown): Promise<ApiResponse<T>> => {
    const res = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
  };
  return {
    get: (path) => call('GET', path),
    post: (path, body) => call('POST', path, body),
    put: (path, body) => call('PUT', path, body),
  };
}

/** Fails with the response in the message unless the status is `expected`. */
export function expectStatus<T>(res: ApiResponse<T>, expected: number, what: string): T {
  if (res.status !== expected)
    throw new Error(`${what}: expected ${expected}, got ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** Creates the §6 order as `consultant`; its number and the approval instance it started. */
export async function createOrder(consultant: ApiClient): Promise<{ orderNo: string; instanceId: string }> {
  const order = expectStatus(
    await consultant.post<{ orderNo: string; instanceId: string }>('/api/orders', NEW_ORDER),
    201,
    'POST /api/orders',
  );
  return { orderNo: order.orderNo, instanceId: order.instanceId };
}

/** The open tasks of an instance, as `viewer` sees them. */
export async function openTasks(viewer: ApiClient, instanceId: string): Promise<TaskSummary[]> {
  const view = expectStatus(
    await viewer.get<{ tasks: TaskSummary[] }>(`/api/instances/${instanceId}`),
    200,
    'GET /api/instances/:id',
  );
  return view.tasks.filter((t) => t.status === 'open');
}

/** The one open task of an instance; fails when there is none or several. */
export async function theOpenTask(viewer: ApiClient, instanceId: string): Promise<TaskSummary> {
  const tasks = await openTasks(viewer, instanceId);
  if (tasks.length !== 1) throw new Error(`expected one open task, found ${JSON.stringify(tasks)}`);
  return tasks[0] as TaskSummary;
}

/**
 * Approves a task over the API with its form's data, filling any required text field left empty
 * (the form may have gained one in the form builder).
 */
export async function approveTask(actor: ApiClient, taskId: string): Promise<void> {
  const task = expectStatus(await actor.get<TaskDetail>(`/api/tasks/${taskId}`), 200, 'GET /api/tasks/:id');
  const data: Record<string, unknown> = { ...(task.form?.data ?? {}) };
  for (const field of task.form?.schema.required ?? []) {
    if (task.form?.schema.properties?.[field]?.type === 'string' && !data[field]) data[field] = '同意';
  }
  expectStatus(
    await actor.post(`/api/tasks/${taskId}/complete`, { outcome: 'approve', data, comment: '' }),
    200,
    'POST /api/tasks/:id/complete',
  );
}
