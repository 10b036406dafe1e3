/**
 * 工作日历: an admin opens the business calendar of a store, adds a public holiday and saves; the store
 * then has its own calendar, which the API returns.
 */
import type { Browser } from 'playwright-core';
import { type RunningApp, startApp } from './fixtures/app.ts';
import { launchBrowser, loginAs, openPage, screenshot, UI_TIMEOUT } from './fixtures/browser.ts';
import { apiUser } from './fixtures/data.ts';

let app: RunningApp;
let browser: Browser;

beforeAll(async () => {
  app = await startApp();
  browser = await launchBrowser();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

it('lets an admin add a public holiday to a store’s calendar', async () => {
  const { page } = await openPage(browser, app.url);
  await loginAs(page, 'admin');
  await page.goto(`${app.url}/designer/calendar`);
  await page.getByText('默认日历').waitFor({ timeout: UI_TIMEOUT });
  const holidays = page.getByLabel('法定节假日');
  await holidays.fill('2027-01-01');
  await holidays.press('Enter');
  await page.getByRole('button', { name: /保\s*存/ }).click();
  await page.getByText('门店自定义').waitFor({ timeout: UI_TIMEOUT });
  await screenshot(page, 'business-calendar');
  const admin = await apiUser(app.url, 'admin');
  const stores = await admin.call<{ storeId: string; calendar: { holidays: string[] } }>(
    'GET',
    '/api/stores/BJ01/calendar',
  );
  expect(stores.calendar.holidays).toContain('2027-01-01');
}, 120_000);
