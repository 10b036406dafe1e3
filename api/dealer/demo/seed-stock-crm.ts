/**
 * Demo teams, inventory and CRM: two stores' teams, ~60 vehicles across the demo catalogue (valid
 * VINs), ~40 customers at every stage with follow-ups and test drives. Through the same functions
 * the API uses, so every rule (VIN check, duplicate mobile) holds for demo data too.
 */

import { CATALOGUE, COLOURS, TRIMS } from '../../../dealer-rules/catalogue.ts';
import { SOURCES } from '../../../dealer-rules/labels.ts';
import type { Db } from '../../../engine/store/db.ts';
import type { Actor } from '../../../engine/types.ts';
import { addFollowUp, addTestDrive, updateCustomer } from '../customers/customer-activity.ts';
import { createCustomer } from '../customers/customer-repo.ts';
import { createVehicle } from '../inventory/vehicle-repo.ts';
import { teams } from '../schema.ts';
import type { Cast } from './drive.ts';
import { daysAgo, demoMobile, demoName, demoVin, type Random } from './random.ts';

/** A demo customer the order seed may buy for. */
export interface DemoCustomer {
  id: string;
  storeId: string;
  name: string;
  mobile: string;
}

const STORE_OF = (i: number) => (i % 5 === 4 ? 'SH01' : 'BJ01');

/** Teams 一组 / 二组 of BJ01 and 一组 of SH01 (consultants belong by `users.team`). */
export async function seedTeams(db: Db): Promise<void> {
  await db
    .insert(teams)
    .values([
      { storeId: 'BJ01', name: '一组' },
      { storeId: 'BJ01', name: '二组' },
      { storeId: 'SH01', name: '一组' },
    ])
    .onConflictDoNothing();
}

/** ~60 vehicles, 1 in 5 at SH01, ages spread over eight months so every aging bucket shows. */
export async function seedVehicles(db: Db, cast: Cast, r: Random, now: Date, count = 60): Promise<number> {
  const admin = cast.byUsername.get('admin')!;
  for (let i = 0; i < count; i++) {
    const spec = CATALOGUE[i % CATALOGUE.length]!;
    const age = 5 + r.int(240);
    const produced = daysAgo(now, age);
    const stockIn = daysAgo(now, Math.max(0, age - 10 - r.int(10)));
    await createVehicle(
      db,
      admin,
      {
        storeId: STORE_OF(i),
        vin: demoVin(r, spec.wmi, 100 + i),
        brand: spec.brand,
        model: spec.model,
        trim: r.pick(TRIMS),
        exteriorColor: r.pick(COLOURS),
        interiorColor: r.pick(['黑色', '米色', '棕色']),
        productionDate: produced.toISOString().slice(0, 10),
        stockInDate: stockIn.toISOString().slice(0, 10),
        engineNo: `E${String(700_000 + i * 37)}`,
        certificateNo: `WDZ${String(2_600_000 + i * 131)}`,
        location: `${String.fromCharCode(65 + r.int(4))}区-${1 + r.int(30)}`,
        cost: Math.round((spec.msrp * (86 + r.int(9))) / 100 / 10_000) * 10_000,
        listPrice: spec.msrp,
        status: r.chance(0.1) ? 'in_transit' : 'in_stock',
      },
      now,
    );
  }
  return count;
}

const CHANNELS = ['call', 'wechat', 'visit', 'sms'] as const;
const LEVELS = ['H', 'A', 'B', 'C'] as const;
const LOST_REASONS = ['价格', '竞品', '购车计划推迟', '贷款未通过'];

/**
 * ~40 customers: new contacts, leads at every intent level (some follow-ups overdue), test drives,
 * and lost deals with a reason. Orders later turn some into deals.
 */
export async function seedCustomers(
  db: Db,
  cast: Cast,
  r: Random,
  now: Date,
  count = 40,
): Promise<DemoCustomer[]> {
  const created: DemoCustomer[] = [];
  for (let i = 0; i < count; i++) {
    const storeId = i % 5 === 4 ? 'SH01' : 'BJ01';
    const consultant = cast.byUsername.get(
      storeId === 'SH01' ? 'consultant_sh' : i % 2 === 0 ? 'consultant' : 'consultant2',
    )!;
    const since = 3 + r.int(70);
    const level = i % 8 === 0 ? 'N' : r.pick(LEVELS);
    const customer = await createCustomer(
      db,
      consultant,
      {
        name: demoName(r),
        mobile: demoMobile(i),
        intentLevel: level,
        grade: level === 'N' ? 'potential' : 'intent',
        value: r.chance(0.2) ? 'high' : 'normal',
        purchaseType: r.pick(['first', 'first', 'additional', 'trade_in']),
        source: r.pick(SOURCES),
        budgetMin: (10 + r.int(15)) * 1_000_000,
        budgetMax: (25 + r.int(20)) * 1_000_000,
        preferences: { models: [r.pick(CATALOGUE).model], colour: r.pick(COLOURS) },
      },
      daysAgo(now, since),
    );
    created.push({ id: customer.id, storeId, name: customer.name, mobile: customer.mobile });
    await seedActivity(db, consultant, r, now, customer.id, since, level);
    if (i % 10 === 7)
      await updateCustomer(
        db,
        consultant,
        customer.id,
        { grade: 'lost', lostReason: r.pick(LOST_REASONS) },
        daysAgo(now, 1),
      );
  }
  return created;
}

async function seedActivity(
  db: Db,
  consultant: Actor,
  r: Random,
  now: Date,
  id: string,
  since: number,
  level: string,
) {
  const contacts = level === 'N' ? 0 : 1 + r.int(3);
  for (let k = 0; k < contacts; k++) {
    const at = daysAgo(now, Math.max(1, since - 2 - k * 6), r.int(6));
    // One lead in four has a follow-up date already passed: the CRM list shows them first.
    const overdue = r.chance(0.25) ? { nextAt: daysAgo(now, 1 + r.int(5)).toISOString() } : {};
    await addFollowUp(
      db,
      consultant,
      id,
      {
        at: at.toISOString(),
        channel: r.pick(CHANNELS),
        content: r.pick(FOLLOW_UP_TEXTS),
        result: '客户有意向',
        intentLevel: level,
        ...overdue,
      },
      at,
    );
  }
  if (level !== 'N' && r.chance(0.5)) {
    const out = 1_000 + r.int(5_000);
    await addTestDrive(db, consultant, id, {
      at: daysAgo(now, Math.max(1, since - 3), 2).toISOString(),
      model: r.pick(CATALOGUE).model,
      licenceChecked: true,
      odometerOut: out,
      odometerIn: out + 8 + r.int(15),
      feedback: r.pick(['动力充沛，空间满意', '隔音一般', '很喜欢内饰', '想再对比一下竞品']),
    });
  }
}

const FOLLOW_UP_TEXTS = [
  '电话沟通购车预算',
  '微信发送最新报价',
  '邀约到店试驾',
  '介绍金融方案',
  '确认颜色和配置偏好',
];
