/**
 * `GET /api/instances/:id` gives a generic instance page what it shows: names, who acts next, the
 * timeline with comments, and the attachments the viewer may see.
 */
import { DATABASES, type TestDatabase } from '../../test/fixtures/databases.ts';
import { createTestApp, type TestApp } from '../test-support.ts';

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 0, 255, 254]);

const FORM = {
  key: 'expense-review',
  title: '费用审核',
  schema: {
    type: 'object',
    properties: {
      attachments: { type: 'array', title: '附件', items: { type: 'string', format: 'uuid' } },
      scan: { type: 'string', title: '内部扫描件', format: 'uuid' },
    },
  },
  uiSchema: { attachments: { items: { 'ui:widget': 'file' } }, scan: { 'ui:widget': 'file' } },
};

const FLOW = {
  key: 'expense',
  name: '费用报销',
  machine: {
    id: 'expense',
    initial: 'review',
    states: {
      review: {
        meta: {
          task: {
            name: '经理审核',
            form: 'expense-review',
            assignee: { roles: ['sales_manager'] },
            outcomes: ['approve'],
            fields: { attachments: 'editable', scan: 'editable' },
          },
        },
        on: { APPROVE: 'pay' },
      },
      pay: {
        meta: {
          task: {
            name: '财务付款',
            form: 'expense-review',
            assignee: { roles: ['finance'] },
            outcomes: ['done'],
            fields: { attachments: 'readonly', scan: 'hidden' },
          },
        },
        on: { DONE: 'done' },
      },
      done: { type: 'final' },
    },
  },
};

interface Detail {
  workflowName: string;
  startedByName: string | null;
  nextSteps: {
    name: string;
    assignee: { name: string } | null;
    candidateRoles: { code: string; label: string }[];
    people: { name: string }[];
  }[];
  timeline: { actorName: string; action: string; taskName?: string; outcome?: string; comment?: string }[];
  attachments: { id: string; name: string; path: string; uploadedByName: string | null }[];
  tasks: { id: string; status: string }[];
}

describe.each(DATABASES)('the instance page’s data on $name', ({ open }) => {
  let db: TestDatabase;
  let t: TestApp;
  beforeAll(async () => {
    db = await open();
    t = await createTestApp(db);
    for (const [path, body] of [
      ['/api/forms', FORM],
      ['/api/workflows', FLOW],
    ] as const) {
      expect((await t.call('POST', path, { as: 'admin', body })).status).toBe(201);
      expect((await t.call('POST', `${path}/${body.key}/publish`, { as: 'admin' })).status).toBe(200);
    }
  });
  afterAll(() => db.close());

  async function upload(as: string, name: string): Promise<string> {
    const body = new FormData();
    body.append('file', new File([PNG as Uint8Array<ArrayBuffer>], name, { type: 'image/png' }));
    const res = await t.app.request('/api/files', {
      method: 'POST',
      body,
      headers: { authorization: `Bearer ${await t.token(as)}` },
    });
    expect(res.status).toBe(201);
    return ((await res.json()) as { items: { id: string }[] }).items[0]!.id;
  }

  const detail = async (id: string, as: string) => {
    const res = await t.call('GET', `/api/instances/${id}`, { as });
    expect(res.status).toBe(200);
    return (await res.json()) as Detail;
  };

  it('names the flow, the starter, who acts next, the timeline and the files the viewer may see', async () => {
    const started = (await (
      await t.call('POST', '/api/instances', { as: 'consultant', body: { workflowKey: 'expense' } })
    ).json()) as { id: string; tasks: { id: string }[] };
    const first = await detail(started.id, 'consultant');
    expect(first).toMatchObject({ workflowName: '费用报销', startedByName: '李娜' });
    expect(first.nextSteps).toHaveLength(1);
    expect(first.nextSteps[0]).toMatchObject({
      name: '经理审核',
      assignee: null,
      candidateRoles: [{ code: 'sales_manager', label: '销售经理' }],
    });
    const people = first.nextSteps[0]!.people.map((p) => p.name);
    expect(people).toContain('王强');
    expect(people).not.toContain('孙伟');

    const receipt = await upload('manager', '发票.png');
    const scan = await upload('manager', '扫描.png');
    const done = await t.call('POST', `/api/tasks/${started.tasks[0]!.id}/complete`, {
      as: 'manager',
      body: { outcome: 'approve', data: { attachments: [receipt], scan }, comment: '金额无误' },
    });
    expect(done.status).toBe(200);

    const after = await detail(started.id, 'consultant');
    expect(after.nextSteps.map((s) => s.name)).toEqual(['财务付款']);
    expect(after.nextSteps[0]!.people.map((p) => p.name)).toContain('张敏');
    expect(after.timeline).toContainEqual(
      expect.objectContaining({
        actorName: '王强',
        taskName: '经理审核',
        outcome: 'approve',
        comment: '金额无误',
      }),
    );
    // The scan sits in a field hidden from some step: only the group roles see it.
    expect(after.attachments.map((a) => [a.name, a.path])).toEqual([['发票.png', '/attachments/0']]);
    expect(after.attachments[0]).toMatchObject({ id: receipt, uploadedByName: '王强' });
    const gm = await detail(started.id, 'gm');
    expect(gm.attachments.map((a) => a.name).sort()).toEqual(['发票.png', '扫描.png']);
  });

  it('checks the files the start form names and lists them with the instance', async () => {
    const startForm = {
      key: 'claim-start',
      title: '报销申请',
      schema: { type: 'object', properties: { receipt: { type: 'string', title: '票据', format: 'uuid' } } },
      uiSchema: { receipt: { 'ui:widget': 'file' } },
    };
    expect((await t.call('POST', '/api/forms', { as: 'admin', body: startForm })).status).toBe(201);
    expect((await t.call('POST', '/api/forms/claim-start/publish', { as: 'admin' })).status).toBe(200);
    const flow = { ...FLOW, key: 'claim', name: '报销', startForm: 'claim-start' };
    expect((await t.call('POST', '/api/workflows', { as: 'admin', body: flow })).status).toBe(201);
    expect((await t.call('POST', '/api/workflows/claim/publish', { as: 'admin' })).status).toBe(200);

    const missing = await t.call('POST', '/api/instances', {
      as: 'consultant',
      body: { workflowKey: 'claim', input: { receipt: '7d3c4d3e-1b1a-4a8e-9d0c-000000000000' } },
    });
    expect(missing.status).toBe(422);
    const { error } = (await missing.json()) as { error: { details: { path: string }[] } };
    expect(error.details.map((d) => d.path)).toEqual(['/receipt']);

    const receipt = await upload('consultant', '出租车票.png');
    const res = await t.call('POST', '/api/instances', {
      as: 'consultant',
      body: { workflowKey: 'claim', input: { receipt } },
    });
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };
    const view = await detail(id, 'manager');
    expect(view.attachments.map((a) => [a.name, a.path])).toEqual([['出租车票.png', '/receipt']]);
  });
});
