/**
 * Records of both demo stores for the authorization matrix (not a test file): an order with its
 * approval instance and open task, a customer, a vehicle, a work order, a complaint, a file, a CC, a
 * notification and a maintenance reminder per store, made the way users make them (through the API)
 * where a flow must start, and inserted directly where nothing but the row matters.
 */
import { and, eq } from 'drizzle-orm';
import { maintenanceReminders, vehicles } from '../../api/dealer/schema.ts';
import { type DealerTestApp, EXAMPLE_ORDER } from '../../api/dealer/testing.ts';
import { cc, notifications, users } from '../../api/store/schema.ts';
import { outbox } from '../../engine/store/schema.ts';
import type { TestDatabase } from '../fixtures/databases.ts';

/** The demo stores; every store user belongs to one of them. */
export const STORES = ['BJ01', 'SH01'] as const;
export type StoreId = (typeof STORES)[number];

/** One store's records, by the name the matrix substitutes for path parameters. */
export interface StoreRecords {
  storeId: StoreId;
  order: string;
  instance: string;
  /** An instance of the matrix's own flow, started by the store's consultant (WITHDRAW: the starter's event). */
  flow: string;
  task: string;
  customer: string;
  vehicle: string;
  vin: string;
  serviceOrder: string;
  complaint: string;
  file: string;
  cc: string;
  notification: string;
  reminder: string;
  /** The store's sales consultant (username) and their user id. */
  consultant: string;
  consultantId: string;
  /** The store's sales manager, who holds the order's approval task. */
  manager: string;
  managerId: string;
}

/** Both stores' records and the group-level ones (a flow, a form, an outbox message). */
export interface MatrixFixtures {
  stores: Record<StoreId, StoreRecords>;
  workflowKey: string;
  formKey: string;
  outbox: number;
}

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 0, 255, 254]);

/** The people who make each store's records (SH01 has no service advisor: the admin opens its work order). */
const MAKERS = {
  BJ01: { consultant: 'consultant', manager: 'manager', service: 'service', mobile: '13800138001' },
  SH01: { consultant: 'consultant_sh', manager: 'manager_sh', service: 'admin', mobile: '13900139002' },
} as const;

/** A flow and a form only the matrix uses, so archiving or deleting them harms no other record. */
export const MATRIX_WORKFLOW = {
  key: 'matrix-approval',
  name: '矩阵审批',
  events: { WITHDRAW: { label: '撤回', from: { starter: true } } },
  machine: {
    id: 'matrixApproval',
    initial: 'review',
    context: {},
    states: {
      review: {
        meta: {
          task: { name: '经理审批', assignee: { roles: ['sales_manager'] }, outcomes: ['approve', 'reject'] },
        },
        on: { APPROVE: 'approved', REJECT: 'rejected', WITHDRAW: 'withdrawn' },
      },
      withdrawn: { type: 'final' },
      approved: { type: 'final' },
      rejected: { type: 'final' },
    },
  },
};
export const MATRIX_FORM = {
  key: 'matrix-form',
  title: '矩阵表单',
  schema: { type: 'object', properties: { note: { type: 'string', maxLength: 100 } } },
};

async function userId(db: TestDatabase, username: string): Promise<string> {
  const [row] = await db.database.db.select({ id: users.id }).from(users).where(eq(users.username, username));
  if (!row) throw new Error(`no user ${username}`);
  return row.id;
}

async function uploadFile(t: DealerTestApp, as: string): Promise<string> {
  const body = new FormData();
  body.append('file', new File([PNG as Uint8Array<ArrayBuffer>], '合同.png', { type: 'image/png' }));
  return (await t.json<{ items: { id: string }[] }>('POST', '/api/files', as, 201, body)).items[0]!.id;
}

