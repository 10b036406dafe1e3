/**
 * "The workspace": one order's day in the BJ01 store, driven through the browser by each person in
 * turn (consultant → manager → finance → logistics → consultant), plus the store boundary on tasks.
 * The API is used only for set-up and checks.
 */
import type { Locator, Page } from 'playwright-core';
import { COLOURS, TRIMS } from '../../dealer-rules/catalogue.ts';
import { getJson, UI_TIMEOUT } from './fixtures/browser.ts';
import { apiUser, uniqueMobile, validVin } from './fixtures/data.ts';
import { browserSuite } from './fixtures/suite.ts';
import { button, chooseOption, completeTask, fillDate, openTaskFromInbox, pageTitle } from './fixtures/ui.ts';

interface Order {
  id: string;
  vin: string | null;
  orderNo: string;
  status: string;
  total: number;
  deposit: number;
  dealPrice: number;
  accessoriesTotal: number;
}
interface Figures {
  delivered: number;
  volume: number;
  revenue: number;
}

const suite = browserSuite();
/** The logged-in page of `username`, one context per user, opened on first use. */
const as = suite.as;

/** The dashboard's delivered count, sales volume and revenue, read with the page's own session. */
async function figures(page: Page): Promise<Figures> {
  const lead = await getJson<{ delivered: number }>(page, '/api/analytics/delivery-lead-time');
  const sales = await getJson<{ totals: { volume: number; revenue: number } }>(
    page,
    '/api/analytics/sales?groupBy=model',
  );
  return { delivered: lead.delivered, volume: sales.totals.volume, revenue: sales.totals.revenue };
}

const yuan = (fen: number) => String(fen / 100);
const today = () => new Date().toISOString().slice(0, 10);

/**
 * A BYD 海豹 trim and colour with no vehicle in BJ01's stock, so the order is ordered from the
 * factory and logistics ships it (in transit → arrived) instead of allocating a car in stock.
 */
async function unstockedConfiguration(page: Page): Promise<{ trim: string; color: string }> {
  const stock = await getJson<{ items: { trim: string; exteriorColor: string }[] }>(
    page,
    `/api/vehicles?status=in_stock&brand=BYD&model=${encodeURIComponent('海豹')}&pageSize=500`,
  );
  const taken = new Set(stock.items.map((v) => `${v.trim}/${v.exteriorColor}`));
  for (const trim of TRIMS) {
    const color = COLOURS.find((c) => !taken.has(`${trim}/${c}`));
    if (color) return { trim, color };
  }
  throw new Error('every BYD 海豹 configuration is in stock; the factory path cannot be driven');
}

async function createOrderAsConsultant(customerName: string): Promise<Order> {
  const page = await as('consultant');
  const { trim, color } = await unstockedConfiguration(page);
  await page.goto('/orders/new');
  await pageTitle(page, '新建订单').waitFor();
  await page.getByLabel('客户姓名').fill(customerName);
  await page.getByLabel('手机号').fill(uniqueMobile());
  await chooseOption(page, '品牌', 'BYD');
  await chooseOption(page, '车型', '海豹');
  await chooseOption(page, '配置', trim);
  await chooseOption(page, '颜色', color);
  // The MSRP follows the chosen model; the rest is what the customer agreed.
  await expect.poll(() => page.getByLabel('指导价').inputValue()).toMatch(/^189,?800/);
  await page.getByLabel('优惠', { exact: true }).fill('3000');
  await page.getByLabel('定金', { exact: true }).fill('20000');
  await page.getByRole('button', { name: /基础包/ }).click();
  await button(page, '提交').click();
  await page.waitForURL(/\/orders\/[0-9a-f-]{36}$/);
  const id = new URL(page.url()).pathname.split('/').pop() ?? '';
  return getJson<Order>(page, `/api/orders/${id}`);
}

async function orderStatus(page: Page, id: string): Promise<string> {
  return (await getJson<Order>(page, `/api/orders/${id}`)).status;
}

async function confirmPayment(page: Page, orderNo: string, taskName: string, fen: number): Promise<void> {
  await openTaskFromInbox(page, '待认领', orderNo, taskName);
  await page.getByLabel('本次金额').fill(yuan(fen));
  await page.getByRole('radio', { name: '银行转账' }).check();
  await fillDate(page, '到账日期', today());
  await completeTask(page, '确认');
}

