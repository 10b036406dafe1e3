/**
 * The catalogue over HTTP (issue 9): creating, archiving, restoring and deleting flows and forms, who
 * changed them by name, and the flows a person may start with their start forms.
 */
import { DATABASES, type TestDatabase } from '../../test/fixtures/databases.ts';
import { createTestApp, type TestApp } from '../test-support.ts';

const START_FORM = {
  key: 'price-request',
  title: '特价申请',
  schema: {
    type: 'object',
    required: ['price', 'reason'],
    properties: {
      price: { type: 'integer', title: '申请价格', minimum: 1 },
      reason: { type: 'string', title: '理由', minLength: 2 },
    },
  },
  uiSchema: { 'ui:order': ['price', 'reason'] },
};

const flow = (key: string, extra: Record<string, unknown> = {}) => ({
  key,
  name: '特价车申请',
  category: '销售',
  icon: 'TagOutlined',
  starters: { roles: ['sales_consultant'] },
  machine: {
    id: 'priceCut',
    initial: 'review',
    states: {
      review: {
        meta: { task: { name: '经理审批', assignee: { roles: ['sales_manager'] }, outcomes: ['approve'] } },
        on: { APPROVE: 'done' },
      },
      done: { type: 'final' },
    },
  },
  ...extra,
});

interface Row {
  key: string;
  category?: string;
  icon?: string;
  archived: boolean;
  updatedByName: string | null;
  latestVersion: number | null;
}

