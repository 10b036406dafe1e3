/**
 * The authorization matrix's declarations (issue #12 point 4): for every route of the app, keyed by
 * `METHOD path` as the OpenAPI document spells it, who the route admits, what a store user gets for
 * another store's record, which admitted users a record of their own store still turns away, and
 * the request that exercises it. `authorization-matrix.test.ts` runs every route × every demo user ×
 * own / other store against these, and fails on a route that has no declaration.
 *
 * The expectations are written here from the dealership's rules (docs/dealership.md), not imported
 * from the guards they check: a widened guard or a dropped store check shows up as a difference.
 */
import type { MatrixFixtures, StoreId, StoreRecords } from './matrix-fixtures.ts';
import { MATRIX_FORM, MATRIX_WORKFLOW } from './matrix-fixtures.ts';

/** The demo users the matrix calls as (README: one per role, and SH01's two). */
export const WHO = {
  admin: { role: 'admin', store: null },
  gm: { role: 'general_manager', store: null },
  manager: { role: 'sales_manager', store: 'BJ01' },
  consultant: { role: 'sales_consultant', store: 'BJ01' },
  finance: { role: 'finance', store: 'BJ01' },
  logistics: { role: 'logistics', store: 'BJ01' },
  service: { role: 'service_advisor', store: 'BJ01' },
  manager_sh: { role: 'sales_manager', store: 'SH01' },
  consultant_sh: { role: 'sales_consultant', store: 'SH01' },
} as const satisfies Record<string, { role: string; store: StoreId | null }>;
export type Who = keyof typeof WHO;
export const EVERYONE = Object.keys(WHO) as Who[];

/** What a call gets: through the authorization (`ok`: any answer but 401/403/404 and 5xx), 403, or 404. */
export type Answer = 'ok' | 403 | 404;

