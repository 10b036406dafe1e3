/**
 * The message centre live (issue 10 point 6), in zh-CN: the manager has the app open; a consultant
 * creates an order (over the API: the point is the manager's page); the outbox worker delivers the
 * task's arrival notice, the manager's bell count rises and the task appears in its drawer without a
 * reload; opening it marks it read and goes to the task.
 */
import type { Browser, Page } from 'playwright-core';
import { type RunningApp, startApp } from './fixtures/app.ts';
import { launchBrowser, loginAs, openPage, screenshot, type UserPage } from './fixtures/browser.ts';
import { uniqueMobile } from './fixtures/data.ts';
import { pageTitle } from './fixtures/ui.ts';

let app: RunningApp;
let browser: Browser;
const pages: UserPage[] = [];

async function as(username: string): Promise<Page> {
  const opened = await openPage(browser, app.url);
  pages.push(opened);
  await loginAs(opened.page, username);
  return opened.page;
}

/** Waits until the bell's accessible name (`消息（3 条未读）`, `消息` for none) shows a count that `ok` accepts. */
async function bellCount(page: Page, ok: 'equal' | 'more' | 'less', n: number): Promise<void> {
  await page.waitForFunction(
    ([ok, n]) => {
      const label = document.querySelector('[data-testid="notification-bell"]')?.getAttribute('aria-label');
      if (!label) return false;
      const count = Number(/（(\d+) 条未读）/.exec(label)?.[1] ?? 0);
      return ok === 'equal' ? count === n : ok === 'more' ? count > n : count < n;
    },
    [ok, n] as const,
  );
}

/** The unread count the server has for the page's user. */
async function serverUnread(page: Page): Promise<number> {
  const res = await page.request.get('/api/notifications?pageSize=1');
  expect(res.ok()).toBe(true);
  return ((await res.json()) as { unread: number }).unread;
}

beforeAll(async () => {
  // The worker delivers arrival notices on its interval: a short one keeps the wait short.
  app = await startApp({ OUTBOX_INTERVAL_MS: '250' });
  browser = await launchBrowser();
});

afterAll(async () => {
  for (const { context } of pages) await context.close().catch(() => undefined);
  await browser?.close();
  await app?.stop();
});

afterEach((context) => {
  if (context.task.result?.state === 'fail') console.error(app.output().slice(-4000));
});

describe('the message centre', () => {
  it('shows a new task in the bell without a reload, and opens it', async () => {
    const manager = await as('manager');
    // The bell has loaded: it shows what the server counts.
    const before = await serverUnread(manager);
    await bellCount(manager, 'equal', before);
    // Set on this document: a reload or a full navigation would lose it.
    await manager.evaluate(() => {
      (window as unknown as { stillHere: boolean }).stillHere = true;
    });

    const consultant = await as('consultant');
    const res = await consultant.request.post('/api/orders', {
      // Cookie-signed writes need this site's Origin, as the browser sends it (api/middleware/same-origin.ts).
      headers: { origin: app.url },
      data: {
        customer: { name: '孙悦', mobile: uniqueMobile() },
        vehicle: { brand: 'BYD', model: '海豹', trim: '豪华版', color: '珍珠白' },
        pricing: { msrp: 18_980_000, discount: 300_000, accessories: [] },
        paymentMethod: 'bank_transfer',
        source: 'walk_in',
      },
    });
    expect(res.status()).toBe(201);
    const order = (await res.json()) as { orderNo: string };

    // The count rises on the page the manager already has open.
    await bellCount(manager, 'more', before);
    await manager.getByTestId('notification-bell').click();
    const entry = manager
      .locator('.notification-drawer')
      .getByTestId('notification')
      .filter({ hasText: order.orderNo });
    await entry.getByText('销售经理审批').waitFor();
    await screenshot(manager, 'message-centre-new-task');
    expect(await manager.evaluate(() => (window as unknown as { stillHere?: boolean }).stillHere)).toBe(true);

    const after = await serverUnread(manager);
    await entry.click();
    await manager.waitForURL(/\/tasks\/[0-9a-f-]{36}$/);
    await pageTitle(manager, '销售经理审批').waitFor();
    await manager.getByText(order.orderNo).first().waitFor();
    // Opened: read, one fewer unread.
    await bellCount(manager, 'less', after);
    expect(await manager.evaluate(() => (window as unknown as { stillHere?: boolean }).stillHere)).toBe(true);
  });
});
