/**
 * Forms that are really JSON Schema (issue 9 point 5), over HTTP on both databases: broken forms are
 * refused at save and at publish with JSON-pointer paths; forms using `$ref`, `oneOf`, `anyOf`, `allOf`,
 * `if`/`then`/`else`, `dependencies` and `additionalProperties` accept their valid data and refuse the
 * invalid with the field's path, never a 500; form and flow documents come back in their key order.
 */
import { forms } from '../../engine/store/schema.ts';
import type { WorkflowDefinition } from '../../engine/types.ts';
import type { FormDefinition, JSONSchema, UISchema } from '../../forms/types.ts';
import { DATABASES, type TestDatabase } from '../../test/fixtures/databases.ts';
import { createTestApp, type TestApp } from '../test-support.ts';

interface ErrorBody {
  error: { code: string; details?: { path: string; message: string }[] };
}

const form = (key: string, schema: JSONSchema, uiSchema: UISchema = {}): FormDefinition => ({
  key,
  title: key,
  schema: { type: 'object', ...schema },
  uiSchema,
});

/** Broken form documents and the path each must be refused at. */
const BROKEN: { name: string; form: FormDefinition; path: string }[] = [
  {
    name: 'a type that does not exist',
    form: form('bad-type', { properties: { name: { type: 'strin' } } }),
    path: '/schema/properties/name/type',
  },
  {
    name: 'a $ref to a missing definition',
    form: form('bad-ref', { properties: { address: { $ref: '#/definitions/nope' } } }),
    path: '/schema/properties/address/$ref',
  },
  {
    name: 'a $ref outside the form',
    form: form('far-ref', { properties: { address: { $ref: 'https://example.com/address.json' } } }),
    path: '/schema/properties/address/$ref',
  },
  {
    name: 'an unknown format',
    form: form('bad-format', { properties: { m: { type: 'string', format: 'moblie' } } }),
    path: '/schema/properties/m/format',
  },
  {
    name: 'an unknown format in a branch',
    form: form('bad-branch-format', {
      properties: { a: { type: 'string' } },
      dependencies: { a: { properties: { b: { type: 'string', format: 'vim' } } } },
    }),
    path: '/schema/dependencies/a/properties/b/format',
  },
  {
    name: 'required that is not a list',
    form: form('bad-required', { properties: { a: { type: 'string' } }, required: 'a' }),
    path: '/schema/required',
  },
  {
    name: 'a pattern that is no regular expression',
    form: form('bad-pattern', { properties: { a: { type: 'string', pattern: '([' } } }),
    path: '/schema/properties/a/pattern',
  },
  {
    name: 'ui:order naming a field that does not exist',
    form: form('bad-order', { properties: { a: { type: 'string' } } }, { 'ui:order': ['a', 'zzz'] }),
    path: '/uiSchema/ui:order/1',
  },
  {
    name: 'ui:order with two "*"',
    form: form('two-stars', { properties: { a: { type: 'string' } } }, { 'ui:order': ['*', 'a', '*'] }),
    path: '/uiSchema/ui:order/2',
  },
  {
    name: 'ui:order without "*" missing a conditional field',
    form: form(
      'order-missing-branch',
      {
        properties: { payer: { type: 'string', enum: ['self', 'claim'] } },
        if: { properties: { payer: { const: 'self' } } },
        // biome-ignore lint/suspicious/noThenProperty: the JSON Schema keyword
        then: { properties: { method: { type: 'string' } } },
      },
      { 'ui:order': ['payer'] },
    ),
    path: '/uiSchema/ui:order',
  },
  {
    name: 'an unknown widget',
    form: form('bad-widget', { properties: { a: { type: 'string' } } }, { a: { 'ui:widget': 'sliderz' } }),
    path: '/uiSchema/a/ui:widget',
  },
  {
    name: 'a UI entry for a field that does not exist',
    form: form('bad-ui-field', { properties: { a: { type: 'string' } } }, { b: { 'ui:widget': 'textarea' } }),
    path: '/uiSchema/b',
  },
  {
    name: 'a draft other than draft-07',
    form: form('bad-draft', {
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      properties: { a: { type: 'string' } },
    }),
    path: '/schema/$schema',
  },
];

const UUID = '0b6f3b5e-8d4c-4a6e-9f7e-2c1d0e9a8b7c';