async function logisticsSteps(page: Page, order: Order, vin: string): Promise<void> {
  await openTaskFromInbox(page, '待认领', order.orderNo, '向厂家订车或调车');
  await page.getByLabel('厂家订单号/调拨单号').fill(`FO-${order.orderNo}`);
  await fillDate(page, '预计发车日期', today());
  await completeTask(page, '已向厂家订车');

  await openTaskFromInbox(page, '待认领', order.orderNo, '登记发运在途');
  await page.getByLabel('车架号（VIN）').fill(vin);
  await fillDate(page, '预计到店日期', today());
  await completeTask(page, '已发运');
  expect(await orderStatus(page, order.id)).toBe('in_transit');

  await openTaskFromInbox(page, '待认领', order.orderNo, '车辆到店验收');
  await fillDate(page, '到店日期', today());
  await page.getByLabel('里程表读数（km）').fill('12');
  await completeTask(page, '已到店');
  expect(await orderStatus(page, order.id)).toBe('arrived');

  await openTaskFromInbox(page, '待认领', order.orderNo, 'PDI 检查');
  for (const item of ['外观检查', '发动机舱检查', '内饰检查', '启动后检查', '路试']) {
    await page.getByRole('checkbox', { name: item }).check();
  }
  await completeTask(page, '通过');
}

/** Signs on the hand-over form's signing pad with a short stroke. */
async function sign(page: Page): Promise<void> {
  // The canvas has no accessible name (see the report); its rjsf id is the stable handle.
  const pad = page.locator('canvas#root_customerSignature');
  // To the middle of the window: at its bottom edge the sticky action bar would take the stroke.
  await pad.evaluate((el) => el.scrollIntoView({ block: 'center' }));
  const box = await pad.boundingBox();
  if (!box) throw new Error('signature pad not visible');
  await page.mouse.move(box.x + 30, box.y + 70);
  await page.mouse.down();
  await page.mouse.move(box.x + 120, box.y + 40, { steps: 8 });
  await page.mouse.move(box.x + 220, box.y + 100, { steps: 8 });
  await page.mouse.up();
}

async function consultantDelivers(page: Page, orderNo: string): Promise<void> {
  await openTaskFromInbox(page, '我的待办', orderNo, '预约交车');
  await fillDate(page, '交车日期', today());
  await page.getByRole('radio', { name: '上午' }).check();
  await completeTask(page, '预约');

  await openTaskFromInbox(page, '我的待办', orderNo, '交车签收');
  for (const doc of ['购车发票', '合格证', '保修卡', '保险单', '使用说明书']) {
    await page.getByRole('checkbox', { name: doc }).check();
  }
  await page.getByLabel('钥匙数量').fill('2');
  await sign(page);
  await completeTask(page, '交车');
}

/** Fails with the reason the new task did not show: not pushed live, or not in the inbox at all. */
async function explainMissingTask(page: Page, link: Locator): Promise<never> {
  await page.reload();
  await page.getByRole('tab', { name: /^待认领/ }).click();
  const afterReload = await link.waitFor().then(
    () => true,
    () => false,
  );
  throw new Error(
    afterReload
      ? 'the approval task showed only after a reload: no live update (or poll) within 15 s'
      : 'the approval task is not in the manager’s inbox (待认领) even after a reload',
  );
}

