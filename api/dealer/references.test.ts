import { count, eq } from 'drizzle-orm';
import { tasks } from '../../engine/store/schema.ts';
import type { WorkflowDefinition } from '../../engine/types.ts';
import { DATABASES, type TestDatabase } from '../../test/fixtures/databases.ts';
import { fileRefs, users } from '../store/schema.ts';
import { createDealerTestApp, type DealerTestApp } from './testing.ts';

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 0, 255, 254]);
const UNKNOWN = '0b5e3c6e-0000-4000-8000-000000000000';

/** A form with every kind of reference field: files in a list, a user, a customer, a vehicle. */
const REF_FORM = {
  key: 'ref-test',
  title: '引用测试',
  schema: {
    type: 'object',
    properties: {
      attachments: { type: 'array', title: '附件', items: { type: 'string', format: 'uuid' } },
      reviewer: { type: 'string', title: '复核人', format: 'uuid' },
      customer: { type: 'string', title: '客户', format: 'uuid' },
      vin: { type: 'string', title: '车辆', pattern: '^[A-HJ-NPR-Z0-9]{17}$' },
      note: { type: 'string', title: '备注' },
    },
  },
  uiSchema: {
    attachments: { items: { 'ui:widget': 'file' } },
    reviewer: { 'ui:widget': 'user' },
    customer: { 'ui:widget': 'customer' },
    vin: { 'ui:widget': 'vehicle' },
  },
};

/** The manager fills the form, then an archive task stays open (a task to CC people from). */
const REF_FLOW: WorkflowDefinition = {
  key: 'ref-test',
  name: '引用测试',
  machine: {
    id: 'refTest',
    initial: 'review',
    context: {},
    states: {
      review: {
        meta: {
          task: {
            name: '经理审核',
            assignee: { roles: ['sales_manager'] },
            outcomes: ['approve'],
            form: 'ref-test',
          },
        },
        on: { APPROVE: 'archive' },
      },
      archive: {
        meta: { task: { name: '归档', assignee: { roles: ['sales_manager'] }, outcomes: ['done'] } },
        on: { DONE: 'done' },
      },
      done: { type: 'final' },
    },
  },
};

interface ErrorBody {
  error: { code: string; details?: { path: string; message: string }[] };
}
interface InstanceBody {
  id: string;
  tasks: { id: string; status: string; name: string }[];
}

