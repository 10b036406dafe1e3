import { eq } from 'drizzle-orm';
import { DATABASES, type TestDatabase } from '../../test/fixtures/databases.ts';
import { users } from '../store/schema.ts';
import { complaints, customers, followUps, orders, surveys, teams, testDrives, vehicles } from './schema.ts';
import { createDealerTestApp, type DealerTestApp } from './testing.ts';

/** A small deterministic generator, so the data set is varied but the same on every run. */
function lcg(seed: number) {
  let s = seed;
  return (n: number) => {
    s = (s * 1_103_515_245 + 12_345) % 2_147_483_648;
    return s % n;
  };
}

const MODELS = [
  ['BYD', '海豹'],
  ['Tesla', 'Model Y'],
  ['SAIC-VW', '朗逸'],
] as const;
const STATUSES = ['pending', 'approved', 'paid', 'arrived', 'delivered', 'cancelled', 'returned'];
const SOURCES = ['walk_in', 'phone', 'online', 'referral'];
const SOLD = new Set(['approved', 'paid', 'in_transit', 'arrived', 'delivered']);

interface Fixture {
  storeId: string;
  consultant: string;
  team: string | null;
  brand: string;
  model: string;
  trim: string;
  color: string;
  source: string;
  status: string;
  orderDate: string;
  dealPrice: number;
  accessoriesTotal: number;
  grossProfit: number | null;
  deliveredAt: string | null;
}

function fixtures(): Fixture[] {
  const r = lcg(42);
  return Array.from({ length: 60 }, (_, i) => {
    const [brand, model] = MODELS[r(3)]!;
    const status = STATUSES[r(STATUSES.length)]!;
    const day = 1 + r(28);
    const month = r(2) === 0 ? '10' : '11';
    const orderDate = `2026-${month}-${String(day).padStart(2, '0')}`;
    const store = i % 4 === 3 ? 'SH01' : 'BJ01';
    const consultant = store === 'SH01' ? 'consultant_sh' : r(2) === 0 ? 'consultant' : 'consultant2';
    return {
      storeId: store,
      consultant,
      team: consultant === 'consultant' ? '一组' : consultant === 'consultant2' ? '二组' : null,
      brand,
      model,
      trim: ['舒适版', '豪华版'][r(2)]!,
      color: ['珍珠白', '曜石黑', '冰川蓝'][r(3)]!,
      source: SOURCES[r(4)]!,
      status,
      orderDate,
      dealPrice: 10_000_000 + r(10_000) * 1_000,
      accessoriesTotal: r(3) * 300_000,
      grossProfit: r(5) === 0 ? null : r(2_000_000) - 200_000,
      deliveredAt:
        status === 'delivered'
          ? new Date(Date.parse(`${orderDate}T04:00:00Z`) + (3 + r(20)) * 86_400_000).toISOString()
          : null,
    };
  });
}

function groupSum(rows: Fixture[], key: (f: Fixture) => string) {
  const out = new Map<string, { volume: number; revenue: number; grossProfit: number }>();
  for (const f of rows) {
    const g = out.get(key(f)) ?? { volume: 0, revenue: 0, grossProfit: 0 };
    g.volume += 1;
    g.revenue += f.dealPrice + f.accessoriesTotal;
    g.grossProfit += f.grossProfit ?? 0;
    out.set(key(f), g);
  }
  return out;
}

type SalesReport = {
  rows: { key: string; label: string; volume: number; revenue: number; grossProfit: number }[];
};

