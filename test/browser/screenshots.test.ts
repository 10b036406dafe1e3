/**
 * Every page of the app, opened by a user who works there, checked for its title and for the
 * absence of errors, and saved as <name>.png (1366×768, zh-CN): in a temporary folder, or in
 * docs/screenshots/ for the README with `SCREENSHOTS=docs` (fixtures/browser.ts `SCREENSHOT_DIR`).
 */
import type { Browser, Page } from 'playwright-core';
import { accessibilityViolations } from './fixtures/a11y.ts';
import { type RunningApp, startApp } from './fixtures/app.ts';
import {
  launchBrowser,
  loginAs,
  openPage,
  screenshot,
  TABLET_VIEWPORT,
  type UserPage,
} from './fixtures/browser.ts';
import { apiUser, uniqueMobile } from './fixtures/data.ts';
import { pageTitle } from './fixtures/ui.ts';

interface Shot {
  name: string;
  user: string | null;
  path: () => string;
  title: string;
  /** What else must show before the picture is taken (real data, the canvas, ...). */
  ready?: (page: Page) => Promise<void>;
}

let app: RunningApp;
let browser: Browser;
const pages = new Map<string, UserPage>();
const ids = { task: '', order: '' };

async function as(username: string | null): Promise<UserPage> {
  const key = username ?? '(anonymous)';
  const existing = pages.get(key);
  if (existing) return existing;
  const opened = await openPage(browser, app.url);
  pages.set(key, opened);
  if (username) await loginAs(opened.page, username);
  return opened;
}

/** A table with at least one data row (not the empty placeholder). */
async function tableHasRows(page: Page): Promise<void> {
  // `:visible`: collapsed panels (inventory warnings) keep hidden tables in the DOM.
  await page.locator('.ant-table-tbody tr.ant-table-row:visible').first().waitFor();
}

beforeAll(async () => {
  app = await startApp();
  browser = await launchBrowser();
  // A fresh order, so the task page shows an approval with real figures.
  const consultant = await apiUser(app.url, 'consultant');
  const order = await consultant.call<{ id: string; instanceId: string }>('POST', '/api/orders', {
    customer: { name: '张伟', mobile: uniqueMobile() },
    vehicle: { brand: 'BYD', model: '汉', trim: '尊贵版', color: '曜石黑' },
    pricing: {
      msrp: 18_980_000,
      discount: 500_000,
      accessories: [{ name: '基础包', price: 300_000 }],
      insurance: 650_000,
      registrationFee: 50_000,
      deposit: 2_000_000,
    },
    paymentMethod: 'bank_transfer',
    source: 'walk_in',
  });
  const manager = await apiUser(app.url, 'manager');
  const tasks = await manager.call<{ items: { id: string; instanceId: string }[] }>(
    'GET',
    '/api/tasks?scope=candidate&status=open&pageSize=500',
  );
  ids.task = tasks.items.find((t) => t.instanceId === order.instanceId)?.id ?? '';
  // The order detail shows a delivered demo order: the whole timeline, not one line.
  const delivered = await manager.call<{ items: { id: string }[] }>(
    'GET',
    '/api/orders?status=delivered&pageSize=1',
  );
  ids.order = delivered.items[0]?.id ?? order.id;
});

afterAll(async () => {
  for (const { context } of pages.values()) await context.close().catch(() => undefined);
  await browser?.close();
  await app?.stop();
});

