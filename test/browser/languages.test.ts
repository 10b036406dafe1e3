/**
 * The shipped flows speak the user's language (issue 11 point 6): in English the inbox names the
 * task in English, the task page shows the form's English labels and the order's timeline reads in
 * English; switched back to 中文, the same screens read in Chinese. The order is created over the
 * API (set-up only); the language is switched with the header's switch, as a user does.
 */
import type { Browser, Page } from 'playwright-core';
import { type RunningApp, startApp } from './fixtures/app.ts';
import { launchBrowser, screenshot, UserPages } from './fixtures/browser.ts';
import { uniqueMobile } from './fixtures/data.ts';
import { pageTitle } from './fixtures/ui.ts';

interface Order {
  id: string;
  orderNo: string;
}

let app: RunningApp;
let browser: Browser;
const users = new UserPages(
  () => browser,
  () => app.url,
);

beforeAll(async () => {
  app = await startApp();
  browser = await launchBrowser();
});

afterAll(async () => {
  await users.close();
  await browser?.close();
  await app?.stop();
});

afterEach((context) => {
  if (context.task.result?.state === 'fail') console.error(app.output().slice(-4000));
});

async function newOrder(page: Page): Promise<Order> {
  const res = await page.request.post('/api/orders', {
    headers: { origin: app.url },
    data: {
      customer: { name: '钱进', mobile: uniqueMobile() },
      vehicle: { brand: 'BYD', model: '海豹', trim: '豪华版', color: '珍珠白' },
      pricing: { msrp: 18_980_000, discount: 300_000, accessories: [] },
      paymentMethod: 'bank_transfer',
      source: 'walk_in',
    },
  });
  if (res.status() !== 201) throw new Error(`POST /api/orders: ${res.status()} ${await res.text()}`);
  return (await res.json()) as Order;
}

/** Switches the header's language switch to `label` (中文 / EN). */
async function switchLanguage(page: Page, label: '中文' | 'EN'): Promise<void> {
  await page.locator('.ant-segmented').getByText(label, { exact: true }).click();
  await page.waitForFunction(
    (lang) => document.documentElement.lang === lang,
    label === 'EN' ? 'en' : 'zh-CN',
  );
}

/** Opens the order's task from the inbox's to-claim tab, searching by the order number. */
async function openFromInbox(
  page: Page,
  tab: RegExp,
  search: string,
  orderNo: string,
  task: string,
  shot: string,
) {
  await page.goto('/inbox');
  await page.getByRole('tab', { name: tab }).click();
  const box = page.getByPlaceholder(search);
  await box.fill(orderNo);
  await box.press('Enter');
  const link = page
    .getByRole('row')
    .filter({ hasText: orderNo })
    .getByRole('link', { name: task, exact: true });
  await link.waitFor();
  await screenshot(page, shot);
  await link.click();
  await page.waitForURL(/\/tasks\//);
  await pageTitle(page, task).waitFor();
}

describe('one language per screen', () => {
  it('shows the inbox, the task form and the order timeline in English, then in Chinese', async () => {
    const order = await newOrder(await users.as('consultant'));
    const manager = await users.as('manager');

    await switchLanguage(manager, 'EN');
    await openFromInbox(
      manager,
      /^To claim/,
      'Search tasks, order no.',
      order.orderNo,
      'Sales manager review',
      'inbox-en',
    );
    // The form's labels, as the English translation of order-review names them.
    for (const label of ['Concession rate', 'Gross profit per unit', 'On-the-road price']) {
      await manager.getByText(label, { exact: true }).first().waitFor();
    }
    await screenshot(manager, 'task-en');
    await manager.goto(`/orders/${order.id}`);
    const timeline = manager.locator('.ant-card').filter({ hasText: 'Timeline' }).first();
    await timeline.getByText(/李娜 → Pending: Order created/).waitFor();
    // Nothing but the people's own names is in Chinese.
    expect((await timeline.textContent())?.replaceAll('李娜', '')).not.toMatch(/[\u4e00-\u9fff]/);
    await timeline.scrollIntoViewIfNeeded();
    await screenshot(manager, 'order-timeline-en');

    await switchLanguage(manager, '中文');
    await openFromInbox(manager, /^待认领/, '搜索任务、单号', order.orderNo, '销售经理审批', 'inbox-zh');
    for (const label of ['优惠比例', '单车毛利', '落地价']) {
      await manager.getByText(label, { exact: true }).first().waitFor();
    }
    await manager.goto(`/orders/${order.id}`);
    await manager.getByText(/李娜 → 未处理：创建订单/).waitFor();
    await manager.getByText(/李娜 → 未处理：创建订单/).scrollIntoViewIfNeeded();
    await screenshot(manager, 'order-timeline-zh');
  });
});
