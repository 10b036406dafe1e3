/**
 * Issue 9, the designer's catalogue and 发起申请 in Chromium: an admin creates a flow from a template
 * in the designer list and gives it a start form in its 设置; a consultant starts it from 发起申请
 * and lands on its instance page. Pictures go to SCREENSHOT_DIR/start-*.png (docs/screenshots/ only
 * with `SCREENSHOTS=docs`).
 */
import type { Browser } from 'playwright-core';
import { type RunningApp, startApp } from './fixtures/app.ts';
import { launchBrowser, loginAs, openPage, screenshot } from './fixtures/browser.ts';
import { apiUser } from './fixtures/data.ts';
import { chooseOption, pageTitle } from './fixtures/ui.ts';

let app: RunningApp;
let browser: Browser;

beforeAll(async () => {
  app = await startApp();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

it('an admin creates a flow from a template with a start form; a consultant starts it from 发起申请', async () => {
  // The start form comes over the API: the form builder has its own browser tests.
  const admin = await apiUser(app.url, 'admin');
  await admin.call('POST', '/api/forms', {
    key: 'expense-claim',
    title: '费用报销单',
    schema: {
      type: 'object',
      required: ['amount', 'reason'],
      properties: {
        amount: { type: 'integer', title: '报销金额', minimum: 1 },
        reason: { type: 'string', title: '事由' },
      },
    },
    uiSchema: { amount: { 'ui:widget': 'money' } },
  });
  await admin.call('POST', '/api/forms/expense-claim/publish');

  const designer = await openPage(browser, app.url);
  const { page } = designer;
  await loginAs(page, 'admin');
  await page.goto('/designer/workflows');
  await page.getByRole('button', { name: '新建流程' }).click();
  const dialog = page.getByRole('dialog', { name: '新建流程' });
  await dialog.getByText('从模板').click();
  await chooseOption(page, '模板', '一级审批');
  await dialog.getByLabel('名称').fill('费用报销');
  expect(await dialog.getByLabel('标识').inputValue()).toBe('fei-yong-bao-xiao');
  await dialog.getByLabel('分类').fill('财务');
  await chooseOption(page, '图标', '报销');
  await screenshot(page, 'start-new-flow');
  await dialog.getByRole('button', { name: '创建流程' }).click();
  await page.waitForURL(/\/designer\/workflows\/fei-yong-bao-xiao$/);
  const key = new URL(page.url()).pathname.split('/').pop() ?? '';

  await page.goto('/designer/workflows');
  await page.getByRole('button', { name: '设置 费用报销' }).click();
  const settings = page.getByRole('dialog', { name: /流程设置/ });
  await chooseOption(page, '发起表单', '费用报销单（expense-claim）');
  await settings.getByRole('button', { name: '保存设置' }).click();
  await settings.waitFor({ state: 'hidden' });
  await admin.call('POST', `/api/workflows/${key}/publish`);
  await page.reload();
  await page.getByRole('link', { name: '费用报销' }).waitFor();
  await screenshot(page, 'start-designer-list');

  const staff = await openPage(browser, app.url);
  await loginAs(staff.page, 'consultant');
  await staff.page.getByRole('menuitem', { name: /发起申请/ }).click();
  await staff.page
    .getByRole('region', { name: '财务' })
    .getByRole('button', { name: '发起 费用报销' })
    .waitFor();
  await screenshot(staff.page, 'start-centre');
  await staff.page.getByRole('button', { name: '发起 费用报销' }).click();
  await staff.page.getByLabel('报销金额').fill('1280');
  await staff.page.getByLabel('事由').fill('客户接待餐费');
  await screenshot(staff.page, 'start-form');
  await staff.page.getByRole('button', { name: '提交申请' }).click();
  await staff.page.waitForURL(/\/instances\/[0-9a-f-]{36}$/);
  await pageTitle(staff.page, '费用报销').waitFor();
  // The data through the start form (read-only, 元), the starter by name, the current step lit.
  // Scoped to the instance page's form: the start page it came from has the same title and fields.
  const reason = staff.page.locator('.df-readonly-form').getByLabel('事由');
  expect(await reason.inputValue()).toBe('客户接待餐费');
  expect(await reason.isEditable()).toBe(false);
  await staff.page.getByText('李娜', { exact: true }).first().waitFor();
  await staff.page.getByTestId('instance-flow').locator('[data-active="true"]').first().waitFor();
  await screenshot(staff.page, 'start-instance');
  expect(designer.errors).toEqual([]);
  expect(staff.errors).toEqual([]);
});
