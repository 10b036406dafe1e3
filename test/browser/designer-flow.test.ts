/**
 * The designer, driven in Chromium against the real server (issue "The designer", "How we will know"):
 * a finance check inserted in simple mode reaches the finance inbox once published; a required field
 * added in the form builder is shown and enforced by browser and server alike; the shipped tree-shaped
 * flows survive a trip through simple mode unchanged; a rename in graph mode shows in simple mode.
 */
import type { Browser, Page } from 'playwright-core';
import type { WorkflowDefinition } from '../../engine/types.ts';
import {
  type ApiClient,
  apiAs,
  approveTask,
  createOrder,
  expectStatus,
  theOpenTask,
} from './designer-api.ts';
import { type RunningApp, startApp } from './fixtures/app.ts';
import { buttonName, launchBrowser, loginAs, openPage, type UserPage } from './fixtures/browser.ts';
import { button, chooseOption, completeTask, pageTitle } from './fixtures/ui.ts';

interface DefinitionView {
  draft: WorkflowDefinition | null;
  published: WorkflowDefinition | null;
}

let app: RunningApp;
let browser: Browser;
let admin: ApiClient;
const pages: UserPage[] = [];

beforeAll(async () => {
  [app, browser] = await Promise.all([startApp(), launchBrowser()]);
  admin = await apiAs(app.url, 'admin');
});

afterAll(async () => {
  await Promise.all(pages.map((p) => p.context.close()));
  await browser?.close();
  await app?.stop();
});

/** A fresh page logged in as `username`; its uncaught script errors fail the test at the end. */
async function pageAs(username: string): Promise<UserPage> {
  const user = await openPage(browser, app.url);
  pages.push(user);
  await loginAs(user.page, username);
  return user;
}

async function definition(key: string): Promise<DefinitionView> {
  return expectStatus(await admin.get<DefinitionView>(`/api/workflows/${key}`), 200, `GET workflow ${key}`);
}

/** Opens the flow designer on `key` and waits for whichever canvas the flow gets. */
async function openFlow(page: Page, key: string): Promise<'simple' | 'graph'> {
  await page.goto(`/designer/workflows/${key}`);
  const canvas = page.getByTestId('simple-canvas').or(page.getByTestId('graph-canvas'));
  await canvas.first().waitFor();
  return (await page.getByTestId('simple-canvas').count()) > 0 ? 'simple' : 'graph';
}

/** Resolves when the designer's autosave PUT of the draft of `key` has answered. */
function nextDraftSave(page: Page, key: string): Promise<unknown> {
  return page.waitForResponse(
    (r) => r.request().method() === 'PUT' && r.url().endsWith(`/api/workflows/${key}/draft`),
  );
}

/** Clicks the mode switch's label (antd hides the radio input itself). */
async function switchMode(page: Page, mode: '简单模式' | '图模式'): Promise<void> {
  await page.getByRole('radio', { name: mode, exact: true }).locator('..').click();
}

function targetOf(transition: unknown): unknown {
  return typeof transition === 'object' && transition !== null
    ? (transition as { target?: unknown }).target
    : transition;
}

