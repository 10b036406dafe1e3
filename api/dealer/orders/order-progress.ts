/**
 * Where an order stands, in the words the store uses: "待王强审批", "待财务收款（尾款 ¥182,000.00）",
 * "车辆在途，预计 12月12日 到店" — read from the open tasks of the order's flows (approval, payment,
 * delivery all carry the order number as business key), the payments received and the ETA the
 * transit step recorded. One batch of queries for a page of the order table.
 */

import { and, eq, inArray } from 'drizzle-orm';
import { type Lang, orderStatusLabel } from '../../../dealer-rules/labels.ts';
import { formatYuan } from '../../../dealer-rules/money.ts';
import type { Executor } from '../../../engine/store/db.ts';
import { instances, tasks } from '../../../engine/store/schema.ts';
import { shippedText } from '../../../workflows/index.ts';
import { userRoles, users } from '../../store/schema.ts';
import { payments } from '../schema.ts';

/** What the order table and the order page say about an order's next step. */
export interface OrderProgress {
  /** The sentence: "待王强审批". */
  text: string;
  /** The open task's name, when one waits. */
  taskName: string | null;
  /** Who may act now, by display name. */
  people: string[];
  dueAt: string | null;
}

/** The order facts the sentence needs. */
export interface ProgressFacts {
  id: string;
  orderNo: string;
  status: string;
  total: number;
  deposit: number;
  eta: string | null;
}

interface OpenTask {
  businessKey: string | null;
  workflowKey: string;
  state: string;
  name: string;
  assignee: string | null;
  candidateUsers: string[];
  candidateRoles: string[];
  storeId: string | null;
  dueAt: string | null;
}

/** Month and day in China Standard Time: `12月12日` (`Dec 12`). */
function monthDay(at: string, lang: Lang): string {
  const cst = new Date(new Date(at).getTime() + 8 * 3_600_000);
  const month = cst.getUTCMonth() + 1;
  const day = cst.getUTCDate();
  if (lang === 'en') {
    return `${cst.toLocaleString('en-US', { month: 'short', timeZone: 'UTC' })} ${day}`;
  }
  return `${month}月${day}日`;
}

async function openTasksOf(db: Executor, orderNos: string[]): Promise<OpenTask[]> {
  if (orderNos.length === 0) return [];
  const rows = await db
    .select({
      businessKey: instances.businessKey,
      workflowKey: instances.workflowKey,
      state: tasks.state,
      name: tasks.name,
      assignee: tasks.assignee,
      candidateUsers: tasks.candidateUsers,
      candidateRoles: tasks.candidateRoles,
      storeId: tasks.storeId,
      dueAt: tasks.dueAt,
    })
    .from(tasks)
    .innerJoin(instances, eq(instances.id, tasks.instanceId))
    .where(and(inArray(instances.businessKey, orderNos), eq(tasks.status, 'open')))
    .orderBy(tasks.createdAt);
  return rows.map((r) => ({ ...r, dueAt: r.dueAt ? new Date(r.dueAt).toISOString() : null }));
}

/** Display names of who may act on each task: the assignee, else named candidates and role holders. */
async function peopleOf(db: Executor, open: OpenTask[]): Promise<(task: OpenTask) => string[]> {
  const roleCodes = [...new Set(open.flatMap((t) => t.candidateRoles))];
  const holders =
    roleCodes.length === 0
      ? []
      : await db
          .select({ id: users.id, name: users.displayName, role: userRoles.role, storeId: users.storeId })
          .from(userRoles)
          .innerJoin(users, eq(users.id, userRoles.userId))
          .where(and(inArray(userRoles.role, roleCodes), eq(users.active, true)));
  const ids = [...new Set(open.flatMap((t) => (t.assignee ? [t.assignee] : t.candidateUsers)))];
  const named =
    ids.length === 0
      ? []
      : await db.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, ids));
  const names = new Map(named.map((u) => [u.id, u.name]));
  return (task) => {
    if (task.assignee) return [names.get(task.assignee) ?? task.assignee];
    const inStore = holders.filter(
      (h) =>
        task.candidateRoles.includes(h.role) &&
        (task.storeId === null || h.storeId === null || h.storeId === task.storeId),
    );
    return [
      ...new Set([...task.candidateUsers.map((id) => names.get(id) ?? id), ...inStore.map((h) => h.name)]),
    ];
  };
}

