/**
 * Approvals as a decision page (issue 10 points 3 and 4), driven through the browser in zh-CN:
 * the manager returns an order, the consultant corrects the discount on the resubmit page and
 * resubmits, the manager sees the change and the note and approves; the GM adds finance (加签),
 * finance approves, the GM approves; a consultant withdraws before the manager acts; a manager
 * transfers a task. Orders are created over the API (set-up only).
 */
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { type RunningApp, startApp } from './fixtures/app.ts';
import {
  getJson,
  launchBrowser,
  loginAs,
  openPage,
  SCREENSHOT_DIR,
  screenshot,
  type UserPage,
} from './fixtures/browser.ts';
import { uniqueMobile } from './fixtures/data.ts';
import { button, chooseOption, completeTask, openTaskFromInbox, pageTitle } from './fixtures/ui.ts';

interface Order {
  id: string;
  orderNo: string;
  status: string;
  instanceId: string;
  discount: number;
}
interface Instance {
  tasks: { id: string; name: string; status: string; assignee: string | null }[];
  history: { action: string; comment?: string }[];
}

let app: RunningApp;
let browser: Browser;
const pages = new Map<string, UserPage>();

async function as(username: string, viewport?: { width: number; height: number }): Promise<Page> {
  const key = viewport ? `${username}@${viewport.width}` : username;
  const existing = pages.get(key);
  if (existing) return existing.page;
  const opened = await openPage(browser, app.url, viewport);
  pages.set(key, opened);
  await loginAs(opened.page, username);
  return opened.page;
}

/** A BYD 海豹 order with `discount` fen off (1,518,400 = 8.0%: the GM must approve too). */
async function orderWithDiscount(discount: number): Promise<Order> {
  const page = await as('consultant');
  const res = await page.request.post('/api/orders', {
    // Cookie-signed writes need this site's Origin, as the browser sends it (api/middleware/same-origin.ts).
    headers: { origin: app.url },
    data: {
      customer: { name: '钱进', mobile: uniqueMobile() },
      vehicle: { brand: 'BYD', model: '海豹', trim: '豪华版', color: '珍珠白' },
      pricing: { msrp: 18_980_000, discount, accessories: [{ name: '基础包', price: 300_000 }] },
      paymentMethod: 'bank_transfer',
      source: 'walk_in',
    },
  });
  if (res.status() !== 201) throw new Error(`POST /api/orders: ${res.status()} ${await res.text()}`);
  return (await res.json()) as Order;
}

/** The page is no wider than the window: nothing to scroll sideways to. */
async function expectNoSidewaysScroll(page: Page): Promise<void> {
  const [scrollWidth, clientWidth] = await page.evaluate(() => [
    document.documentElement.scrollWidth,
    document.documentElement.clientWidth,
  ]);
  expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
}

async function openTask(page: Page, order: Order, name: string): Promise<string> {
  const instance = await getJson<Instance>(page, `/api/instances/${order.instanceId}`);
  const task = instance.tasks.find((t) => t.status === 'open' && t.name === name);
  if (!task) throw new Error(`no open task ${name} on ${order.orderNo}`);
  return task.id;
}

/** The decision bar is on screen without scrolling. */
async function expectActionsInView(page: Page): Promise<void> {
  const bar = page.locator('.df-action-bar');
  const box = await bar.boundingBox();
  const viewport = page.viewportSize();
  expect(box).not.toBeNull();
  expect(box!.y + box!.height).toBeLessThanOrEqual(viewport!.height + 1);
  expect(box!.y).toBeGreaterThanOrEqual(0);
}

/** Chooses an action under 更多 and waits for its dialog. */
async function moreAction(page: Page, name: string): Promise<void> {
  await page
    .locator('.df-action-bar')
    .getByRole('button', { name: /更\s*多/ })
    .click();
  // The menu opens with a short motion; its item takes clicks once the motion has ended.
  await page.locator('.ant-dropdown:not(.ant-dropdown-hidden):not([class*="-appear"])').waitFor();
  await page.getByRole('menuitem', { name }).click();
  await page.getByRole('dialog').waitFor();
}

