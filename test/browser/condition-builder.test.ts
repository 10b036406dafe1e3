/**
 * The no-code condition builder in Chromium against the real server: an admin adds a condition branch
 * to a shipped flow, builds "成交价 小于 指导价" from the field labels of the flow's forms, sees it in
 * words on the canvas, and the draft stores it as CEL; the simulation starts from a rendered form.
 */
import type { Browser, Page } from 'playwright-core';
import type { WorkflowDefinition } from '../../engine/types.ts';
import { type RunningApp, startApp } from './fixtures/app.ts';
import { buttonName, launchBrowser, loginAs, openPage, type UserPage } from './fixtures/browser.ts';

let app: RunningApp;
let browser: Browser;
let user: UserPage;

beforeAll(async () => {
  [app, browser] = await Promise.all([startApp(), launchBrowser()]);
  user = await openPage(browser, app.url);
  await loginAs(user.page, 'admin');
});

afterAll(async () => {
  await user?.context.close();
  await browser?.close();
  await app?.stop();
});

/** Opens the antd Select named `name` inside `scope` and picks the option titled `option`. */
async function pick(page: Page, scope: ReturnType<Page['getByRole']>, name: string, option: string) {
  await scope.getByRole('combobox', { name, exact: true }).click();
  await page.locator(`.ant-select-item-option[title="${option}"]:visible`).click();
}

/** Optional pictures for a person to look at (`SHOTS=/tmp/dir`); none in CI. */
async function shot(page: Page, name: string): Promise<void> {
  if (process.env.SHOTS) await page.screenshot({ path: `${process.env.SHOTS}/${name}.png` });
}

describe('the condition builder in a browser', () => {
  it('builds a branch condition from field labels, shows it in words and saves it as CEL', async () => {
    const { page } = user;
    await page.goto('/designer/workflows/order-approval');
    await page.getByTestId('simple-canvas').waitFor();
    await shot(page, 'simple-canvas');

    await page.getByRole('button', { name: '添加节点' }).first().click();
    await page.getByRole('menuitem', { name: '条件分支' }).click();
    await page.getByRole('button', { name: /^条件1/ }).click();
    const panel = page.getByRole('region', { name: '属性' });
    await panel.getByRole('button', { name: buttonName('添加条件') }).click();
    const row = panel.getByRole('group', { name: '条件 1' });
    await pick(page, row, '字段', '成交价');
    await pick(page, row, '运算', '小于');
    await pick(page, row, '比较对象', '其他字段');
    const saved = page.waitForResponse(
      (r) => r.request().method() === 'PUT' && r.url().endsWith('/api/workflows/order-approval/draft'),
    );
    await pick(page, row, '其他字段', '指导价');
    await page.getByRole('button', { name: /^条件1：成交价 小于 指导价$/ }).waitFor();
    await shot(page, 'condition-builder');

    const draft = (await (await saved).json()) as { draft: WorkflowDefinition | null };
    expect(JSON.stringify(draft.draft?.machine)).toMatch(/"expr":"\w+ < \w+"/);
    expect(user.errors).toEqual([]);
  });

  it('shows the graph with conditions in words and simulates from a rendered form', async () => {
    const { page } = user;
    await page.getByRole('radio', { name: '图模式', exact: true }).locator('..').click();
    await page.getByTestId('graph-canvas').waitFor();
    await page.locator('.react-flow__node').first().waitFor();
    await shot(page, 'graph-canvas');

    await page.getByRole('button', { name: '模拟运行' }).click();
    const drawer = page.getByRole('dialog');
    await drawer.getByRole('region', { name: /^发起表单：/ }).waitFor();
    await shot(page, 'simulate-form');
    expect(user.errors).toEqual([]);
  });
});