/** Forms using every composition keyword, with data they accept and data they refuse (with its path). */
const KEYWORDS: {
  name: string;
  form: FormDefinition;
  valid: Record<string, unknown>[];
  invalid: { data: Record<string, unknown>; path: string }[];
}[] = [
  {
    name: '$ref / definitions',
    form: form('kw-ref', {
      definitions: {
        address: {
          type: 'object',
          properties: {
            city: { type: 'string', title: '城市', minLength: 1 },
            mobile: { type: 'string', title: '电话', format: 'mobile' },
          },
          required: ['city'],
        },
      },
      properties: { home: { $ref: '#/definitions/address' }, work: { $ref: '#/definitions/address' } },
    }),
    valid: [{ home: { city: '上海', mobile: '13800138000' } }, { work: { city: '北京' } }],
    invalid: [
      { data: { home: { mobile: '13800138000' } }, path: '/home/city' },
      { data: { work: { city: '北京', mobile: '123' } }, path: '/work/mobile' },
    ],
  },
  {
    name: 'oneOf',
    form: form('kw-oneof', {
      properties: { kind: { type: 'string', enum: ['person', 'company'] } },
      required: ['kind'],
      oneOf: [
        {
          properties: { kind: { const: 'person' }, idNo: { type: 'string', format: 'cn-id' } },
          required: ['idNo'],
        },
        {
          properties: {
            kind: { const: 'company' },
            creditCode: { type: 'string', minLength: 18, maxLength: 18 },
          },
          required: ['creditCode'],
        },
      ],
    }),
    valid: [
      { kind: 'person', idNo: '11010519491231002X' },
      { kind: 'company', creditCode: '91310000MA1FL0000X' },
    ],
    invalid: [
      { data: { kind: 'person', idNo: '110105194912310021' }, path: '/idNo' },
      { data: { kind: 'company', creditCode: 'short' }, path: '/creditCode' },
    ],
  },
  {
    name: 'anyOf',
    form: form('kw-anyof', {
      properties: { mobile: { type: 'string', format: 'mobile' } },
      anyOf: [
        { required: ['mobile'] },
        { properties: { email: { type: 'string', format: 'email' } }, required: ['email'] },
      ],
    }),
    valid: [{ mobile: '13800138000' }, { email: 'a@example.com' }],
    invalid: [
      { data: {}, path: '/mobile' },
      { data: { email: 'not-an-email' }, path: '/email' },
    ],
  },
  {
    name: 'allOf',
    form: form('kw-allof', {
      properties: { amount: { type: 'integer', minimum: 0 } },
      allOf: [{ properties: { note: { type: 'string', maxLength: 5 } } }, { required: ['amount'] }],
    }),
    valid: [{ amount: 10, note: '好的' }],
    invalid: [
      { data: { amount: 10, note: '太长太长太长的意见' }, path: '/note' },
      { data: { note: 'ok' }, path: '/amount' },
    ],
  },
  {
    name: 'if / then / else',
    form: form('kw-if', {
      properties: { payer: { type: 'string', enum: ['self', 'claim'] } },
      required: ['payer'],
      if: { properties: { payer: { const: 'claim' } } },
      // biome-ignore lint/suspicious/noThenProperty: the JSON Schema keyword
      then: { properties: { claimNo: { type: 'string', pattern: '^CL\\d+$' } }, required: ['claimNo'] },
      else: { properties: { method: { type: 'string', enum: ['cash', 'card'] } }, required: ['method'] },
    }),
    valid: [
      { payer: 'claim', claimNo: 'CL42' },
      { payer: 'self', method: 'cash' },
    ],
    invalid: [
      { data: { payer: 'claim', claimNo: 'x' }, path: '/claimNo' },
      { data: { payer: 'self' }, path: '/method' },
      { data: { payer: 'self', method: 'cheque' }, path: '/method' },
    ],
  },
  {
    name: 'dependencies (schema and property)',
    form: form('kw-deps', {
      properties: { invoice: { type: 'boolean' }, plate: { type: 'string' }, plateCity: { type: 'string' } },
      dependencies: {
        invoice: { properties: { taxNo: { type: 'string', minLength: 15 } }, required: ['taxNo'] },
        plate: ['plateCity'],
      },
    }),
    valid: [{ invoice: true, taxNo: '913100000000000' }, { plate: '沪A12345', plateCity: '上海' }, {}],
    invalid: [
      { data: { invoice: true }, path: '/taxNo' },
      { data: { invoice: true, taxNo: '1' }, path: '/taxNo' },
      { data: { plate: '沪A12345' }, path: '/plateCity' },
    ],
  },
  {
    name: 'additionalProperties as a schema',
    form: form('kw-extra', {
      properties: { name: { type: 'string' } },
      additionalProperties: { type: 'integer' },
    }),
    valid: [{ name: '甲', bonus: 3 }],
    invalid: [{ data: { name: '甲', bonus: 'x' }, path: '/bonus' }],
  },
  {
    name: 'additionalProperties false',
    form: form('kw-closed', { properties: { name: { type: 'string' } }, additionalProperties: false }),
    valid: [{ name: '甲' }],
    invalid: [{ data: { name: '甲', bonus: 1 }, path: '/bonus' }],
  },
  {
    name: 'formats, and a file reference in a branch',
    form: form(
      'kw-formats',
      {
        properties: {
          mobile: { type: 'string', format: 'mobile' },
          vin: { type: 'string', format: 'vin' },
          day: { type: 'string', format: 'date' },
          withFile: { type: 'boolean' },
        },
        if: { properties: { withFile: { const: true } }, required: ['withFile'] },
        // biome-ignore lint/suspicious/noThenProperty: the JSON Schema keyword
        then: { properties: { attachment: { type: 'string' } } },
      },
      { attachment: { 'ui:widget': 'file' } },
    ),
    valid: [{ mobile: '13800138000', vin: 'LFV2A21KXP3000123', day: '2026-12-05' }],
    invalid: [
      { data: { mobile: '12345' }, path: '/mobile' },
      { data: { vin: 'LSVNV2182E2100002' }, path: '/vin' },
      { data: { day: '2026-12-5' }, path: '/day' },
      { data: { withFile: true, attachment: 'not-a-file-id' }, path: '/attachment' },
      { data: { withFile: true, attachment: UUID }, path: '/attachment' },
    ],
  },
];