describe.each(DATABASES)('analytics on $name', ({ open }) => {
  let db: TestDatabase;
  let t: DealerTestApp;
  const data = fixtures();
  const userIds = new Map<string, string>();
  const teamIds = new Map<string, string>();

  beforeAll(async () => {
    db = await open();
    t = await createDealerTestApp(db);
    const d = db.database.db;
    for (const u of await d.select({ id: users.id, username: users.username }).from(users))
      userIds.set(u.username, u.id);
    for (const name of ['一组', '二组']) {
      const [row] = await d.insert(teams).values({ storeId: 'BJ01', name }).returning();
      teamIds.set(name, row!.id);
    }
    await d.insert(orders).values(
      data.map((f, i) => ({
        orderNo: `${f.storeId}T${String(i).padStart(4, '0')}`,
        storeId: f.storeId,
        orderDate: f.orderDate,
        customerName: `客户${i}`,
        customerMobile: `1390000${String(i).padStart(4, '0')}`,
        brand: f.brand,
        model: f.model,
        trim: f.trim,
        color: f.color,
        msrp: f.dealPrice + 500_000,
        discount: 500_000,
        dealPrice: f.dealPrice,
        accessoriesTotal: f.accessoriesTotal,
        purchaseTax: 0,
        insurance: 0,
        registrationFee: 0,
        financeFee: 0,
        tradeInCredit: 0,
        deposit: 0,
        total: f.dealPrice + f.accessoriesTotal,
        concession: 500_000,
        grossProfit: f.grossProfit,
        paymentMethod: 'cash',
        status: f.status,
        consultantId: userIds.get(f.consultant)!,
        teamId: f.team ? teamIds.get(f.team)! : null,
        source: f.source,
        deliveredAt: f.deliveredAt,
      })),
    );
  });
  afterAll(() => db.close());

  const bj = () => data.filter((f) => f.storeId === 'BJ01');
  const sold = (rows: Fixture[]) => rows.filter((f) => SOLD.has(f.status));
  const asMap = (r: SalesReport) =>
    new Map(
      r.rows.map((row) => [
        row.key,
        { volume: row.volume, revenue: row.revenue, grossProfit: row.grossProfit },
      ]),
    );

  it('sums sales by model for the manager’s own store, exactly as the data adds up', async () => {
    const report = await t.json<SalesReport>('GET', '/api/analytics/sales?groupBy=model', 'manager', 200);
    const expected = groupSum(sold(bj()), (f) => `${f.brand} ${f.model}`);
    expect(expected.size).toBe(3);
    expect(asMap(report)).toEqual(expected);
  });

  it.each([
    ['consultant', (f: Fixture) => userIds.get(f.consultant)!],
    ['team', (f: Fixture) => (f.team ? teamIds.get(f.team)! : '')],
    ['source', (f: Fixture) => f.source],
    ['month', (f: Fixture) => f.orderDate.slice(0, 7)],
  ] as const)('groups sales by %s', async (groupBy, key) => {
    const report = await t.json<SalesReport>(
      'GET',
      `/api/analytics/sales?groupBy=${groupBy}`,
      'manager',
      200,
    );
    expect(asMap(report)).toEqual(groupSum(sold(bj()), key));
  });

  it('honours the date range and lets the group see every store', async () => {
    const inNov = (f: Fixture) => f.orderDate >= '2026-11-01' && f.orderDate <= '2026-11-15';
    const report = await t.json<SalesReport>(
      'GET',
      '/api/analytics/sales?groupBy=source&dateFrom=2026-11-01&dateTo=2026-11-15',
      'gm',
      200,
    );
    expect(asMap(report)).toEqual(groupSum(sold(data).filter(inNov), (f) => f.source));
    expect((await t.call('GET', '/api/analytics/sales?storeId=BJ01', 'manager_sh')).status).toBe(403);
    // Consultants get their own orders (reminders-scope.test.ts); service advisors no sales figures.
    expect((await t.call('GET', '/api/analytics/sales', 'service')).status).toBe(403);
  });

  it('measures delivery lead time in days from order date to hand-over', async () => {
    const delivered = bj().filter((f) => f.deliveredAt);
    const days = delivered.map((f) =>
      Math.round((Date.parse(f.deliveredAt!.slice(0, 10)) - Date.parse(f.orderDate)) / 86_400_000),
    );
    const report = await t.json<{ delivered: number; avgDays: number; minDays: number; maxDays: number }>(
      'GET',
      '/api/analytics/delivery-lead-time',
      'manager',
      200,
    );
    expect(delivered.length).toBeGreaterThan(1);
    expect(report.delivered).toBe(delivered.length);
    expect(report.minDays).toBe(Math.min(...days));
    expect(report.maxDays).toBe(Math.max(...days));
    expect(report.avgDays).toBe(Math.round((days.reduce((a, b) => a + b, 0) / days.length) * 10) / 10);
  });

  it('counts configurations that sell', async () => {
    const report = await t.json<{ byColor: { color: string; volume: number }[] }>(
      'GET',
      '/api/analytics/config-preferences',
      'manager',
      200,
    );
    const expected = new Map<string, number>();
    for (const f of bj().filter((x) => x.status !== 'cancelled'))
      expected.set(f.color, (expected.get(f.color) ?? 0) + 1);
    expect(new Map(report.byColor.map((c) => [c.color, c.volume]))).toEqual(expected);
  });

  it('builds a cohort funnel whose every stage is a subset of the one before', async () => {
    const d = db.database.db;
    const nov = (day: number) => `2026-11-${String(day).padStart(2, '0')}T02:00:00Z`;
    const lead = (name: string, mobile: string, source: string, extra = {}) => ({
      storeId: 'BJ01',
      name,
      mobile,
      source,
      createdAt: nov(2),
      ...extra,
    });
    const [walkIn, lost, , visitor, onlineBuyer, cancelled] = await d
      .insert(customers)
      .values([
        lead('甲', '13100000001', 'walk_in'),
        lead('乙', '13100000002', 'walk_in', { grade: 'lost', lostReason: '价格', updatedAt: nov(4) }),
        lead('丙', '13100000003', 'phone'),
        lead('丁', '13100000004', 'phone'),
        lead('戊', '13100000005', 'online'),
        lead('己', '13100000006', 'phone'),
        // Outside the period, and another store: neither is a lead of this funnel.
        lead('庚', '13100000007', 'walk_in', { createdAt: '2026-10-02T02:00:00Z' }),
        { ...lead('辛', '13100000008', 'walk_in'), storeId: 'SH01' },
      ])
      .returning();
    const drive = (customerId: string, at: string) => ({
      customerId,
      storeId: 'BJ01',
      model: '海豹',
      at,
      licenceChecked: true,
    });
    await d
      .insert(testDrives)
      .values([
        drive(walkIn!.id, nov(5)),
        drive(walkIn!.id, nov(6)),
        drive(lost!.id, nov(6)),
        drive(cancelled!.id, nov(7)),
      ]);
    await d.insert(followUps).values({
      customerId: visitor!.id,
      storeId: 'BJ01',
      at: nov(3),
      channel: 'visit',
      content: '到店看车',
    });
    const orderOf = async (customerId: string, status: string) => {
      const i = data.findIndex((f) => f.storeId === 'BJ01' && f.status === status);
      await d
        .update(orders)
        .set({ customerId })
        .where(eq(orders.orderNo, `BJ01T${String(i).padStart(4, '0')}`));
    };
    await orderOf(walkIn!.id, 'delivered');
    await orderOf(onlineBuyer!.id, 'approved');
    await orderOf(cancelled!.id, 'cancelled');

    const funnel = await t.json<{
      stages: { stage: string; count: number; rate: number | null; ofLeads: number | null }[];
      ordersWithoutTestDrive: number;
      lostReasons: { reason: string; count: number }[];
    }>('GET', '/api/analytics/funnel?dateFrom=2026-11-01&dateTo=2026-11-30', 'manager', 200);
    expect(funnel.stages).toEqual([
      { stage: 'leads', count: 6, rate: null, ofLeads: 1 },
      { stage: 'visits', count: 5, rate: 0.833, ofLeads: 0.833 },
      { stage: 'test_drives', count: 3, rate: 0.6, ofLeads: 0.5 },
      { stage: 'orders', count: 1, rate: 0.333, ofLeads: 0.167 },
      { stage: 'deliveries', count: 1, rate: 1, ofLeads: 0.167 },
    ]);
    expect(funnel.ordersWithoutTestDrive).toBe(1);
    expect(funnel.lostReasons).toEqual([{ reason: '价格', count: 1 }]);
  });

  it('reports complaints closed within their deadline and the hours they took', async () => {
    const at = (h: number) => new Date(Date.parse('2026-11-02T00:00:00Z') + h * 3_600_000).toISOString();
    let n = 0;
    const complaint = (level: string, dueHours: number, closedHours: number | null) => ({
      complaintNo: `TSBJ0120261101${String(++n).padStart(4, '0')}`,
      storeId: 'BJ01',
      customerName: '投诉人',
      channel: 'phone',
      category: 'repair',
      level,
      description: '等待时间太长',
      status: closedHours === null ? 'handling' : 'closed',
      createdAt: at(0),
      dueAt: at(dueHours),
      closedAt: closedHours === null ? null : at(closedHours),
    });
    await db.database.db
      .insert(complaints)
      .values([
        complaint('normal', 24, 10),
        complaint('normal', 24, 30),
        complaint('urgent', 4, null),
        { ...complaint('normal', 24, 1), storeId: 'SH01' },
      ]);
    const report = await t.json<Record<string, unknown>>(
      'GET',
      '/api/analytics/complaints?dateFrom=2026-11-01&dateTo=2026-11-30',
      'manager',
      200,
    );
    expect(report).toEqual({
      total: 3,
      closed: 2,
      closedInTime: 1,
      inTimeRate: 0.5,
      openOverdue: 1,
      avgHours: 20,
      medianHours: 20,
      byLevel: [
        {
          level: 'normal',
          total: 2,
          closed: 2,
          closedInTime: 1,
          openOverdue: 0,
          avgHours: 20,
          medianHours: 20,
        },
        {
          level: 'urgent',
          total: 1,
          closed: 0,
          closedInTime: 0,
          openOverdue: 1,
          avgHours: null,
          medianHours: null,
        },
      ],
    });
    await t.json('GET', '/api/analytics/complaints', 'service', 200);
    await t.json('GET', '/api/analytics/complaints', 'logistics', 403);
  });

  it('builds the aging buckets, the stock coefficient and satisfaction from their own tables', async () => {
    const d = db.database.db;
    const base = {
      brand: 'BYD',
      model: '海豹',
      trim: '豪华版',
      exteriorColor: '珍珠白',
      storeId: 'BJ01',
      listPrice: 1,
      cost: 100,
    };
    await d.insert(vehicles).values([
      { ...base, vin: 'LGXC16DG9R0012345', productionDate: '2026-11-01' },
      { ...base, vin: 'LSVAU2189N2000001', productionDate: '2026-08-01' },
      { ...base, vin: 'LFV2A21KXP3000123', productionDate: '2026-01-01', status: 'sold' },
    ]);
    const aging = await t.json<{
      buckets: { bucket: string; count: number; cost: number }[];
      stock: number;
    }>('GET', '/api/analytics/inventory-aging', 'manager', 200);
    expect(aging.buckets.filter((b) => b.count > 0)).toEqual([
      { bucket: '0-30', count: 1, cost: 100 },
      { bucket: '91-180', count: 1, cost: 100 },
    ]);
    // Orders of the last 90 days (cancelled ones are not sales) ÷ 3 per month.
    const since = new Date(Date.parse('2026-11-23T02:00:00Z') - 90 * 86_400_000).toISOString().slice(0, 10);
    const recent = bj().filter((f) => f.status !== 'cancelled' && f.orderDate >= since).length;
    const monthly = Math.round((recent / 3) * 100) / 100;
    expect(aging).toMatchObject({
      stock: 2,
      monthlySales: monthly,
      coefficient: monthly > 0 ? Math.round((2 / monthly) * 100) / 100 : null,
    });

    await d.insert(surveys).values([
      { storeId: 'BJ01', kind: 'csi', score: 5, at: '2026-11-02T02:00:00Z' },
      { storeId: 'BJ01', kind: 'csi', score: 4, at: '2026-11-03T02:00:00Z' },
      { storeId: 'BJ01', kind: 'csi', score: 4, at: '2026-11-04T02:00:00Z' },
      { storeId: 'SH01', kind: 'csi', score: 1, at: '2026-11-04T02:00:00Z' },
    ]);
    const csi = await t.json<{
      overall: { kind: string; count: number; avgScore: number }[];
      distribution: { kind: string; score: number; count: number }[];
    }>('GET', '/api/analytics/csi', 'manager', 200);
    expect(csi.overall).toEqual([{ kind: 'csi', count: 3, avgScore: 4.33 }]);
    expect(csi.distribution).toEqual([
      { kind: 'csi', score: 4, count: 2 },
      { kind: 'csi', score: 5, count: 1 },
    ]);
  });
});
