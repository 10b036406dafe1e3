/**
 * The after-sales desk as its people see it (issue #11, point 4): the advisor opens a work order from
 * the car found by plate or VIN (a wrong check digit refused at the field), sees its number — not a
 * UUID — in the inbox, passes QC and sees 待结算 and who settles it; a complaint's record task opens
 * with what the drawer took down and the sales manager picks its handler from a list of people; and a
 * car handed over in the delivery flow shows up under 保养提醒 when the desk's clock reaches its first
 * service. The API is used only for set-up and for steps other people take.
 */
import type { Browser, Page } from 'playwright-core';
import { type RunningApp, startApp } from './fixtures/app.ts';
import {
  buttonName,
  launchBrowser,
  screenshot,
  UI_TIMEOUT,
  UserPages,
  waitForQuiet,
} from './fixtures/browser.ts';
import { type ApiUser, apiUser, uniqueMobile, validVin } from './fixtures/data.ts';
import { button, completeTask, openSelect, openTaskFromInbox, pageTitle } from './fixtures/ui.ts';

interface Order {
  id: string;
  orderNo: string;
  total: number;
  instanceId: string;
  flows: { instanceId: string; workflowKey: string }[];
}
interface Instance {
  tasks: { id: string; status: string }[];
}

const DAY_MS = 86_400_000;

let app: RunningApp;
let browser: Browser;
const users = new UserPages(
  () => browser,
  () => app.url,
);
const as = (username: string): Promise<Page> => users.as(username);

/** Completes the open task of an instance over the API as `user` (someone else's step). */
async function completeOpen(
  user: ApiUser,
  instanceId: string,
  outcome: string,
  data: Record<string, unknown> = {},
): Promise<void> {
  const instance = await user.call<Instance>('GET', `/api/instances/${instanceId}`);
  const task = instance.tasks.find((t) => t.status === 'open');
  if (!task) throw new Error(`instance ${instanceId} has no open task`);
  await user.call('POST', `/api/tasks/${task.id}/complete`, { outcome, data });
}

/** A car sold and handed over through the order, payment and delivery flows. */
interface SoldCar {
  vin: string;
  customerName: string;
  mobile: string;
  plate: string;
}

/** Sells `car.vin` to `car.customerName` and hands it over, each step by its own person. */
async function sellAndDeliver(car: SoldCar): Promise<void> {
  const [logistics, consultant, manager, finance] = await Promise.all([
    apiUser(app.url, 'logistics'),
    apiUser(app.url, 'consultant'),
    apiUser(app.url, 'manager'),
    apiUser(app.url, 'finance'),
  ]);
  await logistics.call('POST', '/api/vehicles', {
    vin: car.vin,
    brand: 'BYD',
    model: '海豹',
    trim: '豪华版',
    exteriorColor: '冰川蓝',
    productionDate: '2026-10-01',
    listPrice: 18_980_000,
    cost: 17_000_000,
  });
  const order = await consultant.call<Order>('POST', '/api/orders', {
    customer: { name: car.customerName, mobile: car.mobile },
    vehicle: { brand: 'BYD', model: '海豹', trim: '豪华版', color: '冰川蓝', vin: car.vin },
    pricing: { msrp: 18_980_000, discount: 0, accessories: [] },
    paymentMethod: 'bank_transfer',
    source: 'walk_in',
  });
  await completeOpen(manager, order.instanceId, 'approve', { reviewComment: '同意' });
  const flow = async (key: string) =>
    (await consultant.call<Order>('GET', `/api/orders/${order.id}`)).flows.find((f) => f.workflowKey === key)!
      .instanceId;
  await completeOpen(finance, await flow('payment'), 'confirm', {
    amount: order.total,
    method: 'bank_transfer',
  });
  const delivery = await flow('delivery');
  await completeOpen(logistics, delivery, 'confirm', { vin: car.vin });
  const pdi = { exterior: true, engineBay: true, interior: true, afterStart: true, roadTest: true };
  await completeOpen(logistics, delivery, 'pass', pdi);
  await completeOpen(consultant, delivery, 'schedule', {
    appointmentDate: new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10),
    timeSlot: 'morning',
  });
  await completeOpen(consultant, delivery, 'deliver', {
    documents: ['invoice', 'certificate', 'warrantyCard', 'insurancePolicy', 'manuals'],
    keysCount: 2,
    customerSignature: car.customerName,
  });
}

const car: SoldCar = {
  vin: validVin('LGXC16DG', 'R0'),
  customerName: `保养客户${Date.now() % 10_000}`,
  mobile: uniqueMobile(),
  plate: `京B${String(Date.now() % 100_000).padStart(5, '0')}`,
};
/** The work order the advisor opens in the first test, for the later ones. */
let serviceOrder: { id: string; serviceNo: string; instanceId: string };

