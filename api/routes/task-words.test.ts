/**
 * A task in the caller's language and the people it may go to: task names, the flow's name (in the
 * lists and on the task's own page) and the timeline follow `Accept-Language` through the definition's
 * `i18n`; the system is 系统 / System; a Chinese caller gets no English error sentence;
 * `GET /api/users?taskId=` lists only the people the server lets the task go to (转交 / 委托 / 加签).
 */
import type { WorkflowDefinition } from '../../engine/types.ts';
import { DATABASES, type TestDatabase } from '../../test/fixtures/databases.ts';
import { createTestApp, TEST_WORKFLOW, type TestApp } from '../test-support.ts';

const FLOW: WorkflowDefinition = {
  ...TEST_WORKFLOW,
  key: 'words-approval',
  i18n: { en: { 测试审批: 'Test approval', 经理审批: 'Manager review' } },
};

interface User {
  id: string;
  username: string;
  storeId: string | null;
}

describe.each(DATABASES)('task words and people in reach on $name', ({ open }) => {
  let db: TestDatabase;
  let t: TestApp;
  let taskId = '';
  let instanceId = '';
  const en = { 'accept-language': 'en-US,en;q=0.9' };
  const zh = { 'accept-language': 'zh-CN,zh;q=0.9' };

  beforeAll(async () => {
    db = await open();
    t = await createTestApp(db);
    expect(
      (await t.call('PUT', `/api/workflows/${FLOW.key}/draft`, { as: 'admin', body: FLOW })).status,
    ).toBe(200);
    expect((await t.call('POST', `/api/workflows/${FLOW.key}/publish`, { as: 'admin' })).status).toBe(200);
    const res = await t.call('POST', '/api/instances', { as: 'consultant', body: { workflowKey: FLOW.key } });
    expect(res.status).toBe(201);
    const instance = (await res.json()) as { id: string; tasks: { id: string; status: string }[] };
    instanceId = instance.id;
    taskId = instance.tasks.find((x) => x.status === 'open')!.id;
  });
  afterAll(() => db?.close());

  const json = async <T>(res: Response): Promise<T> => {
    expect(res.status).toBe(200);
    return (await res.json()) as T;
  };

  it('names the task and its flow in the asked language, as written when Chinese is asked', async () => {
    type Page = { items: { id: string; name: string; workflowName: string }[] };
    const inbox = (headers: Record<string, string>) =>
      t.call('GET', `/api/tasks?scope=candidate&workflowKey=${FLOW.key}`, { as: 'manager', headers });
    expect((await json<Page>(await inbox(en))).items).toEqual([
      expect.objectContaining({ id: taskId, name: 'Manager review', workflowName: 'Test approval' }),
    ]);
    expect((await json<Page>(await inbox(zh))).items[0]).toMatchObject({
      name: '经理审批',
      workflowName: '测试审批',
    });
    // The task's own page names its flow too: a flow an admin drew has no key in the browser's catalogue.
    const task = (headers: Record<string, string>) =>
      t.call('GET', `/api/tasks/${taskId}`, { as: 'manager', headers });
    expect(await json(await task(en))).toMatchObject({
      name: 'Manager review',
      workflowName: 'Test approval',
    });
    expect(await json(await task(zh))).toMatchObject({ name: '经理审批', workflowName: '测试审批' });
  });

  it('words the instance page in the asked language: flow, next step, tasks', async () => {
    type Detail = { workflowName: string; nextSteps: { name: string }[]; tasks: { name: string }[] };
    const detail = await json<Detail>(
      await t.call('GET', `/api/instances/${instanceId}`, { as: 'consultant', headers: en }),
    );
    expect(detail.workflowName).toBe('Test approval');
    expect(detail.nextSteps.map((s) => s.name)).toEqual(['Manager review']);
    expect(detail.tasks.map((s) => s.name)).toEqual(['Manager review']);
    type Summaries = { items: { id: string; workflowName: string; openTasks: { name: string }[] }[] };
    const mine = await json<Summaries>(
      await t.call('GET', '/api/instances', { as: 'consultant', headers: en }),
    );
    expect(mine.items.find((i) => i.id === instanceId)).toMatchObject({
      workflowName: 'Test approval',
      openTasks: [{ name: 'Manager review' }],
    });
  });

  it('tells a Chinese caller what went wrong in Chinese, an English caller in English', async () => {
    const refused = (headers: Record<string, string>) =>
      t.call('GET', `/api/tasks/${taskId}`, { as: 'consultant_sh', headers });
    const zhBody = (await (await refused(zh)).json()) as { error: { message: string } };
    expect(zhBody.error.message).toMatch(/[\u4e00-\u9fff]/);
    expect(zhBody.error.message).not.toMatch(/[A-Za-z]{3,}/);
    const enBody = (await (await refused(en)).json()) as { error: { message: string } };
    expect(enBody.error.message).toMatch(/^[\x20-\x7e’]+$/);
  });

  it('lists only the people the task may go to: its store and group users', async () => {
    const all = await json<{ items: User[] }>(await t.call('GET', '/api/users?limit=500', { as: 'manager' }));
    expect(all.items.some((u) => u.storeId === 'SH01')).toBe(true);
    const reach = await json<{ items: User[] }>(
      await t.call('GET', `/api/users?limit=500&taskId=${taskId}`, { as: 'manager' }),
    );
    expect(reach.items.length).toBeGreaterThan(0);
    expect(reach.items.every((u) => u.storeId === null || u.storeId === 'BJ01')).toBe(true);
    expect(reach.items.map((u) => u.username)).toEqual(
      expect.arrayContaining(['gm', 'manager', 'consultant2']),
    );
    // What the list leaves out the server refuses, and what it offers the server takes.
    const outsider = all.items.find((u) => u.username === 'manager_sh')!;
    const refused = await t.call('POST', `/api/tasks/${taskId}/transfer`, {
      as: 'manager',
      body: { to: outsider.id },
    });
    expect(refused.status).toBe(422);
    expect(
      ((await refused.json()) as { error: { details: { path: string }[] } }).error.details[0]?.path,
    ).toBe('/to');
    const colleague = reach.items.find((u) => u.username === 'consultant2')!;
    const moved = await t.call('POST', `/api/tasks/${taskId}/transfer`, {
      as: 'manager',
      body: { to: colleague.id },
    });
    expect(moved.status).toBe(200);
  });

  it('answers 404 for a task that does not exist and 422 for one that is not an id', async () => {
    const missing = '00000000-0000-4000-8000-000000000000';
    expect((await t.call('GET', `/api/users?taskId=${missing}`, { as: 'manager' })).status).toBe(404);
    expect((await t.call('GET', '/api/users?taskId=nope', { as: 'manager' })).status).toBe(422);
  });
});