/** One step filling `formKey`; `fields` are the step's permissions. */
function flowFor(formKey: string, fields?: Record<string, string>): WorkflowDefinition {
  return {
    key: `flow-${formKey}`,
    name: `流程 ${formKey}`,
    machine: {
      id: `flow_${formKey.replaceAll('-', '_')}`,
      initial: 'fill',
      context: {},
      states: {
        fill: {
          meta: {
            task: {
              name: '填写',
              form: formKey,
              assignee: { roles: ['sales_manager'] },
              outcomes: ['approve'],
              ...(fields ? { fields } : {}),
            },
          },
          on: { APPROVE: 'done' },
        },
        done: { type: 'final' },
      },
    },
  } as WorkflowDefinition;
}

/** A 30-field form whose field order is not alphabetical (nor the order of its enum, nor its keywords). */
function bigForm(): FormDefinition {
  const properties: Record<string, JSONSchema> = {};
  const names = Array.from(
    { length: 30 },
    (_, i) => `f${String((i * 17) % 30).padStart(2, '0')}_${'zyxwvu'[i % 6]}`,
  );
  for (const [i, name] of names.entries()) {
    properties[name] = { type: 'string', title: `字段${30 - i}`, enum: ['z', 'a', 'm'], description: 'd' };
  }
  return {
    title: '三十个字段',
    key: 'big-form',
    uiSchema: { 'ui:order': [...names].reverse(), zzz: undefined } as UISchema,
    schema: { type: 'object', required: [names[3]!, names[0]!], properties },
    description: '顺序',
  };
}

/** A 12-state flow whose state order is not alphabetical. */
function bigFlow(): WorkflowDefinition {
  const states = [
    'zeta',
    'alpha',
    'mu',
    'beta',
    'omega',
    'kappa',
    'delta',
    'yankee',
    'charlie',
    'xray',
    'echo',
  ];
  const machineStates: Record<string, unknown> = {};
  states.forEach((state, i) => {
    machineStates[state] = { on: { NEXT: states[i + 1] ?? 'finished' }, description: `第${i + 1}步` };
  });
  machineStates.finished = { type: 'final' };
  return {
    name: '十二个状态',
    key: 'big-flow',
    machine: { initial: 'zeta', id: 'bigFlow', states: machineStates },
  } as unknown as WorkflowDefinition;
}

