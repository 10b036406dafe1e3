/**
 * The shipped 维修结算 form in the browser (issue 9): finance settles a work order choosing 自付, so
 * the conditional 付款方式 appears (it used to crash the page: "uiSchema order list does not contain
 * property 'method'"). The demo's work order in repair is brought to settlement over the API (set-up);
 * the settlement itself is done in the page.
 */
import type { Browser } from 'playwright-core';
import { type RunningApp, startApp } from './fixtures/app.ts';
import { launchBrowser, loginAs, openPage, type UserPage } from './fixtures/browser.ts';
import { apiUser } from './fixtures/data.ts';
import { completeTask, pageTitle } from './fixtures/ui.ts';

interface TaskRow {
  id: string;
  name: string;
  instanceId: string;
  status: string;
}

let app: RunningApp;
let browser: Browser;
let opened: UserPage | undefined;

beforeAll(async () => {
  app = await startApp();
  browser = await launchBrowser();
});

afterAll(async () => {
  await opened?.context.close().catch(() => undefined);
  await browser?.close();
  await app?.stop();
});

it('finance completes 维修结算 choosing 自付, with 付款方式 shown only then', async () => {
  const service = await apiUser(app.url, 'service');
  const open = async (name: string) =>
    (
      await service.call<{ items: TaskRow[] }>(
        'GET',
        `/api/tasks?scope=all&workflowKey=after-sales&q=${encodeURIComponent(name)}`,
      )
    ).items;
  const repair = (await open('维修施工'))[0];
  if (!repair) throw new Error('the demo has no work order in repair');
  await service.call('POST', `/api/tasks/${repair.id}/complete`, {
    outcome: 'complete',
    data: { technician: '王师傅', workDone: '更换机油机滤' },
  });
  const qc = (await open('质检签字')).find((t) => t.instanceId === repair.instanceId);
  if (!qc) throw new Error('no QC task after the repair');
  await service.call('POST', `/api/tasks/${qc.id}/complete`, {
    outcome: 'pass',
    data: { inspector: '陈静', roadTested: true },
  });
  const finance = await apiUser(app.url, 'finance');
  const [settlement] = (
    await finance.call<{ items: TaskRow[] }>('GET', `/api/tasks?scope=all&instanceId=${repair.instanceId}`)
  ).items;
  expect(settlement?.name).toBe('维修结算');

  opened = await openPage(browser, app.url);
  const { page, errors } = opened;
  await loginAs(page, 'finance');
  await page.goto(`/tasks/${settlement!.id}`);
  await pageTitle(page, '维修结算').waitFor();
  const method = page.getByText('付款方式', { exact: true });
  expect(await method.count()).toBe(0);

  await page.getByRole('radio', { name: '自付' }).check();
  await method.waitFor();
  await page.getByRole('radio', { name: '现金' }).check();
  await page.getByLabel('客户实付金额', { exact: true }).fill('350');
  await completeTask(page, '结算');
  expect(errors).toEqual([]);

  const done = await finance.call<{ status: string }>('GET', `/api/tasks/${settlement!.id}`);
  expect(done.status).toBe('completed');
  const instance = await service.call<{ context: Record<string, unknown> }>(
    'GET',
    `/api/instances/${repair.instanceId}`,
  );
  expect(instance.context).toMatchObject({ payer: 'self_pay', method: 'cash', amount: 35000 });
});