const comment = (page: Page) => page.locator('.df-action-bar textarea');

beforeAll(async () => {
  app = await startApp();
  browser = await launchBrowser();
});

afterAll(async () => {
  for (const { context } of pages.values()) await context.close().catch(() => undefined);
  await browser?.close();
  await app?.stop();
});

afterEach((context) => {
  if (context.task.result?.state === 'fail') console.error(app.output().slice(-4000));
});

describe('approval decisions in the browser', () => {
  it('returns an order, has it corrected on the resubmit page, and approves the change', async () => {
    const order = await orderWithDiscount(1_518_400);
    const manager = await as('manager');
    await openTaskFromInbox(manager, '待认领', order.orderNo, '销售经理审批');
    await manager.getByText('优惠 8.0% 超过门店权限 5%，需总经理审批').waitFor();
    await manager.getByText('¥15,184.00（8.0%）').waitFor();
    await expectActionsInView(manager);
    await screenshot(manager, 'decision-manager-review');
    // The print / PDF view: the order and its approval record, without the shell and the buttons.
    await manager.emulateMedia({ media: 'print' });
    expect(await manager.locator('.df-action-bar').isVisible()).toBe(false);
    await manager.screenshot({ path: join(SCREENSHOT_DIR, 'decision-print.png'), fullPage: true });
    await manager.emulateMedia({ media: 'screen' });
    await comment(manager).fill('优惠太高，请降到 5% 以内');
    await completeTask(manager, '退回');

    const consultant = await as('consultant');
    await openTaskFromInbox(consultant, '我的待办', order.orderNo, '修改订单并重新提交');
    // The return reason is read, not a grey input; the order is corrected in place.
    await consultant.getByText('优惠太高，请降到 5% 以内').first().waitFor();
    const discount = consultant.locator('.df-order-edit').getByLabel('优惠', { exact: true });
    await discount.fill('8000');
    await comment(consultant).fill('与客户确认，优惠降到 8,000 元');
    await screenshot(consultant, 'decision-resubmit');
    await completeTask(consultant, '重新提交');
    const corrected = await getJson<Order>(consultant, `/api/orders/${order.id}`);
    expect(corrected).toMatchObject({ status: 'pending', discount: 800_000 });

    await openTaskFromInbox(manager, '待认领', order.orderNo, '销售经理审批');
    const changes = manager.locator('.df-order-changes');
    await changes.getByText('¥15,184.00').first().waitFor();
    await changes.getByText('¥8,000.00').first().waitFor();
    await changes.getByText('与客户确认，优惠降到 8,000 元').waitFor();
    // His own old return reason is not prefilled.
    expect(await comment(manager).inputValue()).toBe('');
    await screenshot(manager, 'decision-manager-sees-changes');
    await comment(manager).fill('同意');
    await completeTask(manager, '同意');
    expect((await getJson<Order>(manager, `/api/orders/${order.id}`)).status).toBe('approved');
    const record = await getJson<Instance>(manager, `/api/instances/${order.instanceId}`);
    expect(record.history.map((h) => h.comment).filter(Boolean)).toEqual(
      expect.arrayContaining(['优惠太高，请降到 5% 以内', '同意']),
    );
  });

  it('lets the GM add finance before him (加签); finance approves, then the GM', async () => {
    const order = await orderWithDiscount(1_518_400);
    const manager = await as('manager');
    await openTaskFromInbox(manager, '待认领', order.orderNo, '销售经理审批');
    await completeTask(manager, '同意');

    const gm = await as('gm');
    await openTaskFromInbox(gm, '待认领', order.orderNo, '总经理审批');
    await comment(gm).fill('请财务先核对定金政策');
    await moreAction(gm, '加签');
    const dialog = gm.getByRole('dialog');
    await chooseOption(gm, '选择加签人', '张敏 (finance)');
    // A multiple select stays open after a choice: a click on the dialog's title closes it.
    await dialog.locator('.ant-modal-title').click();
    await dialog.getByRole('radio', { name: '在我之前' }).check();
    await dialog.getByRole('button', { name: /确\s*定/ }).click();
    await dialog.waitFor({ state: 'hidden' });

    const finance = await as('finance');
    await openTaskFromInbox(finance, '我的待办', order.orderNo, '总经理审批');
    await comment(finance).fill('定金政策无误');
    await completeTask(finance, '同意');

    await openTaskFromInbox(gm, '我的待办', order.orderNo, '总经理审批');
    await completeTask(gm, '同意');
    expect((await getJson<Order>(gm, `/api/orders/${order.id}`)).status).toBe('approved');
  });

  it('lets the consultant withdraw an order before the manager acts', async () => {
    const order = await orderWithDiscount(300_000);
    const consultant = await as('consultant');
    const taskId = await openTask(consultant, order, '销售经理审批');
    await consultant.goto(`/tasks/${taskId}`);
    await pageTitle(consultant, '销售经理审批').waitFor();
    await comment(consultant).fill('客户改变主意');
    await button(consultant, '撤回').click();
    await consultant
      .getByRole('tooltip')
      .getByRole('button', { name: /确\s*定|OK/ })
      .click();
    await consultant.waitForURL((url) => url.pathname === '/inbox');
    expect((await getJson<Order>(consultant, `/api/orders/${order.id}`)).status).toBe('cancelled');
  });

  it('lets a manager transfer a task to the general manager, and shows the actions at phone width', async () => {
    const order = await orderWithDiscount(300_000);
    const phone = await as('manager', { width: 390, height: 844 });
    // The inbox, the order and the task page fit a phone: no sideways scrolling, the header folded.
    await phone.goto('/inbox');
    await phone.getByRole('tab', { name: /^待认领/ }).waitFor();
    await phone.getByRole('button', { name: '账户' }).waitFor();
    await expectNoSidewaysScroll(phone);
    await screenshot(phone, 'inbox-phone');
    await phone.goto(`/orders/${order.id}`);
    await phone.getByText(order.orderNo).first().waitFor();
    await expectNoSidewaysScroll(phone);
    await screenshot(phone, 'order-phone');
    const taskId = await openTask(phone, order, '销售经理审批');
    await phone.goto(`/tasks/${taskId}`);
    await pageTitle(phone, '销售经理审批').waitFor();
    await expectActionsInView(phone);
    await expectNoSidewaysScroll(phone);
    await screenshot(phone, 'decision-phone');
    // A task stays in its store: the store's manager hands it to the group's GM (another store's
    // manager is refused, engine/task-actions.ts).
    await comment(phone).fill('我出差，请周总处理');
    await moreAction(phone, '转交');
    // Typed, as on a phone: the search narrows the list to one person, Enter takes them.
    const picker = phone.getByLabel('选择同事', { exact: true });
    // The picker offers the task's store and the group, never another store's people (the server
    // would refuse them at /to): 赵磊 of BJ01 is there, 孙伟 of SH01 is not.
    await picker.fill('赵磊');
    await phone.locator('.ant-select-item-option[title="赵磊 (consultant2)"]:visible').waitFor();
    await picker.fill('孙伟');
    await phone.locator('.ant-select-dropdown:visible .ant-empty').waitFor();
    expect(await phone.locator('.ant-select-item-option[title="孙伟 (manager_sh)"]').count()).toBe(0);
    await picker.fill('周总');
    await phone.locator('.ant-select-item-option[title="周总 (gm)"]:visible').waitFor();
    await picker.press('Enter');
    await phone
      .getByRole('dialog')
      .getByRole('button', { name: /确\s*定/ })
      .click();
    await phone.waitForURL((url) => url.pathname === '/inbox');

    const other = await as('gm');
    await openTaskFromInbox(other, '我的待办', order.orderNo, '销售经理审批');
    await other.getByText('我出差，请周总处理').first().waitFor();
  });
});