describe.each(DATABASES)('forms that are really JSON Schema on $name', ({ open }) => {
  let db: TestDatabase;
  let t: TestApp;

  beforeAll(async () => {
    db = await open();
    t = await createTestApp(db);
  });
  afterAll(() => db.close());

  async function errorOf(res: Response, status = 422): Promise<ErrorBody['error']> {
    const text = await res.text();
    expect(res.status, text).toBe(status);
    return (JSON.parse(text) as ErrorBody).error;
  }

  async function publish(path: string, body: unknown): Promise<void> {
    const saved = await t.call('PUT', `${path}/draft`, { as: 'admin', body });
    expect(saved.status, await saved.clone().text()).toBe(200);
    const published = await t.call('POST', `${path}/publish`, { as: 'admin' });
    expect(published.status, await published.clone().text()).toBe(200);
  }

  it.each(BROKEN)('refuses $name at save and at publish with its path', async ({ form: broken, path }) => {
    const saved = await errorOf(
      await t.call('PUT', `/api/forms/${broken.key}/draft`, { as: 'admin', body: broken }),
    );
    expect(saved.details?.map((d) => d.path)).toContain(path);
    // A draft stored before these checks existed is refused at publish.
    await db.database.db
      .insert(forms)
      .values({ key: broken.key, title: broken.title, draft: broken as never });
    const published = await errorOf(
      await t.call('POST', `/api/forms/${broken.key}/publish`, { as: 'admin' }),
    );
    expect(published.details?.map((d) => d.path)).toContain(path);
    const view = (await (await t.call('GET', `/api/forms/${broken.key}`, { as: 'admin' })).json()) as {
      latestVersion: number | null;
    };
    expect(view.latestVersion).toBeNull();
  });

  it.each(KEYWORDS)('$name: valid data is accepted, invalid refused with its path', async (c) => {
    await publish(`/api/forms/${c.form.key}`, c.form);
    const flow = flowFor(c.form.key);
    await publish(`/api/workflows/${flow.key}`, flow);
    const start = async (): Promise<string> => {
      const res = await t.call('POST', '/api/instances', {
        as: 'consultant',
        body: { workflowKey: flow.key, input: {} },
      });
      expect(res.status, await res.clone().text()).toBe(201);
      return ((await res.json()) as { tasks: { id: string }[] }).tasks[0]!.id;
    };
    const complete = (taskId: string, data: unknown) =>
      t.call('POST', `/api/tasks/${taskId}/complete`, { as: 'manager', body: { outcome: 'approve', data } });
    const first = await start();
    for (const { data, path } of c.invalid) {
      const error = await errorOf(await complete(first, data));
      expect(
        error.details?.map((d) => d.path),
        JSON.stringify(data),
      ).toContain(path);
    }
    for (const [i, data] of c.valid.entries()) {
      const taskId = i === 0 ? first : await start();
      const res = await complete(taskId, data);
      expect(res.status, `${JSON.stringify(data)}: ${await res.clone().text()}`).toBe(200);
    }
  });

  it('projects and checks permissions on fields that live in branches', async () => {
    const conditional = form('kw-perm', {
      properties: { payer: { type: 'string', enum: ['self', 'claim'] }, cost: { type: 'integer' } },
      if: { properties: { payer: { const: 'claim' } } },
      // biome-ignore lint/suspicious/noThenProperty: the JSON Schema keyword
      then: { properties: { claimNo: { type: 'string' }, secret: { type: 'string' } } },
      else: { properties: { method: { type: 'string' } } },
    });
    await publish(`/api/forms/${conditional.key}`, conditional);
    const flow = flowFor(conditional.key, { secret: 'hidden', claimNo: 'readonly', method: 'required' });
    await publish(`/api/workflows/${flow.key}`, flow);
    const started = await t.call('POST', '/api/instances', {
      as: 'consultant',
      body: { workflowKey: flow.key, input: { payer: 'claim', claimNo: 'CL1', secret: '内部' } },
    });
    expect(started.status, await started.clone().text()).toBe(201);
    const taskId = ((await started.json()) as { tasks: { id: string }[] }).tasks[0]!.id;
    const task = await t.call('GET', `/api/tasks/${taskId}`, { as: 'manager' });
    const text = await task.text();
    expect(task.status, text).toBe(200);
    expect(text).not.toContain('内部');
    const body = JSON.parse(text) as { form: { schema: JSONSchema } };
    expect(JSON.stringify(body.form)).not.toContain('secret');
    expect(body.form.schema.then.properties.claimNo.readOnly).toBe(true);
    expect(body.form.schema.else.required).toEqual(['method']);
    const complete = (data: unknown) =>
      t.call('POST', `/api/tasks/${taskId}/complete`, { as: 'manager', body: { outcome: 'approve', data } });
    expect((await errorOf(await complete({ payer: 'claim', claimNo: 'CL2' }))).details?.[0]?.path).toBe(
      '/claimNo',
    );
    expect((await errorOf(await complete({ payer: 'claim', secret: 'x' }))).details?.[0]?.path).toBe(
      '/secret',
    );
    expect((await errorOf(await complete({ payer: 'self' }))).details?.map((d) => d.path)).toContain(
      '/method',
    );
    const done = await complete({ payer: 'claim', claimNo: 'CL1' });
    expect(done.status, await done.clone().text()).toBe(200);
  });

  it('answers 422, not 500, for data sent to a broken form published before the checks', async () => {
    const broken = form('legacy-broken', { properties: { name: { type: 'strin' } } });
    await db.database.db.insert(forms).values({ key: broken.key, title: broken.title, latestVersion: 1 });
    const { formVersions } = await import('../../engine/store/schema.ts');
    await db.database.db.insert(formVersions).values({
      key: broken.key,
      version: 1,
      title: broken.title,
      schema: broken.schema,
      uiSchema: {},
      definition: broken as never,
    });
    const flow = flowFor(broken.key);
    await publish(`/api/workflows/${flow.key}`, flow);
    const started = await t.call('POST', '/api/instances', {
      as: 'consultant',
      body: { workflowKey: flow.key, input: {} },
    });
    const taskId = ((await started.json()) as { tasks: { id: string }[] }).tasks[0]!.id;
    const res = await t.call('POST', `/api/tasks/${taskId}/complete`, {
      as: 'manager',
      body: { outcome: 'approve', data: { name: 'x' } },
    });
    expect(res.status, await res.clone().text()).toBe(422);
  });

  it('gives a 30-field form back byte for byte in its key order, as draft and as version', async () => {
    const big = bigForm();
    const sent = JSON.parse(JSON.stringify(big)) as FormDefinition;
    const saved = await t.call('PUT', `/api/forms/${big.key}/draft`, { as: 'admin', body: sent });
    expect(saved.status, await saved.clone().text()).toBe(200);
    const view = (await (await t.call('GET', `/api/forms/${big.key}`, { as: 'admin' })).json()) as {
      draft: FormDefinition;
    };
    expect(JSON.stringify(view.draft)).toBe(JSON.stringify(sent));
    expect((await t.call('POST', `/api/forms/${big.key}/publish`, { as: 'admin' })).status).toBe(200);
    const version = (await (
      await t.call('GET', `/api/forms/${big.key}/versions/1`, { as: 'admin' })
    ).json()) as FormDefinition & { version?: number };
    delete version.version;
    expect(JSON.stringify(version)).toBe(JSON.stringify(sent));
    expect(Object.keys(version.schema.properties)).toEqual(Object.keys(sent.schema.properties));
  });

  it('gives a 12-state flow back byte for byte in its key order, as draft and as version', async () => {
    const flow = bigFlow();
    const saved = await t.call('PUT', `/api/workflows/${flow.key}/draft`, { as: 'admin', body: flow });
    expect(saved.status, await saved.clone().text()).toBe(200);
    const view = (await (await t.call('GET', `/api/workflows/${flow.key}`, { as: 'admin' })).json()) as {
      draft: WorkflowDefinition;
    };
    expect(JSON.stringify(view.draft)).toBe(JSON.stringify(flow));
    expect((await t.call('POST', `/api/workflows/${flow.key}/publish`, { as: 'admin' })).status).toBe(200);
    const version = (await (
      await t.call('GET', `/api/workflows/${flow.key}/versions/1`, { as: 'admin' })
    ).json()) as {
      definition: WorkflowDefinition;
    };
    expect(JSON.stringify(version.definition)).toBe(JSON.stringify(flow));
  });

  it('refuses a form or a flow holding U+0000 with its path, never a database error', async () => {
    const withNul = form('nul-form', { properties: { a: { type: 'string', title: 'a\u0000b' } } });
    const refused = await errorOf(
      await t.call('PUT', `/api/forms/${withNul.key}/draft`, { as: 'admin', body: withNul }),
    );
    expect(refused.details).toEqual([{ path: '/schema/properties/a/title', message: expect.any(String) }]);
    const flow = { ...flowFor('nul-form'), description: 'x\u0000' };
    const flowRefused = await errorOf(
      await t.call('PUT', `/api/workflows/${flow.key}/draft`, { as: 'admin', body: flow }),
    );
    expect(flowRefused.details?.[0]?.path).toBe('/description');
  });
});
