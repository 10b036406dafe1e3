import { DATABASES, type TestDatabase } from '../../test/fixtures/databases.ts';
import { createTestApp, TEST_WORKFLOW, type TestApp } from '../test-support.ts';

const pglite = DATABASES.find((d) => d.name === 'pglite')!;

const FORM = {
  key: 'leave-review',
  title: '审批意见',
  schema: { type: 'object', properties: { reviewComment: { type: 'string', title: '意见' } } },
  uiSchema: {},
};

describe('definitions and forms over HTTP', () => {
  let db: TestDatabase;
  let t: TestApp;

  beforeAll(async () => {
    db = await pglite.open();
    t = await createTestApp(db);
  });
  afterAll(() => db.close());

  it('validates a good definition with 200 { ok: true }', async () => {
    const res = await t.call('POST', '/api/workflows/validate', {
      as: 'admin',
      body: { definition: TEST_WORKFLOW },
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
  });

  it('answers 422 with paths for a definition with an unknown target', async () => {
    const broken = structuredClone(TEST_WORKFLOW);
    broken.machine.states!.review!.on = { APPROVE: 'nowhere', REJECT: 'rejected' };
    const res = await t.call('POST', '/api/workflows/validate', {
      as: 'admin',
      body: { definition: broken },
    });
    expect(res.status).toBe(422);
    const { error } = (await res.json()) as { error: { details: { path: string; message: string }[] } };
    expect(error.details.some((d) => d.path.includes('review'))).toBe(true);
  });

  it('answers 422 for a validate body without a definition', async () => {
    const res = await t.call('POST', '/api/workflows/validate', { as: 'admin', body: {} });
    expect(res.status).toBe(422);
    expect(await res.json()).toMatchObject({ error: { details: [{ path: '/definition' }] } });
  });

  it('saves a draft, publishes it as version 1 and lists it', async () => {
    const saved = await t.call('PUT', `/api/workflows/${TEST_WORKFLOW.key}/draft`, {
      as: 'admin',
      body: TEST_WORKFLOW,
    });
    expect(saved.status).toBe(200);
    expect(await saved.json()).toMatchObject({ key: TEST_WORKFLOW.key, hasDraft: true, problems: [] });
    const published = await t.call('POST', `/api/workflows/${TEST_WORKFLOW.key}/publish`, { as: 'admin' });
    expect(published.status).toBe(200);
    expect(await published.json()).toEqual({ version: 1 });
    const list = (await (await t.call('GET', '/api/workflows', { as: 'consultant' })).json()) as {
      items: { key: string; latestVersion: number }[];
      total: number;
    };
    expect(list.items).toContainEqual(expect.objectContaining({ key: TEST_WORKFLOW.key, latestVersion: 1 }));
    expect(list.total).toBe(list.items.length);
  });

  it('lists versions and returns one by number', async () => {
    const versions = (await (
      await t.call('GET', `/api/workflows/${TEST_WORKFLOW.key}/versions`, { as: 'admin' })
    ).json()) as {
      items: { version: number }[];
    };
    expect(versions.items.map((v) => v.version)).toContain(1);
    const one = await t.call('GET', `/api/workflows/${TEST_WORKFLOW.key}/versions/1`, { as: 'admin' });
    expect(await one.json()).toMatchObject({ version: 1, definition: { key: TEST_WORKFLOW.key } });
  });

  it('refuses a draft whose body key differs from the path', async () => {
    const res = await t.call('PUT', '/api/workflows/other-key/draft', { as: 'admin', body: TEST_WORKFLOW });
    expect(res.status).toBe(422);
    expect(await res.json()).toMatchObject({ error: { details: [{ path: '/key' }] } });
  });

  it('saves, publishes and reads a form', async () => {
    const saved = await t.call('PUT', `/api/forms/${FORM.key}/draft`, { as: 'admin', body: FORM });
    expect(saved.status).toBe(200);
    const published = await t.call('POST', `/api/forms/${FORM.key}/publish`, { as: 'admin' });
    expect(await published.json()).toEqual({ version: 1 });
    const view = await t.call('GET', `/api/forms/${FORM.key}`, { as: 'finance' });
    expect(await view.json()).toMatchObject({ key: FORM.key, latestVersion: 1, published: { version: 1 } });
    const version = await t.call('GET', `/api/forms/${FORM.key}/versions/1`, { as: 'finance' });
    expect(await version.json()).toMatchObject({ key: FORM.key, version: 1, title: FORM.title });
    const versions = (await (
      await t.call('GET', `/api/forms/${FORM.key}/versions`, { as: 'finance' })
    ).json()) as {
      total: number;
    };
    expect(versions.total).toBe(1);
  });

  it('answers 404 for an unknown form version', async () => {
    expect((await t.call('GET', `/api/forms/${FORM.key}/versions/7`, { as: 'admin' })).status).toBe(404);
  });
});