describe.each(DATABASES)('the flow and form catalogue on $name', ({ open }) => {
  let db: TestDatabase;
  let t: TestApp;
  beforeAll(async () => {
    db = await open();
    t = await createTestApp(db);
  });
  afterAll(() => db.close());

  const ok = async (res: Response, status: number) => {
    if (res.status !== status) throw new Error(`${res.status} ${await res.text()}`);
    return res.status === 204 ? undefined : ((await res.json()) as Record<string, unknown>);
  };
  const listed = async (path: string, key: string) => {
    const page = (await ok(await t.call('GET', path, { as: 'admin' }), 200)) as { items: Row[] };
    return page.items.find((i) => i.key === key);
  };

  it('creates a flow from a document as a draft, once per key, with its catalogue fields', async () => {
    const created = await ok(
      await t.call('POST', '/api/workflows', { as: 'admin', body: flow('price-cut') }),
      201,
    );
    expect(created).toMatchObject({ key: 'price-cut', hasDraft: true, latestVersion: null, archived: false });
    expect(await listed('/api/workflows', 'price-cut')).toMatchObject({
      category: '销售',
      icon: 'TagOutlined',
      archived: false,
      updatedByName: '系统管理员',
    });
    expect((await t.call('POST', '/api/workflows', { as: 'admin', body: flow('price-cut') })).status).toBe(
      409,
    );
    expect((await t.call('POST', '/api/workflows', { as: 'manager', body: flow('other') })).status).toBe(403);
  });

  it.each(['Bad Key', 'bad_key', 'a'.repeat(65), '9-lives'])(
    'answers 422 with /key for the malformed key %s, flows and forms alike',
    async (key) => {
      for (const path of ['/api/workflows', '/api/forms']) {
        const body = path === '/api/forms' ? { ...START_FORM, key } : flow(key);
        const res = await t.call('POST', path, { as: 'admin', body });
        expect(res.status).toBe(422);
        const { error } = (await res.json()) as { error: { details: { path: string; message: string }[] } };
        expect(error.details).toContainEqual(
          expect.objectContaining({ path: '/key', message: expect.stringMatching(/lower-case letter/) }),
        );
      }
    },
  );

  it('lists a form with the category, icon and description of its latest saved document', async () => {
    const labels = { category: '金融', icon: 'BankOutlined', description: '贷款客户的资料' };
    const body = { ...START_FORM, key: 'loan-info', ...labels };
    await ok(await t.call('POST', '/api/forms', { as: 'admin', body }), 201);
    expect(await listed('/api/forms', 'loan-info')).toMatchObject(labels);
    await ok(await t.call('POST', '/api/forms/loan-info/publish', { as: 'admin' }), 200);
    await ok(
      await t.call('PUT', '/api/forms/loan-info/draft', {
        as: 'admin',
        body: { ...body, category: '财务', description: undefined },
      }),
      200,
    );
    const row = await listed('/api/forms', 'loan-info');
    expect(row).toMatchObject({ category: '财务', icon: 'BankOutlined' });
    expect(row).not.toHaveProperty('description');
    const v1 = await ok(await t.call('GET', '/api/forms/loan-info/versions/1', { as: 'admin' }), 200);
    expect(v1).toMatchObject(labels);

    const tooLong = await t.call('POST', '/api/forms', {
      as: 'admin',
      body: { ...START_FORM, key: 'long-category', category: '类'.repeat(51) },
    });
    expect(tooLong.status).toBe(422);
    const { error } = (await tooLong.json()) as { error: { details: { path: string }[] } };
    expect(error.details.map((d) => d.path)).toContain('/category');
  });

  it('deletes a never-published flow and refuses to delete a published one', async () => {
    await ok(await t.call('POST', '/api/workflows', { as: 'admin', body: flow('scratch') }), 201);
    expect((await t.call('DELETE', '/api/workflows/scratch', { as: 'manager' })).status).toBe(403);
    expect((await t.call('DELETE', '/api/workflows/scratch', { as: 'admin' })).status).toBe(204);
    expect((await t.call('GET', '/api/workflows/scratch', { as: 'admin' })).status).toBe(404);
    await ok(await t.call('POST', '/api/workflows/price-cut/publish', { as: 'admin' }), 200);
    expect((await t.call('DELETE', '/api/workflows/price-cut', { as: 'admin' })).status).toBe(409);
    expect((await t.call('DELETE', '/api/workflows/nothing-here', { as: 'admin' })).status).toBe(404);
  });

  it('names the publisher of each version', async () => {
    const versions = (await ok(
      await t.call('GET', '/api/workflows/price-cut/versions', { as: 'admin' }),
      200,
    )) as {
      items: { version: number; publishedByName: string }[];
    };
    expect(versions.items[0]).toMatchObject({ version: 1, publishedByName: '系统管理员' });
  });

  it('stops new starts of an archived flow while its running instances go on, until restored', async () => {
    const running = (await ok(
      await t.call('POST', '/api/instances', { as: 'consultant', body: { workflowKey: 'price-cut' } }),
      201,
    )) as { id: string; tasks: { id: string }[] };
    await ok(await t.call('POST', '/api/workflows/price-cut/archive', { as: 'admin' }), 200);
    expect(await listed('/api/workflows', 'price-cut')).toMatchObject({ archived: true });
    const start = await t.call('POST', '/api/instances', {
      as: 'consultant',
      body: { workflowKey: 'price-cut' },
    });
    expect(start.status).toBe(409);
    const startable = (await ok(
      await t.call('GET', '/api/workflows?startable=me', { as: 'consultant' }),
      200,
    )) as {
      items: { key: string }[];
    };
    expect(startable.items.map((i) => i.key)).not.toContain('price-cut');
    const done = await ok(
      await t.call('POST', `/api/tasks/${running.tasks[0]!.id}/complete`, {
        as: 'manager',
        body: { outcome: 'approve' },
      }),
      200,
    );
    expect(done).toMatchObject({ task: { status: 'completed' } });
    await ok(await t.call('POST', '/api/workflows/price-cut/restore', { as: 'admin' }), 200);
    await ok(
      await t.call('POST', '/api/instances', { as: 'consultant', body: { workflowKey: 'price-cut' } }),
      201,
    );
  });

  it('creates, archives and deletes forms; a publish may not newly reference an archived form', async () => {
    const created = await ok(await t.call('POST', '/api/forms', { as: 'admin', body: START_FORM }), 201);
    expect(created).toMatchObject({ key: 'price-request', hasDraft: true, archived: false });
    expect((await t.call('POST', '/api/forms', { as: 'admin', body: START_FORM })).status).toBe(409);
    await ok(await t.call('POST', '/api/forms/price-request/publish', { as: 'admin' }), 200);
    const versions = (await ok(
      await t.call('GET', '/api/forms/price-request/versions', { as: 'admin' }),
      200,
    )) as {
      items: { version: number; publishedByName: string }[];
    };
    expect(versions.items).toEqual([expect.objectContaining({ version: 1, publishedByName: '系统管理员' })]);
    expect((await t.call('DELETE', '/api/forms/price-request', { as: 'admin' })).status).toBe(409);
    await ok(
      await t.call('POST', '/api/forms', { as: 'admin', body: { ...START_FORM, key: 'tmp-form' } }),
      201,
    );
    expect((await t.call('DELETE', '/api/forms/tmp-form', { as: 'admin' })).status).toBe(204);

    await ok(await t.call('POST', '/api/forms/price-request/archive', { as: 'admin' }), 200);
    expect(await listed('/api/forms', 'price-request')).toMatchObject({
      archived: true,
      updatedByName: '系统管理员',
    });
    await ok(
      await t.call('POST', '/api/workflows', {
        as: 'admin',
        body: flow('price-cut-form', { startForm: 'price-request' }),
      }),
      201,
    );
    const refused = await t.call('POST', '/api/workflows/price-cut-form/publish', { as: 'admin' });
    expect(refused.status).toBe(422);
    await ok(await t.call('POST', '/api/forms/price-request/restore', { as: 'admin' }), 200);
    await ok(await t.call('POST', '/api/workflows/price-cut-form/publish', { as: 'admin' }), 200);
  });

  it('lists the flows a person may start, with the start form, and validates the input against it', async () => {
    const page = (await ok(
      await t.call('GET', '/api/workflows?startable=me', { as: 'consultant' }),
      200,
    )) as {
      items: {
        key: string;
        category?: string;
        version: number;
        startForm: { key: string; schema: unknown } | null;
      }[];
      total: number;
    };
    const entry = page.items.find((i) => i.key === 'price-cut-form');
    expect(entry).toMatchObject({
      category: '销售',
      version: 1,
      startForm: { key: 'price-request', version: 1, title: '特价申请', schema: START_FORM.schema },
    });
    expect(page.total).toBe(page.items.length);
    const finance = (await ok(
      await t.call('GET', '/api/workflows?startable=me', { as: 'finance' }),
      200,
    )) as {
      items: { key: string }[];
    };
    expect(finance.items.map((i) => i.key)).not.toContain('price-cut-form');

    const bad = await t.call('POST', '/api/instances', {
      as: 'consultant',
      body: { workflowKey: 'price-cut-form', input: { price: 0, extra: 1 } },
    });
    expect(bad.status).toBe(422);
    const { error } = (await bad.json()) as { error: { details: { path: string }[] } };
    expect(error.details.map((d) => d.path)).toContain('/extra');
    const missing = await t.call('POST', '/api/instances', {
      as: 'consultant',
      body: { workflowKey: 'price-cut-form', input: { price: 0 } },
    });
    const paths = ((await missing.json()) as { error: { details: { path: string }[] } }).error.details.map(
      (d) => d.path,
    );
    expect(paths.sort()).toEqual(['/price', '/reason']);
    const started = await ok(
      await t.call('POST', '/api/instances', {
        as: 'consultant',
        body: { workflowKey: 'price-cut-form', input: { price: 15_000_000, reason: '库存车' } },
      }),
      201,
    );
    expect(started).toMatchObject({ storeId: 'BJ01', context: { price: 15_000_000, reason: '库存车' } });
  });
});