const SHOTS: Shot[] = [
  { name: 'login', user: null, path: () => '/login', title: '登录 Dealerflow' },
  {
    name: 'inbox',
    user: 'manager',
    path: () => '/inbox',
    title: '待办',
    ready: async (page) => {
      // The manager's approvals wait in 待认领 (candidates); 我的待办 holds only claimed ones.
      await page.getByRole('tab', { name: /^待认领/ }).click();
      await tableHasRows(page);
    },
  },
  {
    name: 'task',
    user: 'manager',
    path: () => `/tasks/${ids.task}`,
    title: '销售经理审批',
    ready: async (page) => {
      // The decision page: the order's summary, the actions always in view, the record.
      await page.locator('.df-decision-summary').waitFor();
      await page
        .locator('.df-action-bar')
        .getByRole('button', { name: /同\s*意/ })
        .waitFor();
      await page.getByText('审批记录').first().waitFor();
    },
  },
  { name: 'orders', user: 'manager', path: () => '/orders', title: '订单管理表', ready: tableHasRows },
  {
    name: 'order-detail',
    user: 'manager',
    path: () => `/orders/${ids.order}`,
    title: '订单详情',
    ready: async (page) => {
      await pageTitle(page, '金额明细').waitFor();
    },
  },
  { name: 'new-order', user: 'consultant', path: () => '/orders/new', title: '新建订单' },
  { name: 'customers', user: 'consultant', path: () => '/customers', title: '客户', ready: tableHasRows },
  { name: 'inventory', user: 'manager', path: () => '/inventory', title: '库存', ready: tableHasRows },
  { name: 'after-sales', user: 'service', path: () => '/after-sales', title: '售后', ready: tableHasRows },
  {
    name: 'dashboard',
    user: 'manager',
    path: () => '/dashboard',
    title: '经营看板',
    ready: async (page) => {
      await page.locator('canvas').first().waitFor();
    },
  },
  {
    name: 'designer-simple',
    user: 'admin',
    path: () => '/designer/workflows/order-approval',
    title: '',
    ready: async (page) => {
      await page.getByTestId('simple-canvas').waitFor();
      expect(await page.getByLabel('流程名称').inputValue()).toBe('订单审核');
    },
  },
  {
    name: 'designer-graph',
    user: 'admin',
    path: () => '/designer/workflows/order-approval',
    title: '',
    ready: async (page) => {
      await page.getByTestId('simple-canvas').waitFor();
      await page.getByText('图模式', { exact: true }).click();
      await page.getByTestId('graph-canvas').waitFor();
      await page.locator('.react-flow__node').first().waitFor();
    },
  },
  {
    name: 'form-builder',
    user: 'admin',
    path: () => '/designer/forms/order-review',
    title: '',
    ready: async (page) => {
      await page.getByTestId('form-canvas').waitFor();
      expect(await page.getByLabel('表单标题').inputValue()).toBe('订单审核');
    },
  },
];

describe('screenshots of every page', () => {
  test.each(SHOTS)('the $name page shows its title and no error', async (shot) => {
    const { page, errors } = await as(shot.user);
    await page.goto(shot.path());
    if (shot.title) await pageTitle(page, shot.title).waitFor();
    await shot.ready?.(page);
    const path = await screenshot(page, shot.name);
    expect(path).toMatch(new RegExp(`${shot.name}\\.png$`));
    // No failed load, no 403/404/500 result, no crash of the React tree.
    expect(await page.locator('.ant-alert-error:visible, .ant-result:visible').count()).toBe(0);
    expect(errors).toEqual([]);
    // Labelled controls, named buttons, AA contrast (WCAG 2 A/AA by axe-core).
    expect(await accessibilityViolations(page)).toEqual([]);
  });
});

describe('on a tablet (768 px wide)', () => {
  test.each([
    ['manager', '/inbox', '待办'],
    ['manager', '/orders', '订单管理表'],
    ['consultant', '/orders/new', '新建订单'],
    ['consultant', '/customers', '客户'],
  ])(
    '%s sees %s without the page scrolling sideways, the menu behind the header button',
    async (user, path, title) => {
      const tablet = await openPage(browser, app.url, TABLET_VIEWPORT);
      try {
        const { page } = tablet;
        await loginAs(page, user);
        await page.goto(path);
        await pageTitle(page, title).waitFor();
        // The folded menu takes no room: the page starts at the left edge (after its 24 px margin).
        const left = async () => (await page.locator('main').boundingBox())?.x ?? -1;
        await expect.poll(left).toBeLessThan(40);
        const width = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
        expect(width[0]).toBeLessThanOrEqual(width[1] as number);
        await page.getByRole('button', { name: '展开菜单' }).click();
        await page.getByRole('button', { name: '收起菜单' }).waitFor();
        await expect.poll(left).toBeGreaterThanOrEqual(200);
        if (path === '/orders') await screenshot(page, 'orders-tablet');
      } finally {
        await tablet.context.close();
      }
    },
  );
});