describe('the flow and form designer in a browser', () => {
  it('an admin inserts a finance check after the sales manager in simple mode, publishes it with a readable diff, and the next order reaches the finance inbox', async () => {
    const { page, errors } = await pageAs('admin');
    expect(await openFlow(page, 'order-approval')).toBe('simple');

    const managerCard = page.getByRole('button', { name: '审批人 销售经理审批', exact: true });
    await managerCard.locator('../..').getByRole('button', { name: '添加节点', exact: true }).click();
    await page.getByRole('menuitem', { name: '审批人', exact: true }).click();
    const panel = page.getByRole('region', { name: '审批人', exact: true });
    await panel.getByLabel('任务名称', { exact: true }).fill('财务审核');
    await chooseOption(page, '角色', '财务 (finance)');
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: '审批人 财务审核', exact: true }).waitFor();
    await page.getByRole('status').filter({ hasText: '草稿已保存' }).waitFor();

    await button(page, '发布').click();
    const dialog = page.getByRole('dialog', { name: '发布新版本' });
    await dialog.waitFor();
    // The summary says, in words, what this version adds and changes.
    const lines = dialog.getByRole('listitem');
    await lines
      .filter({ hasText: /新增 财务审核 \(\w+\)/ })
      .getByText('新增', { exact: true })
      .waitFor();
    await lines
      .filter({ hasText: /修改 销售经理审批 \(managerReview\)：.*流转/ })
      .getByText('修改', { exact: true })
      .waitFor();
    const confirm = dialog.getByRole('button', { name: buttonName('确认发布') });
    await expect.poll(() => confirm.isEnabled()).toBe(true);
    await confirm.click();
    await page.getByText(/^已发布版本 2$/).waitFor();

    const published = (await definition('order-approval')).published;
    const states = published?.machine.states ?? {};
    const [financeState, finance] =
      Object.entries(states).find(([, s]) => s.meta?.task?.name === '财务审核') ?? [];
    expect(finance?.meta?.task?.assignee.roles).toEqual(['finance']);
    expect(targetOf(states.managerReview?.on?.APPROVE)).toBe(financeState);

    const consultant = await apiAs(app.url, 'consultant');
    const manager = await apiAs(app.url, 'manager');
    const { orderNo, instanceId } = await createOrder(consultant);
    await approveTask(manager, (await theOpenTask(manager, instanceId)).id);

    const { page: financePage, errors: financeErrors } = await pageAs('finance');
    await financePage.goto('/inbox');
    await financePage.getByPlaceholder('搜索任务、单号').fill(orderNo);
    await financePage.getByPlaceholder('搜索任务、单号').press('Enter');
    await financePage.getByRole('tab', { name: /^待认领/ }).click();
    const row = financePage.getByRole('row').filter({ hasText: orderNo });
    await row.getByRole('link', { name: '财务审核', exact: true }).waitFor();
    expect([...errors, ...financeErrors]).toEqual([]);
  });

  it('an admin adds a required field in the form builder; a task opened afterwards shows it, and the browser and the server both refuse it empty', async () => {
    const { page, errors } = await pageAs('admin');
    await page.goto('/designer/forms/order-review');
    await page.getByRole('navigation', { name: '控件' }).getByRole('button', { name: '单行文本' }).click();
    await page.getByLabel('标题', { exact: true }).fill('复核意见');
    await page.getByRole('switch', { name: '必填' }).click();
    const field = page.getByRole('button', { name: '字段 复核意见', exact: true });
    await field.getByText('必填', { exact: true }).waitFor();
    await button(page, '发布').click();
    await page.getByText(/^已发布版本 \d+$/).waitFor();

    const form = expectStatus(
      await admin.get<{
        latestVersion: number;
        published: { schema: { properties: Record<string, { title?: string }>; required?: string[] } };
      }>('/api/forms/order-review'),
      200,
      'GET form',
    );
    const [name] =
      Object.entries(form.published.schema.properties).find(([, f]) => f.title === '复核意见') ?? [];
    expect(name).toBeDefined();
    expect(form.published.schema.required).toContain(name);

    // A task pins the form version it opened with: only an order placed now sees the new field.
    const consultant = await apiAs(app.url, 'consultant');
    const manager = await apiAs(app.url, 'manager');
    const { instanceId } = await createOrder(consultant);
    const task = await theOpenTask(manager, instanceId);
    expect(task).toMatchObject({ name: '销售经理审批', formVersion: form.latestVersion });

    const { page: managerPage, errors: managerErrors } = await pageAs('manager');
    const completions: string[] = [];
    managerPage.on('request', (r) => {
      if (r.method() === 'POST' && r.url().endsWith('/complete')) completions.push(r.url());
    });
    await managerPage.goto(`/tasks/${task.id}`);
    await pageTitle(managerPage, '销售经理审批').waitFor();
    const input = managerPage.getByLabel(/复核意见/);
    await input.waitFor();
    await button(managerPage, '同意').click();
    await managerPage.getByRole('alert').filter({ hasText: '请修正标出的字段后再提交' }).waitFor();
    await managerPage.locator('.ant-form-item-has-error').filter({ hasText: '复核意见' }).waitFor();
    expect(completions).toEqual([]);

    const refused = await manager.post<{ error: { details: { path: string }[] } }>(
      `/api/tasks/${task.id}/complete`,
      { outcome: 'approve', data: {}, comment: '' },
    );
    expect(refused.status).toBe(422);
    expect(refused.body.error.details.map((d) => d.path)).toContain(`/${name}`);

    await input.fill('价格合理，同意');
    await completeTask(managerPage, '同意');
    const done = await manager.get<{ status: string }>(`/api/tasks/${task.id}`);
    expect(done.body.status).toBe('completed');
    expect([...errors, ...managerErrors]).toEqual([]);
  });

  it('every shipped flow that opens in simple mode is saved back deep-equal after an edit made and undone by hand', async () => {
    const { page, errors } = await pageAs('admin');
    const list = expectStatus(
      await admin.get<{ items: { key: string }[] }>('/api/workflows?pageSize=500'),
      200,
      'GET workflows',
    );
    const fitting: string[] = [];
    for (const { key } of list.items) {
      const before = await definition(key);
      if ((await openFlow(page, key)) !== 'simple') continue;
      fitting.push(key);
      const original = before.draft ?? before.published;
      const taskCard = page
        .getByTestId('simple-canvas')
        .locator('[role="button"][aria-label^="审批人 "], [role="button"][aria-label^="办理人 "]')
        .first();
      await taskCard.click();
      const name = page.getByLabel('任务名称', { exact: true });
      const was = await name.inputValue();
      const saved = nextDraftSave(page, key);
      // Two edits through the tree model: the machine is rebuilt from the tree each time.
      await name.fill(`${was}（临时）`);
      await name.fill(was);
      await saved;
      expect((await definition(key)).draft, key).toEqual(original);
    }
    expect(fitting).toEqual(expect.arrayContaining(['order-approval', 'after-sales']));
    expect(errors).toEqual([]);
  });

  it('a task renamed in graph mode shows under its new name in simple mode', async () => {
    const { page, errors } = await pageAs('admin');
    expect(await openFlow(page, 'after-sales')).toBe('simple');
    await switchMode(page, '图模式');
    await page.getByTestId('graph-canvas').waitFor();
    await page.getByRole('region', { name: '状态 接车登记', exact: true }).click();
    const saved = nextDraftSave(page, 'after-sales');
    await page.getByLabel('任务名称', { exact: true }).fill('接车登记与环检');
    await page.getByRole('region', { name: '状态 接车登记与环检', exact: true }).waitFor();

    await switchMode(page, '简单模式');
    await page.getByRole('button', { name: '办理人 接车登记与环检', exact: true }).waitFor();
    await saved;
    const draft = (await definition('after-sales')).draft;
    expect(draft?.machine.states?.reception?.meta?.task?.name).toBe('接车登记与环检');
    expect(errors).toEqual([]);
  });

  it('a box dragged in graph mode is where it was put after a reload, beside the machine, and auto layout puts it back', async () => {
    const { page, errors } = await pageAs('admin');
    const key = 'delivery';
    const original = (await definition(key)).published;
    if ((await openFlow(page, key)) === 'simple') await switchMode(page, '图模式');
    // A top-level box: React Flow draws nested ones at their absolute position.
    const box = page.locator('.react-flow__node-state:not([data-id*="."])').first();
    await box.waitFor();
    const id = await box.getAttribute('data-id');
    const elkAt = await box.evaluate((el) => (el as HTMLElement).style.transform.replace(/\s/g, ''));

    const saved = nextDraftSave(page, key);
    const at = await box.boundingBox();
    if (!at || !id) throw new Error('no box to drag');
    await page.mouse.move(at.x + at.width / 2, at.y + at.height / 2);
    await page.mouse.down();
    await page.mouse.move(at.x + at.width / 2 + 60, at.y + at.height / 2 + 40, { steps: 8 });
    await page.mouse.up();
    await saved;
    const draft = (await definition(key)).draft as
      | (WorkflowDefinition & { layout?: { graph?: Record<string, { x: number; y: number }> } })
      | null;
    const stored = draft?.layout?.graph?.[id];
    expect(stored).toBeDefined();
    expect(draft?.machine).toEqual(original?.machine);

    await page.reload();
    if ((await openFlow(page, key)) === 'simple') await switchMode(page, '图模式');
    const again = page.locator(`.react-flow__node[data-id="${id}"]`);
    await again.waitFor();
    expect(await again.evaluate((el) => (el as HTMLElement).style.transform.replace(/\s/g, ''))).toBe(
      `translate(${stored?.x}px,${stored?.y}px)`,
    );

    const reset = nextDraftSave(page, key);
    await page.getByRole('button', { name: '自动布局' }).click();
    await reset;
    expect((await definition(key)).draft).toEqual(original);
    await expect
      .poll(() => again.evaluate((el) => (el as HTMLElement).style.transform.replace(/\s/g, '')))
      .toBe(elkAt);
    expect(errors).toEqual([]);
  });
});
