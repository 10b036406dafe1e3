/**
 * Issue 9, "How we will know it is done", first bullet, in Chromium (zh-CN) with no API shortcut:
 * an admin builds 特价车申请 from blank — its start form in the form builder, its flow in simple mode
 * with the general manager only when the requested price is below cost (made with the condition
 * builder), CC to finance — sets its start form and starters in 设置, simulates it from the rendered
 * start form and publishes it; a consultant starts it from 发起申请 with a price below cost; the sales
 * manager and the GM approve from their inboxes; the consultant sees it finished in 我发起的 and on
 * its instance page. A second request whose price covers the cost finishes after the manager without
 * a GM step, and finance finds both CCs in 抄送我的. Then a copy of order-approval is renamed,
 * published, archived and can no longer be started.
 */
import type { Locator, Page } from 'playwright-core';
import { buttonName, screenshot } from './fixtures/browser.ts';
import { browserSuite } from './fixtures/suite.ts';
import { button, chooseOption, completeTask, openSelect, pageTitle, selectOption } from './fixtures/ui.ts';

const suite = browserSuite();
const { users } = suite;
/** The logged-in page of `username`, one context per user, opened on first use. */
const as = suite.as;

/** Opens the antd Select named `name` inside `scope` and picks the option titled `option`. */
async function pick(page: Page, scope: Locator, name: string, option: string): Promise<void> {
  await selectOption(page, scope.getByRole('combobox', { name, exact: true }), option);
}

/** Adds a field from the form builder's palette and gives it a title (and makes it required). */
async function addField(page: Page, type: string, title: string, required = false): Promise<void> {
  await page
    .getByRole('navigation', { name: '控件' })
    .getByRole('button', { name: type, exact: true })
    .click();
  const label = page.getByLabel('标题', { exact: true });
  if ((await label.inputValue()) !== title) await label.fill(title);
  if (required) await page.getByRole('switch', { name: '必填' }).click();
  const field = page.getByRole('button', { name: `字段 ${title}`, exact: true });
  await field.waitFor();
  if (required) await field.getByText('必填', { exact: true }).waitFor();
}

/** Picks the first option a lookup (customer, vehicle) offers once opened. */
async function pickFirstLookup(page: Page, label: string): Promise<string> {
  const dropdown = await openSelect(page, page.getByLabel(label, { exact: true }));
  const option = dropdown.locator('.ant-select-item-option').first();
  const title = (await option.getAttribute('title')) ?? (await option.textContent()) ?? '';
  await option.click();
  await dropdown.waitFor({ state: 'hidden' });
  return title;
}

/** Adds a node after the node whose chain contains `anchor` (its own 添加节点 button). */
async function addAfter(page: Page, anchor: Locator, kind: string): Promise<void> {
  await anchor.locator('../..').getByRole('button', { name: '添加节点', exact: true }).last().click();
  await page.getByRole('menuitem', { name: kind, exact: true }).click();
}

/** Publishes the flow open in the designer and waits for the version it became. */
async function publishFlow(page: Page, edited = true): Promise<void> {
  if (edited) await page.getByRole('status').filter({ hasText: '草稿已保存' }).waitFor();
  await button(page, '发布').click();
  const dialog = page.getByRole('dialog', { name: '发布新版本' });
  const confirm = dialog.getByRole('button', { name: buttonName('确认发布') });
  await expect.poll(() => confirm.isEnabled()).toBe(true);
  await confirm.click();
  await page.getByText(/^已发布版本 \d+$/).waitFor();
}

/** Opens the task `taskName` of a 特价车申请 from the inbox tab `tab`. */
async function openInboxTask(page: Page, tab: '我的待办' | '待认领', flow: string, taskName: string) {
  await page.goto('/inbox');
  await page.getByRole('tab', { name: new RegExp(`^${tab}`) }).click();
  const row = page.getByRole('row').filter({ hasText: flow });
  await row.getByRole('link', { name: taskName, exact: true }).click();
  await pageTitle(page, taskName).waitFor();
}