describe.each(DATABASES)('references in task data on $name', ({ open }) => {
  let db: TestDatabase;
  let t: DealerTestApp;
  let ids: Record<string, string>;
  let bjCustomer: string;
  let shCustomer: string;

  beforeAll(async () => {
    db = await open();
    t = await createDealerTestApp(db);
    for (const [path, body] of [
      ['/api/forms/ref-test', REF_FORM],
      ['/api/workflows/ref-test', REF_FLOW],
    ] as const) {
      await t.json('PUT', `${path}/draft`, 'admin', 200, body);
      await t.json('POST', `${path}/publish`, 'admin', 200);
    }
    const rows = await db.database.db.select({ id: users.id, username: users.username }).from(users);
    ids = Object.fromEntries(rows.map((r) => [r.username, r.id]));
    bjCustomer = (
      await t.json<{ id: string }>('POST', '/api/customers', 'consultant', 201, {
        name: '周杰',
        mobile: '13712345678',
      })
    ).id;
    shCustomer = (
      await t.json<{ id: string }>('POST', '/api/customers', 'consultant_sh', 201, {
        name: '吴磊',
        mobile: '13712345679',
      })
    ).id;
    await t.json('POST', '/api/vehicles', 'logistics', 201, {
      vin: 'LRW3E7FA6PC000789',
      brand: 'Tesla',
      model: 'Model Y',
      trim: '豪华版',
      exteriorColor: '星空灰',
      productionDate: '2026-10-20',
      listPrice: 25_890_000,
      cost: 23_000_000,
    });
  });
  afterAll(() => db.close());

  async function upload(as: string): Promise<string> {
    const body = new FormData();
    body.append('file', new File([PNG as Uint8Array<ArrayBuffer>], '合同.png', { type: 'image/png' }));
    return (await t.json<{ items: { id: string }[] }>('POST', '/api/files', as, 201, body)).items[0]!.id;
  }

  async function startFlow(): Promise<{ instanceId: string; taskId: string }> {
    const started = await t.json<InstanceBody>('POST', '/api/instances', 'consultant', 201, {
      workflowKey: 'ref-test',
    });
    return { instanceId: started.id, taskId: started.tasks[0]!.id };
  }

  const refCount = async (instanceId: string) =>
    Number(
      (
        await db.database.db.select({ n: count() }).from(fileRefs).where(eq(fileRefs.instanceId, instanceId))
      )[0]?.n,
    );
  const taskStatus = async (taskId: string) =>
    (await db.database.db.select({ status: tasks.status }).from(tasks).where(eq(tasks.id, taskId)))[0]
      ?.status;

  it.each([
    ['an unknown file', (f: string) => ({ attachments: [f, UNKNOWN] }), '/attachments/1', '附件'],
    ['another store’s file', (_f: string, sh: string) => ({ attachments: [sh] }), '/attachments/0', '附件'],
    ['an unknown user', () => ({ reviewer: UNKNOWN }), '/reviewer', '复核人'],
    ['another store’s user', () => ({ reviewer: ids.consultant_sh }), '/reviewer', '复核人'],
    ['another store’s customer', () => ({ customer: 'SH' }), '/customer', '客户'],
    ['a VIN not in the store’s inventory', () => ({ vin: 'LRW3E7FA6PC000790' }), '/vin', '车辆'],
  ])('refuses %s with 422 and the field path, changing nothing', async (_what, data, path, label) => {
    const [file, shFile] = [await upload('consultant'), await upload('consultant_sh')];
    const { instanceId, taskId } = await startFlow();
    let submitted: Record<string, unknown> = data(file, shFile);
    if (submitted.customer === 'SH') submitted = { customer: shCustomer };
    const res = await t.call('POST', `/api/tasks/${taskId}/complete`, 'manager', {
      outcome: 'approve',
      data: submitted,
    });
    expect(res.status).toBe(422);
    const body = (await res.json()) as ErrorBody;
    expect(body.error.code).toBe('invalid');
    expect(body.error.details).toEqual([
      { path, message: expect.stringContaining(label), code: 'reference' },
    ]);
    expect(await taskStatus(taskId)).toBe('open');
    expect(await refCount(instanceId)).toBe(0);
  });

  it('answers in English when asked', async () => {
    const { taskId } = await startFlow();
    const res = await t.call('POST', `/api/tasks/${taskId}/complete`, 'manager', {
      outcome: 'approve',
      data: { reviewer: ids.consultant2, customer: shCustomer },
      locale: 'en',
    });
    expect(res.status).toBe(422);
    expect(((await res.json()) as ErrorBody).error.details).toEqual([
      { path: '/customer', message: '客户 is not a customer of this store', code: 'reference' },
    ]);
  });

  it('refuses a deactivated user', async () => {
    await db.database.db.update(users).set({ active: false }).where(eq(users.username, 'consultant2'));
    try {
      const { taskId } = await startFlow();
      const res = await t.call('POST', `/api/tasks/${taskId}/complete`, 'manager', {
        outcome: 'approve',
        data: { reviewer: ids.consultant2 },
      });
      expect(res.status).toBe(422);
      expect(((await res.json()) as ErrorBody).error.details?.[0]?.path).toBe('/reviewer');
    } finally {
      await db.database.db.update(users).set({ active: true }).where(eq(users.username, 'consultant2'));
    }
  });

  it('accepts usable references, records the files, and lets whoever sees the instance read them', async () => {
    const [mine, managers] = [await upload('consultant'), await upload('manager')];
    const { instanceId, taskId } = await startFlow();
    const done = await t.json<{ instance: InstanceBody }>(
      'POST',
      `/api/tasks/${taskId}/complete`,
      'manager',
      200,
      {
        outcome: 'approve',
        data: {
          attachments: [mine, managers],
          reviewer: ids.finance,
          customer: bjCustomer,
          vin: 'LRW3E7FA6PC000789',
        },
      },
    );
    const refs = await db.database.db
      .select({ fileId: fileRefs.fileId, taskId: fileRefs.taskId, path: fileRefs.path })
      .from(fileRefs)
      .where(eq(fileRefs.instanceId, instanceId))
      .orderBy(fileRefs.path);
    expect(refs).toEqual([
      { fileId: mine, taskId, path: '/attachments/0' },
      { fileId: managers, taskId, path: '/attachments/1' },
    ]);

    // Another store's consultant sees neither the instance nor the file...
    expect((await t.call('GET', `/api/files/${mine}`, 'consultant_sh')).status).toBe(403);
    expect((await t.call('GET', `/api/files/${mine}/meta`, 'consultant_sh')).status).toBe(403);
    // ...until CC'd on the instance; the group's GM reads it anyway; SH's manager still may not.
    const archive = done.instance.tasks.find((task) => task.status === 'open')!;
    await t.json('POST', `/api/tasks/${archive.id}/cc`, 'manager', 200, { users: [ids.consultant_sh] });
    expect((await t.call('GET', `/api/instances/${instanceId}`, 'consultant_sh')).status).toBe(200);
    for (const file of [mine, managers]) {
      const res = await t.call('GET', `/api/files/${file}`, 'consultant_sh');
      expect(res.status).toBe(200);
      expect(new Uint8Array(await res.arrayBuffer())).toEqual(PNG);
    }
    expect((await t.call('GET', `/api/files/${mine}`, 'gm')).status).toBe(200);
    expect((await t.call('GET', `/api/files/${mine}`, 'manager_sh')).status).toBe(403);
    expect((await t.call('GET', `/api/files/${UNKNOWN}`, 'consultant_sh')).status).toBe(404);
  });
});