describe('a day in the store', () => {
  test('an order created by the consultant is approved, paid, shipped, inspected and handed over, and the dashboard counts it', async () => {
    const manager = await as('manager');
    const before = await figures(manager);
    // The manager already has the inbox open when the consultant submits.
    await manager.goto('/inbox');
    await manager.getByRole('tab', { name: /^待认领/ }).click();
    await pageTitle(manager, '待办').waitFor();

    const order = await createOrderAsConsultant(`浏览器测试${Date.now() % 100_000}`);
    expect(order.status).toBe('pending');
    expect(order.vin).toBeNull();
    // The consultant follows it under 我发起的, waiting at the manager's review.
    const submitter = await as('consultant');
    await submitter.goto('/inbox');
    await submitter.getByRole('tab', { name: /^我发起的/ }).click();
    await submitter.getByRole('row').filter({ hasText: order.orderNo }).waitFor();

    // No reload: the live event stream (or, failing that, the 10 s poll) brings the new task in.
    const approval = manager
      .getByRole('row')
      .filter({ hasText: order.orderNo })
      .getByRole('link', { name: '销售经理审批', exact: true });
    const live = await approval.waitFor({ timeout: 15_000 }).then(
      () => true,
      () => false,
    );
    if (!live) await explainMissingTask(manager, approval);
    await approval.click();
    await pageTitle(manager, '销售经理审批').waitFor();
    // The decision page shows the order's number among its read-only data.
    await manager.locator('.df-readonly-fields').getByText(order.orderNo, { exact: true }).waitFor();
    await manager.getByRole('textbox', { name: '审批意见' }).fill('价格合理，同意。');
    await completeTask(manager, '同意');
    expect(await orderStatus(manager, order.id)).toBe('approved');

    const finance = await as('finance');
    await confirmPayment(finance, order.orderNo, '确认定金到账', order.deposit);
    await confirmPayment(finance, order.orderNo, '确认尾款到账', order.total - order.deposit);
    expect(await orderStatus(finance, order.id)).toBe('paid');

    await logisticsSteps(await as('logistics'), order, validVin());

    const consultant = await as('consultant');
    await consultantDelivers(consultant, order.orderNo);

    await consultant.goto('/orders');
    await pageTitle(consultant, '订单管理表').waitFor();
    const row = consultant.getByRole('row').filter({ hasText: order.orderNo });
    await row.getByText('已交付', { exact: true }).waitFor();

    // The handover sheet prints on A4 with the store's name and the signature drawn at 交车签收.
    await consultant.goto(`/orders/${order.id}`);
    await consultant.getByRole('link', { name: /打印交车确认单/ }).click();
    const sheet = consultant.getByRole('article', { name: '交车确认单' });
    await sheet.getByText('北京朝阳店').waitFor();
    await sheet.getByText(order.orderNo).waitFor();
    const signature = sheet.getByRole('img', { name: '客户签名' });
    expect(await signature.getAttribute('src')).toMatch(/^data:image\/png;base64,/);
    await consultant.emulateMedia({ media: 'print' });
    expect(await consultant.getByRole('button', { name: /打印/ }).isVisible()).toBe(false);
    const pdf = await consultant.pdf({ preferCSSPageSize: true });
    await consultant.emulateMedia({ media: 'screen' });
    const head = pdf.subarray(0, 5).toString('latin1');
    expect(head).toBe('%PDF-');
    // A4 is 595 × 842 points; one page holds the whole sheet.
    const box = /\/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]/.exec(pdf.toString('latin1'));
    expect(Math.round(Number(box?.[1]))).toBe(595);
    expect(Math.round(Number(box?.[2]))).toBe(842);
    expect(pdf.toString('latin1').match(/\/Type \/Page\b/g)).toHaveLength(1);

    const after = await figures(manager);
    expect(after.delivered).toBe(before.delivered + 1);
    expect(after.volume).toBe(before.volume + 1);
    expect(after.revenue).toBe(before.revenue + order.dealPrice + order.accessoriesTotal);
    await manager.goto('/dashboard');
    await pageTitle(manager, '经营看板').waitFor();
    const deliveredStat = manager.locator('.ant-statistic').filter({ hasText: '已交车' });
    await expect
      .poll(() => deliveredStat.locator('.ant-statistic-content').textContent(), { timeout: UI_TIMEOUT })
      .toBe(String(after.delivered));

    // The funnel is a real funnel: 线索 → 到店 → 试驾 → 订单 → 交车, each stage no larger than the one before.
    const funnel = manager.getByRole('table', { name: '销售漏斗' });
    await funnel.getByText('交车', { exact: true }).waitFor();
    const stages = await funnel
      .locator('tbody tr')
      .evaluateAll((rows) =>
        rows.map((row) => [row.children[0]?.textContent, Number(row.children[1]?.textContent)] as const),
      );
    expect(stages.map(([name]) => name)).toEqual(['有效线索', '到店', '试驾', '订单', '交车']);
    const counts = stages.map(([, count]) => count);
    expect(counts[0]).toBeGreaterThan(0);
    for (let i = 1; i < counts.length; i++) expect(counts[i]).toBeLessThanOrEqual(counts[i - 1]!);
    await manager.locator('.ant-statistic').filter({ hasText: '库存系数' }).waitFor();
  }, 300_000);

  test('a BJ01 consultant opening the approval task of an SH01 order gets a refusal, not the form', async () => {
    const shanghai = await apiUser(suite.app.url, 'consultant_sh');
    const created = await shanghai.call<Order>('POST', '/api/orders', {
      customer: { name: '上海客户', mobile: uniqueMobile() },
      vehicle: { brand: 'Tesla', model: 'Model 3', trim: '豪华版', color: '冰川蓝' },
      pricing: { msrp: 24_590_000, discount: 0, accessories: [] },
      paymentMethod: 'bank_transfer',
      source: 'walk_in',
    });
    const shManager = await apiUser(suite.app.url, 'manager_sh');
    const tasks = await shManager.call<{ items: { id: string; instanceId: string; name: string }[] }>(
      'GET',
      '/api/tasks?scope=candidate&status=open&pageSize=500',
    );
    const order = await shManager.call<Order & { instanceId: string }>('GET', `/api/orders/${created.id}`);
    const task = tasks.items.find((t) => t.instanceId === order.instanceId);
    expect(task?.name).toBe('销售经理审批');

    const page = await as('consultant');
    await page.goto(`/tasks/${task?.id}`);
    const refusal = page.locator('.ant-result');
    await refusal.waitFor().catch(async (error: unknown) => {
      throw new Error(
        `no refusal at ${page.url()}: ${await page.locator('body').textContent()}\n${String(error)}`,
      );
    });
    expect(await refusal.getAttribute('class')).toMatch(/ant-result-(403|404)/);
    expect(await page.locator('.df-task-form').count()).toBe(0);
    expect(await button(page, '同意').count()).toBe(0);
    expect(await page.getByText(order.orderNo).count()).toBe(0);
  }, 120_000);
});