/** The consultant starts 特价车申请 from 发起申请 and lands on its instance page; returns its path. */
async function startRequest(
  page: Page,
  values: { price: string; cost: string; file: boolean },
): Promise<string> {
  await page.getByRole('menuitem', { name: /发起申请/ }).click();
  await page.getByRole('region', { name: '销售' }).getByRole('button', { name: '发起 特价车申请' }).click();
  await pickFirstLookup(page, '客户');
  await pickFirstLookup(page, '车辆');
  await page.getByLabel(/申请价格/).fill(values.price);
  await page.getByLabel(/成本价/).fill(values.cost);
  await page.getByLabel(/申请理由/).fill('月底冲量，客户已交意向金');
  if (values.file) {
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: /上\s*传/ }).click();
    await (await chooser).setFiles({
      name: '报价单.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n'),
    });
    await page.getByText('报价单.pdf').first().waitFor();
    await screenshot(page, 'special-price-start');
  }
  await page.getByRole('button', { name: buttonName('提交申请') }).click();
  await page.waitForURL(/\/instances\/[0-9a-f-]{36}$/);
  await pageTitle(page, '特价车申请').waitFor();
  return new URL(page.url()).pathname;
}

/** The 审批记录 card of an instance page. */
function recordCard(page: Page): Locator {
  return page
    .locator('.ant-card')
    .filter({ has: page.locator('.ant-card-head-title', { hasText: '审批记录' }) });
}

