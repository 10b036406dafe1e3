/**
 * ~30 demo orders created through `createOrder` (what `POST /api/orders` runs) and moved through
 * the shipped flows by the right people, so their statuses, timelines, payments, messages and
 * surveys are real. BJ01 orders reach every stage; SH01 (which has no finance or logistics staff
 * in the demo) stops at review.
 */
import { and, eq, isNull } from 'drizzle-orm';
import { ACCESSORY_PACKAGES, CATALOGUE, COLOURS, TRIMS } from '../../../dealer-rules/catalogue.ts';
import { type OrderStatus, SOURCES } from '../../../dealer-rules/labels.ts';
import { createOrder } from '../orders/create-order.ts';
import type { NewOrder } from '../orders/order-schemas.ts';
import { orders, vehicles } from '../schema.ts';
import { drive } from './drive.ts';
import { orderPlaybook } from './playbooks.ts';
import { daysAgo, demoVin, type Random } from './random.ts';
import type { SeedRuntime } from './runtime.ts';
import type { DemoCustomer } from './seed-stock-crm.ts';

/** The stage each demo order ends at (BJ01), in creation order: oldest orders are furthest along. */
const BJ_TARGETS: OrderStatus[] = [
  ...Array<OrderStatus>(9).fill('delivered'),
  'cancelled',
  ...Array<OrderStatus>(3).fill('arrived'),
  'in_transit',
  ...Array<OrderStatus>(3).fill('paid'),
  'returned',
  ...Array<OrderStatus>(3).fill('approved'),
  'cancelled',
  ...Array<OrderStatus>(3).fill('pending'),
];
const SH_TARGETS: OrderStatus[] = ['approved', 'approved', 'cancelled', 'pending', 'pending', 'approved'];

const PAYMENT = ['cash', 'bank_transfer', 'card', 'wechat_alipay'] as const;

async function specFor(rt: SeedRuntime, storeId: string, factory: boolean) {
  const free = await rt.db
    .select()
    .from(vehicles)
    .where(
      and(eq(vehicles.storeId, storeId), eq(vehicles.status, 'in_stock'), isNull(vehicles.reservedOrderId)),
    );
  // A factory order is a spec nothing in stock matches.
  if (!factory && free.length > 0 && rt.random.chance(0.85)) {
    const v = rt.random.pick(free);
    return { brand: v.brand, model: v.model, trim: v.trim, color: v.exteriorColor, msrp: v.listPrice };
  }
  for (;;) {
    const m = rt.random.pick(CATALOGUE);
    const spec = {
      brand: m.brand,
      model: m.model,
      trim: rt.random.pick(TRIMS),
      color: rt.random.pick(COLOURS),
      msrp: m.msrp,
    };
    const inStock = free.some(
      (v) => v.model === spec.model && v.trim === spec.trim && v.exteriorColor === spec.color,
    );
    if (!inStock) return spec;
  }
}

function newOrder(
  r: Random,
  customer: DemoCustomer,
  spec: Awaited<ReturnType<typeof specFor>>,
  big: boolean,
): NewOrder {
  const pack = r.pick(ACCESSORY_PACKAGES);
  const free = r.chance(0.3);
  // Most discounts sit within the sales manager's authority; a "big" one (6–9% of MSRP) needs the GM.
  const discount = big
    ? Math.round((spec.msrp * (6 + r.int(4))) / 100 / 100_000) * 100_000
    : r.int(9) * 100_000;
  return {
    customer: { name: customer.name, mobile: customer.mobile },
    vehicle: { brand: spec.brand, model: spec.model, trim: spec.trim, color: spec.color },
    pricing: {
      msrp: spec.msrp,
      discount,
      accessories: [{ name: pack.name, price: pack.price, ...(free ? { free: true } : {}) }],
      insurance: Math.round((spec.msrp * 35) / 1000 / 100) * 100,
      registrationFee: 100_000,
      // Well inside the 20%-of-contract limit for the cheapest model too.
      deposit: Math.min(
        r.pick([500_000, 1_000_000, 2_000_000]),
        Math.floor(spec.msrp / 10 / 100_000) * 100_000,
      ),
    },
    paymentMethod: r.pick(PAYMENT),
    source: r.pick(SOURCES),
  };
}

const DECISION = (target: OrderStatus) =>
  target === 'cancelled' ? 'reject' : target === 'returned' ? 'return' : 'approve';

async function statusOf(rt: SeedRuntime, id: string): Promise<string | undefined> {
  const [row] = await rt.db.select({ status: orders.status }).from(orders).where(eq(orders.id, id));
  return row?.status;
}

/** Creates the demo orders and drives each to its stage; returns how many. */
export async function seedOrders(rt: SeedRuntime, customers: DemoCustomer[]): Promise<number> {
  const plans = [
    ...BJ_TARGETS.map((target, i) => ({
      storeId: 'BJ01',
      target,
      consultant: i % 3 === 2 ? 'consultant2' : 'consultant',
      manager: 'manager',
      // Some cars come from the factory, so shipping and arrival happen for real too.
      factory: target === 'in_transit' || i === 0 || i === 10,
    })),
    ...SH_TARGETS.map((target) => ({
      storeId: 'SH01',
      target,
      consultant: 'consultant_sh',
      manager: 'manager_sh',
      factory: false,
    })),
  ];
  const buyers = {
    BJ01: customers.filter((c) => c.storeId === 'BJ01'),
    SH01: customers.filter((c) => c.storeId === 'SH01'),
  };
  const used = { BJ01: 0, SH01: 0 };
  for (const [i, plan] of plans.entries()) {
    const store = plan.storeId as 'BJ01' | 'SH01';
    const customer = buyers[store][used[store]++ % buyers[store].length]!;
    // Oldest first, two days apart, so the delivered ones have had time for their whole journey.
    const j = used[store] - 1;
    rt.setClock(daysAgo(rt.now, store === 'BJ01' ? 58 - 2 * j : 20 - 3 * j, -2));
    const spec = await specFor(rt, plan.storeId, plan.factory);
    const body = newOrder(rt.random, customer, spec, i % 7 === 3);
    const id = await createOrder(rt.deps, rt.cast.byUsername.get(plan.consultant)!, body);
    if (plan.target === 'pending') continue;
    const [row] = await rt.db.select({ orderNo: orders.orderNo }).from(orders).where(eq(orders.id, id));
    const playbook = orderPlaybook({
      decision: DECISION(plan.target),
      manager: plan.manager,
      customerName: customer.name,
      factoryVin: demoVin(rt.random, 'LFV', 900 + i),
      today: () => rt.clock().toISOString().slice(0, 10),
      random: rt.random,
    });
    await drive({
      db: rt.db,
      service: rt.service,
      cast: rt.cast,
      businessKey: row!.orderNo,
      playbook,
      tick: () => rt.tick(),
      done: async () => {
        const status = await statusOf(rt, id);
        // Delivered orders go on to the 3-day return visit (and its SSI survey) before stopping.
        return plan.target === 'delivered' ? false : status === plan.target;
      },
    });
  }
  return plans.length;
}