async function seedStore(t: DealerTestApp, db: TestDatabase, storeId: StoreId): Promise<StoreRecords> {
  const who = MAKERS[storeId];
  const d = db.database.db;
  const group = who.service === 'admin' ? { storeId } : {};
  const order = await t.json<{ id: string; customerId: string; instanceId: string }>(
    'POST',
    '/api/orders',
    who.consultant,
    201,
    { ...EXAMPLE_ORDER, customer: { name: `客户${storeId}`, mobile: who.mobile } },
  );
  const instance = await t.service.getInstance(order.instanceId);
  const task = instance.tasks.find((x) => x.status === 'open');
  if (!task) throw new Error(`order of ${storeId} has no open task`);
  // Valid VINs (check digit at position 9): the service desk refuses any other.
  const vin = storeId === 'BJ01' ? 'LMATRXBJ1N1000001' : 'LMATRXSH7N1000002';
  const [vehicle] = await d
    .insert(vehicles)
    .values({
      vin,
      brand: 'BYD',
      model: '海豹',
      trim: '豪华版',
      exteriorColor: '冰川蓝',
      productionDate: '2026-09-01',
      storeId,
      listPrice: 18_980_000,
      cost: 17_000_000,
      status: 'in_stock',
      stockInDate: '2026-10-01',
    })
    .returning({ id: vehicles.id });
  const serviceOrder = await t.json<{ id: string }>('POST', '/api/service-orders', who.service, 201, {
    ...group,
    customerName: `客户${storeId}`,
    mobile: who.mobile,
    vin,
    complaint: '首次保养',
    kind: 'maintenance',
  });
  const complaint = await t.json<{ id: string }>('POST', '/api/complaints', who.service, 201, {
    ...group,
    customerName: `客户${storeId}`,
    mobile: who.mobile,
    channel: 'phone',
    category: 'purchase',
    level: 'normal',
    description: '交车时间比约定晚了两天',
    orderId: order.id,
  });
  const consultantId = await userId(db, who.consultant);
  const managerId = await userId(db, who.manager);
  await t.json('POST', `/api/tasks/${task.id}/cc`, who.manager, 200, { users: [consultantId] });
  const [ccRow] = await d
    .select({ id: cc.id })
    .from(cc)
    .where(and(eq(cc.instanceId, order.instanceId), eq(cc.userId, consultantId)));
  const [note] = await d
    .insert(notifications)
    .values({
      userId: managerId,
      kind: 'task.arrived',
      title: '待审批',
      taskId: task.id,
      instanceId: order.instanceId,
      createdAt: t.now().toISOString(),
    })
    .returning({ id: notifications.id });
  const [reminder] = await d
    .insert(maintenanceReminders)
    .values({ storeId, vin, orderId: order.id, dueDate: '2027-05-01' })
    .returning({ id: maintenanceReminders.id });
  const flow = await t.json<{ id: string }>('POST', '/api/instances', who.consultant, 201, {
    workflowKey: MATRIX_WORKFLOW.key,
    input: {},
  });
  return {
    storeId,
    order: order.id,
    instance: order.instanceId,
    flow: flow.id,
    task: task.id,
    customer: order.customerId,
    vehicle: vehicle!.id,
    vin,
    serviceOrder: serviceOrder.id,
    complaint: complaint.id,
    file: await uploadFile(t, who.consultant),
    cc: ccRow!.id,
    notification: note!.id,
    reminder: reminder!.id,
    consultant: who.consultant,
    consultantId,
    manager: who.manager,
    managerId,
  };
}

/**
 * Makes both stores' records, the matrix's own flow and form, and a dead outbox message.
 *
 * @example
 * const f = await seedMatrixFixtures(t, db); f.stores.SH01.order // an order of SH01
 */
export async function seedMatrixFixtures(t: DealerTestApp, db: TestDatabase): Promise<MatrixFixtures> {
  await t.json('PUT', `/api/workflows/${MATRIX_WORKFLOW.key}/draft`, 'admin', 200, MATRIX_WORKFLOW);
  await t.json('POST', `/api/workflows/${MATRIX_WORKFLOW.key}/publish`, 'admin', 200);
  await t.json('PUT', `/api/forms/${MATRIX_FORM.key}/draft`, 'admin', 200, MATRIX_FORM);
  await t.json('POST', `/api/forms/${MATRIX_FORM.key}/publish`, 'admin', 200);
  const BJ01 = await seedStore(t, db, 'BJ01');
  const SH01 = await seedStore(t, db, 'SH01');
  const at = t.now().toISOString();
  const [dead] = await db.database.db
    .insert(outbox)
    .values({ topic: 'webhook', payload: {}, createdAt: at, availableAt: at, status: 'dead', attempts: 8 })
    .returning({ id: outbox.id });
  return {
    stores: { BJ01, SH01 },
    workflowKey: MATRIX_WORKFLOW.key,
    formKey: MATRIX_FORM.key,
    outbox: dead!.id,
  };
}