describe('特价车申请, built in the browser from blank', () => {
  let instanceUrl = '';

  it('the admin builds the start form in the form builder', async () => {
    const page = await as('admin');
    await page.goto('/designer/forms');
    await page.getByRole('button', { name: '新建表单' }).click();
    const dialog = page.getByRole('dialog', { name: '新建表单' });
    await dialog.getByLabel('名称').fill('特价车申请单');
    // The key is the name in pinyin.
    expect(await dialog.getByLabel('标识').inputValue()).toBe('te-jia-che-shen-qing-dan');
    await dialog.getByRole('button', { name: buttonName('创建表单') }).click();
    await page.waitForURL(/\/designer\/forms\/te-jia-che-shen-qing-dan$/);

    await addField(page, '客户', '客户');
    await addField(page, '车辆', '车辆');
    await addField(page, '金额', '申请价格', true);
    // Inventory keeps a vehicle's cost, but a form field cannot read it from the chosen vehicle (no
    // lookup formulas): the consultant types the cost as a money field, as the brief allows.
    await addField(page, '金额', '成本价', true);
    await addField(page, '多行文本', '申请理由', true);
    await addField(page, '附件', '附件');
    await screenshot(page, 'special-price-form');
    await button(page, '发布').click();
    await page
      .getByText(/已发布版本 1/)
      .first()
      .waitFor();
    expect(users.get('admin')?.errors).toEqual([]);
  });

  it('the admin creates the flow from blank, sets its start form and starters, builds the steps, simulates and publishes', async () => {
    const page = await as('admin');
    await page.goto('/designer/workflows');
    await page.getByRole('button', { name: '新建流程' }).click();
    const dialog = page.getByRole('dialog', { name: '新建流程' });
    await dialog.getByLabel('名称').fill('特价车申请');
    await dialog.getByLabel('分类').fill('销售');
    await dialog.getByRole('button', { name: buttonName('创建流程') }).click();
    await page.waitForURL(/\/designer\/workflows\/te-jia-che-shen-qing$/);

    await page.goto('/designer/workflows');
    await page.getByRole('button', { name: '设置 特价车申请' }).click();
    const settings = page.getByRole('dialog', { name: /流程设置/ });
    const formPicker = settings.getByLabel('发起表单', { exact: true });
    const forms = await openSelect(page, formPicker);
    // The list is long and virtual (its key sorts late): search for it rather than scroll.
    await formPicker.fill('特价车申请单');
    await forms
      .locator('.ant-select-item-option')
      .filter({ hasText: /^特价车申请单（/ })
      .click();
    await forms.waitFor({ state: 'hidden' });
    await chooseOption(page, '可发起的角色', '销售顾问');
    await settings.getByRole('button', { name: buttonName('保存设置') }).click();
    await settings.waitFor({ state: 'hidden' });

    await page.getByRole('link', { name: '特价车申请' }).click();
    await page.getByTestId('simple-canvas').waitFor();
    const canvas = page.getByTestId('simple-canvas');
    await canvas.getByRole('button', { name: '添加节点', exact: true }).first().click();
    await page.getByRole('menuitem', { name: '审批人', exact: true }).click();
    await page.getByLabel('任务名称', { exact: true }).fill('销售经理审批');
    await chooseOption(page, '角色', '销售经理 (sales_manager)');
    await page.keyboard.press('Escape');
    const managerCard = canvas.getByRole('button', { name: '审批人 销售经理审批', exact: true });
    await managerCard.getByText('销售经理 · 或签').waitFor();

    // CC to finance at the end, then the condition inserted between the manager and the CC.
    await addAfter(page, managerCard, '抄送人');
    await chooseOption(page, '角色', '财务 (finance)');
    await page.keyboard.press('Escape');
    await canvas
      .getByRole('button', { name: /^抄送人 / })
      .getByText('财务')
      .waitFor();
    await addAfter(page, managerCard, '条件分支');
    await canvas.getByRole('button', { name: /^条件1/ }).click();
    const panel = page.getByRole('region', { name: '属性' });
    await panel.getByRole('button', { name: buttonName('添加条件') }).click();
    const row = panel.getByRole('group', { name: '条件 1' });
    await pick(page, row, '字段', '申请价格');
    await pick(page, row, '运算', '小于');
    await pick(page, row, '比较对象', '其他字段');
    await pick(page, row, '其他字段', '成本价');
    await screenshot(page, 'special-price-condition');
    const branch = canvas.getByRole('button', { name: /^条件1：申请价格 小于 成本价$/ });
    await branch.waitFor();
    await addAfter(page, branch, '审批人');
    await page.getByLabel('任务名称', { exact: true }).fill('总经理审批');
    await chooseOption(page, '角色', '总经理 (general_manager)');
    await page.keyboard.press('Escape');
    await canvas
      .getByRole('button', { name: '审批人 总经理审批', exact: true })
      .getByText('总经理 · 或签')
      .waitFor();
    await managerCard.getByText('销售经理 · 或签').waitFor();
    await screenshot(page, 'special-price-flow');

    // The test run starts from the start form rendered as a form, amounts in 元.
    await page.getByRole('button', { name: '模拟运行' }).click();
    const drawer = page.getByRole('dialog', { name: '模拟运行' });
    const form = drawer.getByRole('region', { name: '发起表单：特价车申请单' });
    await form.getByLabel(/申请价格/).fill('90000');
    await form.getByLabel(/成本价/).fill('100000');
    await form.getByLabel(/申请理由/).fill('月底冲量，客户已交意向金');
    await drawer.getByRole('button', { name: buttonName('开始') }).click();
    const state = drawer.getByTestId('sim-state');
    await state.filter({ hasText: '销售经理审批' }).waitFor();
    await drawer.getByRole('button', { name: buttonName('同意') }).click();
    await state.filter({ hasText: '总经理审批' }).waitFor();
    await screenshot(page, 'special-price-simulate-gm');
    await drawer.getByRole('button', { name: buttonName('同意') }).click();
    await drawer.getByText('已结束', { exact: true }).waitFor();
    await screenshot(page, 'special-price-simulate');
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'hidden' });

    await publishFlow(page);
    expect(users.get('admin')?.errors).toEqual([]);
  });

  it('a consultant starts it from 发起申请 with a price below cost', async () => {
    const page = await as('consultant');
    instanceUrl = await startRequest(page, { price: '90000', cost: '100000', file: true });
    expect(users.get('consultant')?.errors).toEqual([]);
  });

  it('the sales manager and the GM approve from their inboxes', async () => {
    const manager = await as('manager');
    await openInboxTask(manager, '待认领', '特价车申请', '销售经理审批');
    await completeTask(manager, '同意');
    const gm = await as('gm');
    await openInboxTask(gm, '待认领', '特价车申请', '总经理审批');
    await completeTask(gm, '同意');
    expect(users.get('manager')?.errors).toEqual([]);
    expect(users.get('gm')?.errors).toEqual([]);
  });

  it('the consultant sees it finished in 我发起的 and on its instance page', async () => {
    const page = await as('consultant');
    await page.goto('/inbox');
    await page.getByRole('tab', { name: /^我发起的/ }).click();
    await page.getByRole('radio', { name: '已完成' }).locator('..').click();
    await page.getByRole('row').filter({ hasText: '特价车申请' }).first().waitFor();
    await page.goto(instanceUrl);
    await pageTitle(page, '特价车申请').waitFor();
    await page.getByText('已完成', { exact: true }).first().waitFor();
    await page.getByText('无（流程已结束）').waitFor();
    await page.getByText('报价单.pdf').first().waitFor();
    // The start form's attachment is one of the instance's files, to download from its card.
    await page.getByRole('link', { name: '下载 报价单.pdf' }).waitFor();
    // The start form's data is shown as the form, read-only.
    const startForm = page.getByRole('region', { name: '特价车申请单' });
    await expect.poll(() => startForm.getByLabel(/申请理由/).inputValue()).toBe('月底冲量，客户已交意向金');
    await recordCard(page)
      .getByText(/总经理审批/)
      .first()
      .waitFor();
    await screenshot(page, 'special-price-instance');
    expect(users.get('consultant')?.errors).toEqual([]);
  });

  it('a request whose price covers the cost finishes after the manager, without a GM step', async () => {
    const consultant = await as('consultant');
    const url = await startRequest(consultant, { price: '110000', cost: '100000', file: false });
    const manager = await as('manager');
    await openInboxTask(manager, '待认领', '特价车申请', '销售经理审批');
    await completeTask(manager, '同意');

    // The completion moved the instance on in its own transaction: the page shows where it ended.
    await consultant.goto(url);
    await pageTitle(consultant, '特价车申请').waitFor();
    await consultant.getByText('无（流程已结束）').waitFor();
    const record = recordCard(consultant);
    await record
      .getByText(/销售经理审批/)
      .first()
      .waitFor();
    expect(await record.getByText(/总经理审批/).count()).toBe(0);
    expect(users.get('consultant')?.errors).toEqual([]);
    expect(users.get('manager')?.errors).toEqual([]);
  });

  it('finance finds both requests in 抄送我的', async () => {
    const page = await as('finance');
    await page.goto('/inbox');
    await page.getByRole('tab', { name: /^抄送我的/ }).click();
    const rows = page.getByRole('row').filter({ hasText: '特价车申请' });
    await rows.nth(1).waitFor();
    expect(await rows.count()).toBe(2);
    for (const row of await rows.all()) await row.getByText('流程抄送').waitFor();
    await screenshot(page, 'special-price-cc');
    expect(users.get('finance')?.errors).toEqual([]);
  });
});

