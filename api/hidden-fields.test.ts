import { DATABASES, type TestDatabase } from '../test/fixtures/databases.ts';
import { approvalFlow, REVIEW_FORM } from '../test/fixtures/flows.ts';
import { hiddenFieldsOf } from './redact.ts';
import { createTestApp, type TestApp } from './test-support.ts';

const SECRET = '成本价-8848';

describe.each(DATABASES)('hidden fields on $name', ({ open }) => {
  let db: TestDatabase;
  let t: TestApp;

  beforeAll(async () => {
    db = await open();
    t = await createTestApp(db);
    for (const [path, body] of [
      [`/api/forms/${REVIEW_FORM.key}`, REVIEW_FORM],
      ['/api/workflows/approval', approvalFlow()],
    ] as const) {
      expect((await t.call('PUT', `${path}/draft`, { as: 'admin', body })).status).toBe(200);
      expect((await t.call('POST', `${path}/publish`, { as: 'admin' })).status).toBe(200);
    }
  });
  afterAll(() => db.close());

  it('lists the fields a definition hides from some step', () => {
    expect(hiddenFieldsOf(approvalFlow())).toEqual(['secret']);
  });

  it('never sends a field hidden from the step to the people doing it, in any response', async () => {
    const bodies: string[] = [];
    const keep = async (res: Response, status: number) => {
      expect(res.status).toBe(status);
      const text = await res.text();
      bodies.push(text);
      return JSON.parse(text) as { id: string; tasks: { id: string }[] };
    };
    const started = await keep(
      await t.call('POST', '/api/instances', {
        as: 'consultant',
        body: { workflowKey: 'approval', input: { amount: 5000, secret: SECRET } },
      }),
      201,
    );
    const taskId = started.tasks[0]!.id;
    await keep(await t.call('GET', `/api/instances/${started.id}`, { as: 'manager' }), 200);
    await keep(await t.call('GET', `/api/tasks/${taskId}`, { as: 'manager' }), 200);
    await keep(await t.call('GET', '/api/tasks?scope=candidate', { as: 'manager' }), 200);
    await keep(
      await t.call('POST', `/api/tasks/${taskId}/complete`, {
        as: 'manager',
        body: { outcome: 'approve', data: { note: '同意' } },
      }),
      200,
    );
    await keep(await t.call('GET', `/api/instances/${started.id}`, { as: 'consultant' }), 200);
    for (const body of bodies) expect(body).not.toContain(SECRET);

    // The group roles, who configure and oversee the flow, still see the whole context.
    const full = await t.call('GET', `/api/instances/${started.id}`, { as: 'admin' });
    expect(await full.text()).toContain(SECRET);
  });
});