beforeAll(async () => {
  app = await startApp();
  browser = await launchBrowser();
  await sellAndDeliver(car);
  // An earlier visit recorded the plate: the desk can find the car by it.
  const service = await apiUser(app.url, 'service');
  const earlier = await service.call<{ instanceId: string }>('POST', '/api/service-orders', {
    customerName: car.customerName,
    mobile: car.mobile,
    vin: car.vin,
    plate: car.plate,
    complaint: '洗车',
  });
  await completeOpen(service, earlier.instanceId, 'cancel');
}, 240_000);

afterAll(async () => {
  await users.close();
  await browser?.close();
  await app?.stop();
});

afterEach(async (context) => {
  if (context.task.result?.state !== 'fail') return;
  console.error(app.output().slice(-4000));
  for (const name of ['service', 'manager']) {
    const opened = users.get(name);
    if (!opened) continue;
    console.error(`${name} page errors:`, opened.errors);
    await screenshot(opened.page, `failed-${name}`).catch(() => undefined);
  }
});

/** Types into the drawer's car lookup and waits for the found car's row. */
async function lookUp(page: Page, typed: string) {
  const search = page.getByLabel('查找车辆', { exact: true });
  await search.fill(typed);
  await search.press('Enter');
  const row = page.getByTestId('sold-cars').locator('.ant-list-item').filter({ hasText: car.vin });
  await row.waitFor();
  return row;
}

describe('the service desk', () => {
  test('the advisor finds the car by plate and by VIN, a wrong check digit is refused at the field, and the inbox shows the number', async () => {
    const page = await as('service');
    await page.goto('/after-sales');
    await pageTitle(page, '售后').waitFor();
    await page.getByRole('button', { name: /新建工单/ }).click();
    const drawer = page.locator('.ant-drawer').filter({ hasText: '新建工单' });
    await drawer.getByLabel('VIN', { exact: true }).waitFor();

    const byPlate = await lookUp(page, car.plate.toLowerCase());
    expect(await byPlate.textContent()).toContain(car.customerName);
    await byPlate.getByRole('button', { name: buttonName('选用') }).click();
    await expect.poll(() => drawer.getByLabel('VIN', { exact: true }).inputValue()).toBe(car.vin);
    expect(await drawer.getByLabel('客户', { exact: true }).inputValue()).toBe(car.customerName);
    expect(await drawer.getByLabel('手机号').inputValue()).toBe(car.mobile);

    const byVin = await lookUp(page, car.vin);
    expect(await byVin.textContent()).toContain(car.plate);
    await screenshot(page, 'after-sales-lookup');

    // One wrong character at position 9: the check digit no longer matches.
    const vinField = drawer.getByLabel('VIN', { exact: true });
    const wrongDigit = car.vin[8] === '0' ? '1' : '0';
    await vinField.fill(`${car.vin.slice(0, 8)}${wrongDigit}${car.vin.slice(9)}`);
    await vinField.blur();
    const fieldError = drawer
      .locator('.ant-form-item')
      .filter({ has: page.getByLabel('VIN', { exact: true }) })
      .locator('.ant-form-item-explain-error');
    await fieldError.getByText('VIN 校验位（第 9 位）不符，请核对 VIN').waitFor();
    await screenshot(page, 'after-sales-vin-check-digit');
    await vinField.fill(car.vin);
    await fieldError.waitFor({ state: 'detached' });

    await drawer.getByLabel('故障描述').fill('首次保养');
    await button(page, '提交').click();
    await page.waitForURL(/\/after-sales\/service-orders\/[0-9a-f-]{36}$/);
    const id = new URL(page.url()).pathname.split('/').pop() ?? '';
    serviceOrder = await (await page.request.get(`/api/service-orders/${id}`)).json();
    expect(serviceOrder.serviceNo).toMatch(/^WXBJ01\d{8}\d{4}$/);
    await pageTitle(page, `维修工单 ${serviceOrder.serviceNo}`).waitFor();

    await page.goto('/inbox');
    await page.getByRole('tab', { name: /^我的待办/ }).click();
    const search = page.getByPlaceholder('搜索任务、单号');
    await search.fill(serviceOrder.serviceNo);
    await search.press('Enter');
    const row = page.getByRole('row').filter({ hasText: serviceOrder.serviceNo });
    await row.getByRole('link', { name: '预约到店确认' }).waitFor();
    expect(await row.textContent()).not.toContain(id);
    await screenshot(page, 'after-sales-inbox-number');
  }, 240_000);

  test('QC passed puts the work order at 待结算, and the advisor sees finance (张敏) holds the next step', async () => {
    const service = await apiUser(app.url, 'service');
    const { instanceId } = serviceOrder;
    await completeOpen(service, instanceId, 'arrive');
    await completeOpen(service, instanceId, 'submit', { mileage: 4_800, complaint: '首次保养' });
    await completeOpen(service, instanceId, 'quote', {
      diagnosis: '常规保养',
      quoteTotal: 60_000,
      diagnosisFee: 0,
    });
    await completeOpen(service, instanceId, 'approve', { confirmChannel: 'onsite' });
    await completeOpen(service, instanceId, 'complete', { technician: '赵师傅', workDone: '更换机油机滤' });

    const page = await as('service');
    await openTaskFromInbox(page, '待认领', serviceOrder.serviceNo, '质检签字');
    await page.getByLabel('质检员').fill('钱工');
    await completeTask(page, '通过');

    await page.goto(`/after-sales/service-orders/${serviceOrder.id}`);
    await page.locator('.ant-tag').getByText('待结算', { exact: true }).waitFor();
    const step = page.getByTestId('next-step').filter({ hasText: '维修结算' });
    await step.getByText('处理人：张敏').waitFor();
    await screenshot(page, 'after-sales-awaiting-settlement');
  }, 240_000);
});