describe('a copy of order-approval, renamed and archived', () => {
  it('is created by 复制, published, startable, then archived: gone from 发起申请, greyed under 显示已归档', async () => {
    const page = await as('admin');
    await page.goto('/designer/workflows');
    await page.getByRole('button', { name: '复制 订单审核' }).click();
    const dialog = page.getByRole('dialog', { name: '新建流程' });
    await dialog.getByLabel('名称').fill('订单审核（旧版）');
    await dialog.getByRole('button', { name: buttonName('创建流程') }).click();
    await page.waitForURL(/\/designer\/workflows\/ding-dan-shen-he-jiu-ban$/);
    const key = new URL(page.url()).pathname.split('/').pop() ?? '';

    // The copy keeps "仅由系统发起"; staff may start this one, so the archive has something to stop.
    await page.goto('/designer/workflows');
    await page.getByRole('button', { name: '设置 订单审核（旧版）' }).click();
    const settings = page.getByRole('dialog', { name: /流程设置/ });
    await settings.getByRole('checkbox', { name: /仅由系统发起/ }).uncheck();
    await chooseOption(page, '可发起的角色', '销售顾问');
    await settings.getByRole('button', { name: buttonName('保存设置') }).click();
    await settings.waitFor({ state: 'hidden' });
    await page.getByRole('link', { name: '订单审核（旧版）' }).click();
    await page.getByTestId('simple-canvas').or(page.getByTestId('graph-canvas')).first().waitFor();
    await publishFlow(page, false);

    const consultant = await as('consultant');
    await consultant.goto('/start');
    await consultant.getByRole('button', { name: '发起 订单审核（旧版）' }).waitFor();

    await page.goto('/designer/workflows');
    await page.getByRole('button', { name: '归档 订单审核（旧版）' }).click();
    await page
      .getByRole('tooltip')
      .getByRole('button', { name: buttonName('归档') })
      .click();
    await page.getByText('已归档 订单审核（旧版）').waitFor();
    await page.getByRole('link', { name: '订单审核（旧版）' }).waitFor({ state: 'detached' });
    await page.getByRole('checkbox', { name: '显示已归档' }).check();
    const archived = page.getByRole('row').filter({ hasText: '订单审核（旧版）' });
    await archived.getByText('已归档', { exact: true }).waitFor();
    expect(await archived.getAttribute('aria-disabled')).toBe('true');
    await screenshot(page, 'special-price-archived');

    await consultant.goto('/start');
    await consultant.getByRole('button', { name: '发起 特价车申请' }).waitFor();
    expect(await consultant.getByRole('button', { name: '发起 订单审核（旧版）' }).count()).toBe(0);
    await consultant.goto(`/start/${key}`);
    await consultant.getByText('没有可以发起的流程').waitFor();
    expect(users.get('admin')?.errors).toEqual([]);
    expect(users.get('consultant')?.errors).toEqual([]);
  });
});
