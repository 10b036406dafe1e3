/**
 * The dealership's demo data (demo mode only): teams, inventory, CRM, orders moved through their
 * flows by the demo staff, work orders and complaints. Deterministic (seeded) and relative to the
 * injected `now`; idempotent — it does nothing once the inventory has any vehicle.
 *
 * Needs the demo users and the shipped flows published first (`seedDemoUsers` in demo/users.ts, `publishShipped` in api/seed/index.ts; api/startup.ts runs them in that order).
 */
import { count, eq } from 'drizzle-orm';
import type { Database } from '../../engine/store/db.ts';
import { createComplaint, createServiceOrder } from './after-sales/after-sales-repo.ts';
import { drive } from './demo/drive.ts';
import { serviceOrderPlaybook } from './demo/playbooks.ts';
import { daysAgo } from './demo/random.ts';
import { createSeedRuntime, type SeedRuntime } from './demo/runtime.ts';
import { seedOrders } from './demo/seed-orders.ts';
import { seedCustomers, seedTeams, seedVehicles } from './demo/seed-stock-crm.ts';
import { orders, serviceOrders, vehicles } from './schema.ts';

export interface DealerDemoOptions {
  database: Database;
  /** What the demo history is relative to; default the system clock. */
  now?: Date;
  /** Randomness seed; default 2026. */
  seed?: number;
}

export interface DealerDemoReport {
  skipped: boolean;
  vehicles: number;
  customers: number;
  orders: number;
  serviceOrders: number;
}

/** How far each demo work order gets: closed (with survey) down to just booked. */
const SERVICE_STAGES = [
  'closed',
  'closed',
  'closed',
  'settled',
  'awaiting_settlement',
  'repairing',
  'diagnosing',
  'open',
];
const COMPLAINTS = [
  { category: 'repair', level: 'important', description: '保养后发动机异响，要求重新检查' },
  { category: 'purchase', level: 'normal', description: '交车时间比约定晚了两天' },
] as const;

async function seedAfterSales(rt: SeedRuntime): Promise<number> {
  const service = rt.cast.byUsername.get('service')!;
  const delivered = await rt.db.select().from(orders).where(eq(orders.status, 'delivered'));
  for (const [i, stage] of SERVICE_STAGES.entries()) {
    const o = delivered[i % Math.max(1, delivered.length)];
    if (!o?.vin) continue;
    rt.setClock(daysAgo(rt.now, 14 - i * 2));
    const so = await createServiceOrder(rt.deps, service, {
      customerName: o.customerName,
      mobile: o.customerMobile,
      vin: o.vin,
      // Plates the desk can look the car up by later (京A + a number per demo car).
      plate: `京A${String(10_001 + (i % Math.max(1, delivered.length))).padStart(5, '0')}`,
      complaint: i % 2 === 0 ? '首次保养' : '空调制冷效果差',
      kind: i % 2 === 0 ? 'maintenance' : 'repair',
    });
    await drive({
      db: rt.db,
      service: rt.service,
      cast: rt.cast,
      businessKey: so.serviceNo,
      playbook: serviceOrderPlaybook(rt.random, i % 2 === 0 ? '首次保养' : '空调制冷效果差'),
      tick: () => rt.tick(),
      done: async () => {
        const [row] = await rt.db
          .select({ status: serviceOrders.status })
          .from(serviceOrders)
          .where(eq(serviceOrders.id, so.id));
        return stage !== 'closed' && row?.status === stage;
      },
    });
  }
  for (const [i, c] of COMPLAINTS.entries()) {
    const o = delivered[i];
    if (!o) continue;
    rt.setClock(daysAgo(rt.now, 3 - i));
    await createComplaint(rt.deps, service, {
      customerName: o.customerName,
      mobile: o.customerMobile,
      channel: 'phone',
      ...c,
    });
  }
  return SERVICE_STAGES.length;
}

/**
 * Seeds the dealership demo once.
 *
 * @example
 * if (env.demo) await seedDealerDemo({ database });
 */
export async function seedDealerDemo(options: DealerDemoOptions): Promise<DealerDemoReport> {
  const [existing] = await options.database.db.select({ n: count() }).from(vehicles);
  if (Number(existing?.n ?? 0) > 0)
    return { skipped: true, vehicles: 0, customers: 0, orders: 0, serviceOrders: 0 };
  const now = options.now ?? new Date();
  const rt = await createSeedRuntime(options.database, now, options.seed ?? 2026);
  rt.setClock(daysAgo(now, 90));
  await seedTeams(rt.db);
  const vehicleCount = await seedVehicles(rt.db, rt.cast, rt.random, now);
  const customers = await seedCustomers(rt.db, rt.cast, rt.random, now);
  const orderCount = await seedOrders(rt, customers);
  const serviceCount = await seedAfterSales(rt);
  return {
    skipped: false,
    vehicles: vehicleCount,
    customers: customers.length,
    orders: orderCount,
    serviceOrders: serviceCount,
  };
}
