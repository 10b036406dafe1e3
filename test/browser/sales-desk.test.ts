/**
 * The sales desk and the money desk as their people see them (issue #11, points 1–3): the consultant
 * finds a car in stock by its model, saves an order as a draft (草稿) and submits it later, and the
 * order page then says in words who acts next ("待王强审批"); finance opens the balance task empty,
 * with what remains to be paid, and confirms it. The API is used only for set-up.
 */
import { formatYuan } from '../../dealer-rules/money.ts';
import { screenshot, UI_TIMEOUT } from './fixtures/browser.ts';
import { apiUser, uniqueMobile, validVin } from './fixtures/data.ts';
import { browserSuite } from './fixtures/suite.ts';
import {
  button,
  chooseOption,
  completeTask,
  fillDate,
  openSelect,
  openTaskFromInbox,
  pageTitle,
} from './fixtures/ui.ts';

interface Order {
  id: string;
  orderNo: string;
  status: string;
  total: number;
  deposit: number;
  instanceId: string;
}

const suite = browserSuite();
/** The logged-in page of `username`, one context per user, opened on first use. */
const as = suite.as;

describe('the sales desk', () => {
  test('the stock picker finds a car by its model name, 凯美瑞', async () => {
    const logistics = await apiUser(suite.app.url, 'logistics');
    const vin = validVin('LVGBE40K', 'R0');
    await logistics.call('POST', '/api/vehicles', {
      vin,
      brand: 'GAC Toyota',
      model: '凯美瑞 2.0 HEV',
      trim: '豪华版',
      exteriorColor: '冰川蓝',
      productionDate: '2026-10-01',
      listPrice: 20_280_000,
      cost: 18_000_000,
    });
    const page = await as('consultant');
    await page.goto('/orders/new');
    await pageTitle(page, '新建订单').waitFor();
    const picker = page.getByLabel('从库存选车');
    await openSelect(page, picker);
    await picker.pressSequentially('凯美瑞 冰川蓝');
    const option = page.locator('.ant-select-dropdown:visible').getByTitle(new RegExp(vin));
    await option.waitFor({ timeout: UI_TIMEOUT });
    expect(await option.textContent()).toContain('凯美瑞 2.0 HEV 豪华版');
    expect(await page.getByText('没有匹配项').count()).toBe(0);
    await screenshot(page, 'store-stock-picker');
    await option.click();
    await expect.poll(() => page.getByLabel('指导价').inputValue()).toMatch(/^202,?800/);
  }, 180_000);

  test('a draft is saved, waits under 草稿 without a flow, and is submitted for the manager’s approval', async () => {
    const page = await as('consultant');
    await page.goto('/orders/new');
    await pageTitle(page, '新建订单').waitFor();
    const name = `草稿客户${Date.now() % 100_000}`;
    await page.getByLabel('客户姓名').fill(name);
    await page.getByLabel('手机号').fill(uniqueMobile());
    await chooseOption(page, '品牌', 'BYD');
    await chooseOption(page, '车型', '汉');
    await chooseOption(page, '配置', '尊贵版');
    await chooseOption(page, '颜色', '熔岩红');
    await expect.poll(() => page.getByLabel('指导价').inputValue()).toMatch(/^189,?800/);
    // 2% of the MSRP, typed as a percentage: ¥3,796 off.
    await chooseOption(page, '优惠单位（元或%）', '%');
    await page.getByLabel('优惠', { exact: true }).fill('2');
    await button(page, '保存草稿').click();
    await page.waitForURL(/\/orders\/[0-9a-f-]{36}$/);
    const id = new URL(page.url()).pathname.split('/').pop() ?? '';

    await page.getByText('草稿，尚未提交').waitFor();
    const draft = await (await page.request.get(`/api/orders/${id}`)).json();
    expect(draft).toMatchObject({ status: 'draft', instanceId: null, discount: 379_600 });

    await page.goto('/orders?status=draft');
    await pageTitle(page, '订单管理表').waitFor();
    await page
      .getByRole('row')
      .filter({ hasText: name })
      .getByText('草稿', { exact: true })
      .first()
      .waitFor();

    await page.goto(`/orders/${id}`);
    await button(page, '提交审批').click();
    await page.locator('.df-order-progress').getByText('待王强审批', { exact: true }).waitFor();
    await screenshot(page, 'store-order-submitted');
    const submitted = await (await page.request.get(`/api/orders/${id}`)).json();
    expect(submitted.status).toBe('pending');
    // The manager sees the same words in the order table.
    const manager = await as('manager');
    await manager.goto('/orders');
    const row = manager.getByRole('row').filter({ hasText: submitted.orderNo });
    await row.getByText('待王强审批').waitFor();
  }, 240_000);
});

describe('the money desk', () => {
  test('the balance task starts empty, shows what remains, and confirms it', async () => {
    const consultant = await apiUser(suite.app.url, 'consultant');
    const order = await consultant.call<Order>('POST', '/api/orders', {
      customer: { name: '尾款客户', mobile: uniqueMobile() },
      vehicle: { brand: 'BYD', model: '汉', trim: '旗舰版', color: '曜石黑' },
      pricing: { msrp: 18_980_000, discount: 0, accessories: [], deposit: 1_000_000 },
      paymentMethod: 'bank_transfer',
      source: 'walk_in',
    });
    const manager = await apiUser(suite.app.url, 'manager');
    const tasks = await manager.call<{ items: { id: string; instanceId: string }[] }>(
      'GET',
      '/api/tasks?scope=candidate&status=open&pageSize=500',
    );
    const review = tasks.items.find((t) => t.instanceId === order.instanceId);
    await manager.call('POST', `/api/tasks/${review?.id}/complete`, {
      outcome: 'approve',
      data: { reviewComment: '同意' },
      comment: '同意',
    });

    const page = await as('finance');
    await openTaskFromInbox(page, '待认领', order.orderNo, '确认定金到账');
    await page.getByLabel('本次金额').fill(String(order.deposit / 100));
    await page.getByRole('radio', { name: '银行转账' }).check();
    await fillDate(page, '到账日期', new Date().toISOString().slice(0, 10));
    await page.getByLabel('收据/流水号').fill('DJ-20261205-01');
    await completeTask(page, '确认');

    await openTaskFromInbox(page, '待认领', order.orderNo, '确认尾款到账');
    const remainder = order.total - order.deposit;
    expect(await page.getByLabel('本次金额').inputValue()).toBe('');
    expect(await page.getByLabel('收据/流水号').inputValue()).toBe('');
    // What remains is among the task's read-only data, beside the total and what was received.
    const remaining = page
      .locator('.df-readonly-fields .ant-descriptions-item-label')
      .filter({ hasText: /^尚欠金额$/ })
      .locator('xpath=following-sibling::*[1]');
    await expect.poll(() => remaining.textContent()).toBe(formatYuan(remainder));
    await screenshot(page, 'store-balance-task');
    await page.getByLabel('本次金额').fill(String(remainder / 100));
    await page.getByRole('radio', { name: '银行转账' }).check();
    await completeTask(page, '确认');

    await page.goto(`/orders/${order.id}`);
    const payments = page.locator('.ant-card').filter({ hasText: '收款记录' });
    await payments.getByText('DJ-20261205-01').waitFor();
    await payments.getByText(formatYuan(remainder)).first().waitFor();
    await page
      .locator('.df-order-progress')
      .getByText(/配车|订车|待刘洋/)
      .first()
      .waitFor();
    await screenshot(page, 'store-order-paid');
  }, 240_000);
});