async function paidByOrder(db: Executor, ids: string[]): Promise<Map<string, number>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ orderId: payments.orderId, kind: payments.kind, amount: payments.amount })
    .from(payments)
    .where(inArray(payments.orderId, ids));
  const paid = new Map<string, number>();
  for (const p of rows)
    paid.set(p.orderId, (paid.get(p.orderId) ?? 0) + (p.kind === 'refund' ? -p.amount : p.amount));
  return paid;
}

const WORDS = {
  'zh-CN': {
    draft: '草稿，尚未提交',
    approve: (who: string) => `待${who}审批`,
    resubmit: (who: string) => `待${who}修改后重新提交`,
    deposit: (amount: string) => `待财务收款（定金 ${amount}）`,
    balance: (amount: string) => `待财务收款（尾款 ${amount}）`,
    refund: (amount: string) => `待财务退款（${amount}）`,
    transit: (day: string | null) => (day ? `车辆在途，预计 ${day} 到店` : '车辆在途，到店日期待定'),
    task: (who: string, name: string) => `待${who}：${name}`,
    join: '、',
  },
  en: {
    draft: 'Draft, not submitted',
    approve: (who: string) => `Awaiting approval by ${who}`,
    resubmit: (who: string) => `Awaiting changes and resubmission by ${who}`,
    deposit: (amount: string) => `Awaiting payment to finance (deposit ${amount})`,
    balance: (amount: string) => `Awaiting payment to finance (balance ${amount})`,
    refund: (amount: string) => `Awaiting refund by finance (${amount})`,
    transit: (day: string | null) =>
      day ? `In transit, due in store ${day}` : 'In transit, arrival date open',
    task: (who: string, name: string) => `${name} — ${who}`,
    join: ', ',
  },
} as const;

/** The sentence for an order whose flows wait on `task` (the latest opened one). */
function describeTask(
  order: ProgressFacts,
  task: OpenTask,
  people: string[],
  paid: number,
  lang: Lang,
): string {
  const w = WORDS[lang];
  const name = shippedText(task.name, lang);
  const who = people.length > 0 ? people.slice(0, 3).join(w.join) : name;
  const state = task.state.split('.').at(-1) ?? task.state;
  if (task.workflowKey === 'order-approval') {
    if (state === 'returned') return w.resubmit(who);
    return w.approve(who);
  }
  if (task.workflowKey === 'payment') {
    if (state === 'deposit') return w.deposit(formatYuan(Math.max(0, order.deposit - paid)));
    if (state === 'balance') return w.balance(formatYuan(Math.max(0, order.total - paid)));
    if (state === 'refund') return w.refund(formatYuan(Math.max(0, paid)));
  }
  if (task.workflowKey === 'delivery' && state === 'inTransit') {
    return w.transit(order.eta ? monthDay(order.eta, lang) : null);
  }
  return w.task(who, name);
}

/**
 * Progress of each order, by order id.
 *
 * @example
 * (await orderProgress(db, [order], 'zh-CN')).get(order.id)?.text; // '待王强审批'
 */
export async function orderProgress(
  db: Executor,
  orders: readonly ProgressFacts[],
  lang: Lang,
): Promise<Map<string, OrderProgress>> {
  const active = orders.filter((o) => o.status !== 'draft');
  const [open, paid] = await Promise.all([
    openTasksOf(
      db,
      active.map((o) => o.orderNo),
    ),
    paidByOrder(
      db,
      active.map((o) => o.id),
    ),
  ]);
  const people = await peopleOf(db, open);
  const result = new Map<string, OrderProgress>();
  for (const order of orders) {
    // The task opened last is where the order now waits (the payment flow outlives the approval's).
    const task = open.filter((t) => t.businessKey === order.orderNo).at(-1);
    if (order.status === 'draft') {
      result.set(order.id, { text: WORDS[lang].draft, taskName: null, people: [], dueAt: null });
    } else if (task) {
      const who = people(task);
      const text = describeTask(order, task, who, paid.get(order.id) ?? 0, lang);
      result.set(order.id, { text, taskName: shippedText(task.name, lang), people: who, dueAt: task.dueAt });
    } else {
      const text = orderStatusLabel(order.status, lang);
      result.set(order.id, { text, taskName: null, people: [], dueAt: null });
    }
  }
  return result;
}