describe('complaints', () => {
  test('the record task starts with what the drawer took down, and the manager picks the handler from a list', async () => {
    const page = await as('service');
    await page.goto('/after-sales');
    await page.getByRole('tab', { name: '投诉' }).click();
    await page.getByRole('button', { name: /登记投诉/ }).click();
    const drawer = page.locator('.ant-drawer').filter({ hasText: '登记投诉' });
    const mobile = uniqueMobile();
    await drawer.getByLabel('客户', { exact: true }).fill('投诉客户');
    await drawer.getByLabel('手机号').fill(mobile);
    await selectChannel(page, drawer, '微信');
    await drawer.getByLabel('投诉内容').fill('保养后仍有异响，要求复查');
    await button(page, '提交').click();
    const row = page.getByRole('row').filter({ hasText: '保养后仍有异响' }).first();
    await row.waitFor();
    const complaintNo = (await row.getByText(/^TSBJ01\d{12}$/).textContent()) ?? '';
    expect(complaintNo).toMatch(/^TSBJ01\d{12}$/);

    await openTaskFromInbox(page, '待认领', complaintNo, '投诉登记');
    expect(await page.getByLabel('手机号').inputValue()).toBe(mobile);
    expect(await page.getByLabel('投诉内容').inputValue()).toBe('保养后仍有异响，要求复查');
    expect(await page.getByRole('radio', { name: '微信' }).isChecked()).toBe(true);
    await screenshot(page, 'complaint-record-prefilled');
    await completeTask(page, '提交');

    const manager = await as('manager');
    await openTaskFromInbox(manager, '待认领', complaintNo, '分派投诉处理人');
    const picker = manager.getByLabel('处理人', { exact: true });
    const dropdown = await openSelect(manager, picker);
    await picker.pressSequentially('陈静');
    await dropdown.getByTitle(/陈静/).click();
    await screenshot(manager, 'complaint-handler-picked');
    await completeTask(manager, '分派');

    await page.goto('/inbox');
    await page.getByRole('tab', { name: /^我的待办/ }).click();
    const search = page.getByPlaceholder('搜索任务、单号');
    await search.fill(complaintNo);
    await search.press('Enter');
    await page
      .getByRole('row')
      .filter({ hasText: complaintNo })
      .getByRole('link', { name: '处理投诉（24小时内）' })
      .waitFor({ timeout: UI_TIMEOUT });
  }, 240_000);
});

/** Picks a complaint channel in the drawer's select. */
async function selectChannel(page: Page, drawer: ReturnType<Page['locator']>, label: string) {
  const dropdown = await openSelect(page, drawer.getByLabel('渠道'));
  await dropdown.locator(`.ant-select-item-option[title="${label}"]`).click();
  await dropdown.waitFor({ state: 'hidden' });
}

describe('maintenance reminders', () => {
  test('a car handed over today is due for its first service when the desk’s clock reaches it', async () => {
    const page = await as('service');
    const reminders = async () => {
      await page.goto('/after-sales');
      await page.getByRole('tab', { name: '保养提醒' }).click();
      await page.getByText('7 天内', { exact: true }).click();
      await page.getByRole('columnheader', { name: '到期里程' }).waitFor();
      await waitForQuiet(page);
    };
    await reminders();
    expect(await page.getByRole('row').filter({ hasText: car.vin }).count()).toBe(0);

    // Three months less two days later (first service: 3 months / 5,000 km after the hand-over).
    await page.clock.install({ time: new Date(Date.now() + 88 * DAY_MS) });
    await reminders();
    const row = page.getByRole('row').filter({ hasText: car.vin });
    await row.getByText(car.customerName).waitFor();
    expect(await row.textContent()).toContain('5000 km');
    await screenshot(page, 'maintenance-reminder-after-delivery');
  }, 240_000);
});