/** A request beyond its path: query, JSON body (or FormData / bytes as they are), headers. */
export interface MatrixRequest {
  query?: Record<string, string>;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface RouteAccess {
  /** Who the role guard lets in: `public` (no login), `any` logged-in user, or the users holding these roles. */
  roles: 'public' | 'any' | readonly string[];
  /** What a let-in store user gets on another store's record (or naming another store). Group users see every store. */
  otherStore: Answer;
  /** Let-in users turned away on a record they may see (their own store's, or any for group users). */
  except?: Partial<Record<Who, 403 | 404>>;
  /** The request for `store`'s records (path parameters are substituted from them by name). */
  request?: (store: StoreRecords, f: MatrixFixtures) => MatrixRequest;
  /** Which fixture a path's `{id}` names (default: by the path's first segment). */
  id?: keyof StoreRecords;
  /** When the answer is in the body (batch results): 403 / 404 from there, else the status decides. */
  answerOf?: (res: Response) => Promise<Answer | undefined>;
  /** Logs in afresh for every call (logout ends the session it is called with). */
  freshSession?: true;
  /** Runs after the other routes' allowed calls (it consumes the task, the flow or the definition). */
  late?: true;
}

const roles = (...r: string[]) => r;
const ANY = 'any' as const;
const ADMIN = roles('admin');
const READ_ORDERS = roles(
  'sales_consultant',
  'sales_manager',
  'general_manager',
  'admin',
  'finance',
  'logistics',
  'service_advisor',
);
const CREATE_ORDER = roles('sales_consultant', 'sales_manager', 'admin');
const READ_CUSTOMERS = roles(
  'sales_consultant',
  'sales_manager',
  'general_manager',
  'admin',
  'service_advisor',
);
const WRITE_CUSTOMERS = roles('sales_consultant', 'sales_manager', 'general_manager', 'admin');
const READ_VEHICLES = roles(
  'sales_consultant',
  'sales_manager',
  'general_manager',
  'admin',
  'finance',
  'logistics',
);
const WRITE_VEHICLES = roles('logistics', 'sales_manager', 'general_manager', 'admin');
const AFTER_SALES = roles('service_advisor', 'sales_manager', 'general_manager', 'admin');
const COMPLAINTS = roles('service_advisor', 'sales_consultant', 'sales_manager', 'general_manager', 'admin');
const ANALYTICS = roles('sales_manager', 'general_manager', 'admin', 'finance', 'sales_consultant');

/** Everyone but the listed users gets `answer` (a record of one person: a CC, a notification). */
function onlyFor(answer: 403 | 404, ...allowed: Who[]): Partial<Record<Who, 403 | 404>> {
  return Object.fromEntries(EVERYONE.filter((w) => !allowed.includes(w)).map((w) => [w, answer]));
}
/** The listed users get `answer`. */
function refuse(answer: 403 | 404, ...who: Who[]): Partial<Record<Who, 403 | 404>> {
  return Object.fromEntries(who.map((w) => [w, answer]));
}

const inStore = (s: StoreRecords) => ({ query: { storeId: s.storeId } });
/** The order's approval task is the store manager's; group users may act on any. */
const TASK_ACTORS = onlyFor(403, 'manager', 'manager_sh', 'admin', 'gm');
/** Handing a task on (CC, another approver) is for its holder only. */
const TASK_HOLDERS = onlyFor(403, 'manager', 'manager_sh');
/** Store staff outside sales see the store's instances but not the sales tasks. */
const STAFF = refuse(403, 'finance', 'logistics', 'service');

/** Unlocking someone who is not locked is 404 by design: the call got through. */
async function unlockAnswer(res: Response): Promise<Answer | undefined> {
  if (res.status !== 404) return undefined;
  const body = (await res.clone().json()) as { error: { message: string } };
  return body.error.message.includes('neither locked nor throttled') ? 'ok' : 404;
}

/** Per batch item: the task's error code decides. */
async function batchAnswer(res: Response): Promise<Answer | undefined> {
  if (res.status !== 200) return undefined;
  const body = (await res.clone().json()) as { items: { ok: boolean; error?: { code: string } }[] };
  const code = body.items[0]?.error?.code;
  return code === 'forbidden' ? 403 : code === 'not_found' ? 404 : 'ok';
}

const order = (s: StoreRecords) => ({
  customer: { name: `客户${s.storeId}`, mobile: s.storeId === 'BJ01' ? '13800138001' : '13900139002' },
  vehicle: { brand: 'BYD', model: '海豹', trim: '豪华版', color: '珍珠白' },
  pricing: { msrp: 18_980_000, discount: 100_000 },
  paymentMethod: 'cash',
  source: 'walk_in',
});

/** Every route of the app. */
export const ACCESS: Record<string, RouteAccess> = {
  'GET /healthz': { roles: 'public', otherStore: 'ok' },
  'GET /api/openapi.json': { roles: 'public', otherStore: 'ok' },
  'GET /api/docs': { roles: 'public', otherStore: 'ok' },

  'POST /api/auth/login': {
    roles: 'public',
    otherStore: 'ok',
    request: (s) => ({ body: { username: s.consultant, password: 'dealerflow' } }),
  },
  'POST /api/auth/logout': { roles: ANY, otherStore: 'ok', freshSession: true },
  'GET /api/auth/me': { roles: ANY, otherStore: 'ok' },

  // One's own account: an empty body is refused at the edge (422), after the guard let the user in.
  'POST /api/me/password': { roles: ANY, otherStore: 'ok', request: () => ({ body: {} }) },
  'GET /api/me/sessions': { roles: ANY, otherStore: 'ok' },
  // Another user's session (here: an id that names no session of the caller) is not found.
  'DELETE /api/me/sessions/{id}': {
    roles: ANY,
    otherStore: 'ok',
    id: 'order',
    answerOf: async (res) => (res.status === 404 ? 'ok' : undefined),
  },
  'POST /api/me/sessions/revoke-others': { roles: ANY, otherStore: 'ok', late: true },
  'POST /api/users/{id}/password': {
    roles: ADMIN,
    otherStore: 'ok',
    id: 'order',
    request: () => ({ body: {} }),
  },

  // Definitions: everyone reads them; only the admin designs.
  'GET /api/workflows': { roles: ANY, otherStore: 'ok' },
  'POST /api/workflows': {
    roles: ADMIN,
    otherStore: 'ok',
    request: () => ({ body: { ...MATRIX_WORKFLOW, key: 'matrix-created' } }),
  },
  'POST /api/workflows/{key}/archive': { roles: ADMIN, otherStore: 'ok', late: true },
  'POST /api/workflows/{key}/restore': { roles: ADMIN, otherStore: 'ok', late: true },
  'DELETE /api/workflows/{key}': { roles: ADMIN, otherStore: 'ok', late: true },
  'GET /api/workflows/{key}': { roles: ANY, otherStore: 'ok' },
  'POST /api/workflows/validate': {
    roles: ANY,
    otherStore: 'ok',
    request: () => ({ body: { definition: MATRIX_WORKFLOW } }),
  },
  'PUT /api/workflows/{key}/draft': {
    roles: ADMIN,
    otherStore: 'ok',
    request: () => ({ body: MATRIX_WORKFLOW }),
  },
  'POST /api/workflows/{key}/publish': { roles: ADMIN, otherStore: 'ok' },
  'GET /api/workflows/{key}/versions': { roles: ANY, otherStore: 'ok' },
  'GET /api/workflows/{key}/versions/{version}': { roles: ANY, otherStore: 'ok' },
  'POST /api/workflows/{key}/migrate': {
    roles: ADMIN,
    otherStore: 'ok',
    request: () => ({ body: { toVersion: 1, mapping: {}, dryRun: true } }),
  },
  'GET /api/forms': { roles: ANY, otherStore: 'ok' },
  'POST /api/forms': {
    roles: ADMIN,
    otherStore: 'ok',
    request: () => ({ body: { ...MATRIX_FORM, key: 'matrix-created' } }),
  },
  'POST /api/forms/{key}/archive': { roles: ADMIN, otherStore: 'ok', late: true },
  'POST /api/forms/{key}/restore': { roles: ADMIN, otherStore: 'ok', late: true },
  'DELETE /api/forms/{key}': { roles: ADMIN, otherStore: 'ok', late: true },
  'GET /api/forms/{key}': { roles: ANY, otherStore: 'ok' },
  'PUT /api/forms/{key}/draft': { roles: ADMIN, otherStore: 'ok', request: () => ({ body: MATRIX_FORM }) },
  'POST /api/forms/{key}/publish': { roles: ADMIN, otherStore: 'ok' },
  'GET /api/forms/{key}/versions': { roles: ANY, otherStore: 'ok' },
  'GET /api/forms/{key}/versions/{version}': { roles: ANY, otherStore: 'ok' },

  // Instances and tasks: the store's people and the task's people; another store's answer 403.
  'GET /api/instances': { roles: ANY, otherStore: 'ok' },
  'POST /api/instances': {
    roles: ANY,
    otherStore: 403,
    request: (s) => ({ body: { workflowKey: MATRIX_WORKFLOW.key, input: {}, storeId: s.storeId } }),
  },
  'GET /api/instances/{id}': { roles: ANY, otherStore: 403 },
  'POST /api/instances/{id}/events': {
    roles: ANY,
    otherStore: 403,
    id: 'flow',
    except: onlyFor(403, 'consultant', 'consultant_sh'),
    request: () => ({ body: { type: 'WITHDRAW' } }),
    late: true,
  },
  'POST /api/instances/{id}/cancel': {
    roles: ANY,
    otherStore: 403,
    except: onlyFor(403, 'consultant', 'consultant_sh', 'admin', 'gm'),
    request: () => ({ body: { reason: '客户取消' } }),
    late: true,
  },
  'POST /api/instances/{id}/withdraw': {
    roles: ANY,
    otherStore: 403,
    except: onlyFor(403, 'consultant', 'consultant_sh'),
    request: () => ({ body: { comment: '撤回' } }),
    late: true,
  },
  'POST /api/instances/{id}/migrate': {
    roles: ADMIN,
    otherStore: 'ok',
    request: () => ({ body: { toVersion: 1, mapping: {}, dryRun: true } }),
  },
  'POST /api/instances/{id}/move': {
    roles: ADMIN,
    otherStore: 'ok',
    request: () => ({ body: { state: 'managerReview', reason: '矩阵' } }),
    late: true,
  },
  'GET /api/tasks': { roles: ANY, otherStore: 'ok' },
  // A task (with its form data) is for its people, the starter, managers and group users: not for
  // the store's finance, logistics or service staff, who do see the instance.
  'GET /api/tasks/{id}': { roles: ANY, otherStore: 403, except: STAFF },
  'POST /api/tasks/batch-complete': {
    roles: ANY,
    otherStore: 403,
    except: TASK_ACTORS,
    request: (s) => ({ body: { items: [{ taskId: s.task, outcome: 'approve', comment: '同意' }] } }),
    answerOf: batchAnswer,
    late: true,
  },
  'POST /api/tasks/{id}/complete': {
    roles: ANY,
    otherStore: 403,
    except: TASK_ACTORS,
    request: () => ({ body: { outcome: 'approve', comment: '同意', data: { reviewComment: '同意' } } }),
    late: true,
  },
  'POST /api/tasks/{id}/claim': { roles: ANY, otherStore: 403, except: TASK_ACTORS, late: true },
  'POST /api/tasks/{id}/transfer': {
    roles: ANY,
    otherStore: 403,
    except: TASK_ACTORS,
    request: (s) => ({ body: { to: s.consultantId, comment: '转办' } }),
    late: true,
  },
  'POST /api/tasks/{id}/delegate': {
    roles: ANY,
    otherStore: 403,
    except: TASK_ACTORS,
    request: (s) => ({ body: { to: s.consultantId, comment: '委托' } }),
    late: true,
  },
  'POST /api/tasks/{id}/return': {
    roles: ANY,
    otherStore: 403,
    except: TASK_ACTORS,
    request: () => ({ body: { comment: '请补充' } }),
    late: true,
  },
  'POST /api/tasks/{id}/add-approver': {
    roles: ANY,
    otherStore: 403,
    except: TASK_HOLDERS,
    request: (s) => ({ body: { users: [s.managerId], position: 'after' } }),
  },
  'POST /api/tasks/{id}/remind': {
    roles: ANY,
    otherStore: 403,
    except: onlyFor(403, 'consultant', 'consultant_sh', 'admin'),
    request: () => ({ body: { comment: '请尽快' } }),
  },
  'POST /api/tasks/{id}/comment': {
    roles: ANY,
    otherStore: 403,
    except: STAFF,
    request: () => ({ body: { comment: '看一下' } }),
  },
  'POST /api/tasks/{id}/cc': {
    roles: ANY,
    otherStore: 403,
    except: TASK_HOLDERS,
    request: (s) => ({ body: { users: [s.consultantId] } }),
  },
  'GET /api/cc': { roles: ANY, otherStore: 'ok' },
  'POST /api/cc/{id}/read': {
    roles: ANY,
    otherStore: 404,
    except: onlyFor(404, 'consultant', 'consultant_sh'),
  },
  'GET /api/events': { roles: ANY, otherStore: 'ok' },
  'GET /api/notifications': { roles: ANY, otherStore: 'ok' },
  'POST /api/notifications/read-all': { roles: ANY, otherStore: 'ok' },
  'POST /api/notifications/{id}/read': {
    roles: ANY,
    otherStore: 404,
    except: onlyFor(404, 'manager', 'manager_sh'),
  },

  // Directory, files, meta, admin.
  'GET /api/users': { roles: ANY, otherStore: 'ok', request: inStore },
  'GET /api/stores': { roles: ANY, otherStore: 'ok' },
  'GET /api/roles': { roles: ANY, otherStore: 'ok' },
  'POST /api/users/{username}/unlock': { roles: ADMIN, otherStore: 'ok', answerOf: unlockAnswer },
  'GET /api/teams': { roles: ANY, otherStore: 403, request: inStore },
  'GET /api/stores/{id}/calendar': { roles: ANY, otherStore: 403 },
  'PUT /api/stores/{id}/calendar': {
    roles: ADMIN,
    otherStore: 'ok',
    request: () => ({
      body: {
        utcOffsetMinutes: 480,
        workingHours: [{ start: '09:00', end: '18:00' }],
        weekend: [0, 6],
        holidays: [],
        workdays: [],
      },
    }),
  },
  'POST /api/files': {
    roles: ANY,
    otherStore: 403,
    request: (s) => {
      const body = new FormData();
      body.append(
        'file',
        new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1])], 'a.png', {
          type: 'image/png',
        }),
      );
      return { query: { storeId: s.storeId }, body };
    },
  },
  // Files answer 403, like instances and tasks (api/files/file-repo.ts).
  'GET /api/files/{id}': { roles: ANY, otherStore: 403 },
  'GET /api/files/{id}/meta': { roles: ANY, otherStore: 403 },
  'GET /api/meta/effects': { roles: ANY, otherStore: 'ok' },
  'GET /api/admin/outbox': { roles: ADMIN, otherStore: 'ok' },
  'POST /api/admin/outbox/{id}/retry': { roles: ADMIN, otherStore: 'ok' },
  'GET /api/admin/message-templates': { roles: ADMIN, otherStore: 'ok' },
  'PUT /api/admin/message-templates/{key}': {
    roles: ADMIN,
    otherStore: 'ok',
    request: () => ({ body: { sms: '您的车已到店', emailSubject: '到店', emailBody: '您的车已到店' } }),
  },

  // Dealership records: another store's are not visible (404), lists of another store 403.
  'POST /api/orders': {
    roles: CREATE_ORDER,
    otherStore: 403,
    request: (s) => ({ body: { ...order(s), storeId: s.storeId } }),
  },
  'GET /api/orders': { roles: READ_ORDERS, otherStore: 403, request: inStore },
  'GET /api/orders/export.xlsx': { roles: READ_ORDERS, otherStore: 403, request: inStore },
  'PUT /api/orders/{id}': { roles: CREATE_ORDER, otherStore: 404, request: (s) => ({ body: order(s) }) },
  'GET /api/orders/{id}': { roles: READ_ORDERS, otherStore: 404 },
  // The store's consultant (who made the order) or a manager; a submitted order answers 409.
  'POST /api/orders/{id}/submit': { roles: CREATE_ORDER, otherStore: 404 },
  'GET /api/orders/{id}/messages': { roles: ANY, otherStore: 404 },
  'POST /api/orders/{id}/allocate': {
    roles: WRITE_VEHICLES,
    otherStore: 404,
    request: (s) => ({ body: { vin: s.vin } }),
  },
  'GET /api/customers': { roles: READ_CUSTOMERS, otherStore: 403, request: inStore },
  'POST /api/customers': {
    roles: WRITE_CUSTOMERS,
    otherStore: 403,
    request: (s) => ({ body: { storeId: s.storeId, name: '新客户', mobile: '13700137000' } }),
  },
  'GET /api/customers/{id}': { roles: READ_CUSTOMERS, otherStore: 404 },
  'PATCH /api/customers/{id}': {
    roles: WRITE_CUSTOMERS,
    otherStore: 404,
    request: () => ({ body: { intentLevel: 'A' } }),
  },
  'POST /api/customers/{id}/follow-ups': {
    roles: WRITE_CUSTOMERS,
    otherStore: 404,
    request: () => ({ body: { channel: 'call', content: '电话回访' } }),
  },
  'POST /api/customers/{id}/test-drives': {
    roles: WRITE_CUSTOMERS,
    otherStore: 404,
    request: (s) => ({
      body: { at: '2026-11-22T02:00:00Z', model: '海豹', vehicleId: s.vehicle, licenceChecked: true },
    }),
  },
  'GET /api/vehicles': { roles: READ_VEHICLES, otherStore: 403, request: inStore },
  'POST /api/vehicles': {
    roles: WRITE_VEHICLES,
    otherStore: 403,
    request: (s) => ({
      body: {
        storeId: s.storeId,
        vin: 'LRW3E7FA6PC000789',
        brand: 'BYD',
        model: '海豹',
        trim: '豪华版',
        exteriorColor: '冰川蓝',
        productionDate: '2026-09-01',
        listPrice: 18_980_000,
      },
    }),
  },
  'GET /api/vehicles/export.xlsx': { roles: READ_VEHICLES, otherStore: 403, request: inStore },
  'POST /api/vehicles/import': {
    roles: WRITE_VEHICLES,
    otherStore: 403,
    // A file that imports: the store check is per row, after reading it.
    request: (s) => ({
      query: { storeId: s.storeId },
      body: `vin,brand,model,trim,exteriorColor,productionDate,listPrice,vinOverride\nLMATRXXMP${s.storeId}0000,BYD,海豹,豪华版,白,2026-09-01,189800,true\n`,
      headers: { 'content-type': 'text/csv' },
    }),
  },
  'POST /api/vehicles/{id}/transfer': {
    roles: WRITE_VEHICLES,
    otherStore: 404,
    // An unknown target (422) leaves the vehicle where it is for the next caller.
    request: () => ({ body: { toStoreId: 'ZZ99' } }),
  },
  'POST /api/vehicles/{id}/receive': { roles: WRITE_VEHICLES, otherStore: 404 },
  'POST /api/stock-takes': {
    roles: WRITE_VEHICLES,
    otherStore: 403,
    request: (s) => ({ body: { storeId: s.storeId, counted: [s.vin] } }),
  },
  'GET /api/stock-takes': { roles: WRITE_VEHICLES, otherStore: 403, request: inStore },
  'GET /api/maintenance-reminders': { roles: AFTER_SALES, otherStore: 403, request: inStore },
  'POST /api/maintenance-reminders/{id}/done': {
    roles: AFTER_SALES,
    otherStore: 404,
    id: 'reminder',
    request: () => ({ body: { note: '已联系' } }),
  },
  'GET /api/service-orders': { roles: AFTER_SALES, otherStore: 403, request: inStore },
  'GET /api/service-orders/sold-cars': {
    roles: AFTER_SALES,
    otherStore: 403,
    request: (s) => ({ query: { storeId: s.storeId, q: s.vin } }),
  },
  'POST /api/service-orders': {
    roles: roles('service_advisor', 'admin'),
    otherStore: 403,
    request: (s) => ({
      body: {
        storeId: s.storeId,
        customerName: '王五',
        mobile: '13600136000',
        vin: s.vin,
        complaint: '异响',
      },
    }),
  },
  'GET /api/service-orders/{id}': { roles: AFTER_SALES, otherStore: 404, id: 'serviceOrder' },
  'GET /api/complaints': { roles: COMPLAINTS, otherStore: 403, request: inStore },
  'POST /api/complaints': {
    roles: COMPLAINTS,
    otherStore: 403,
    request: (s) => ({
      body: {
        storeId: s.storeId,
        customerName: '王五',
        channel: 'phone',
        category: 'purchase',
        level: 'normal',
        description: '等待时间长',
        orderId: s.order,
      },
    }),
  },
  'GET /api/complaints/{id}': { roles: COMPLAINTS, otherStore: 404 },
  'GET /api/analytics/sales': { roles: ANALYTICS, otherStore: 403, request: inStore },
  'GET /api/analytics/funnel': { roles: ANALYTICS, otherStore: 403, request: inStore },
  'GET /api/analytics/delivery-lead-time': { roles: ANALYTICS, otherStore: 403, request: inStore },
  'GET /api/analytics/inventory-aging': { roles: ANALYTICS, otherStore: 403, request: inStore },
  'GET /api/analytics/config-preferences': { roles: ANALYTICS, otherStore: 403, request: inStore },
  'GET /api/analytics/csi': { roles: [...ANALYTICS, 'service_advisor'], otherStore: 403, request: inStore },
  'GET /api/analytics/complaints': {
    roles: [...ANALYTICS, 'service_advisor'],
    otherStore: 403,
    request: inStore,
  },
  'GET /api/analytics/overdue-tasks': {
    roles: [...ANALYTICS, 'service_advisor'],
    otherStore: 403,
    request: inStore,
  },
};

/** The fixture a path's `{id}` names, by the path's first segment under /api. */
export const ID_FIXTURE: Record<string, keyof StoreRecords> = {
  orders: 'order',
  customers: 'customer',
  vehicles: 'vehicle',
  'service-orders': 'serviceOrder',
  complaints: 'complaint',
  files: 'file',
  instances: 'instance',
  tasks: 'task',
  cc: 'cc',
  notifications: 'notification',
  'maintenance-reminders': 'reminder',
  stores: 'storeId',
};
