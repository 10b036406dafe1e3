/**
 * The scale database of `npm run bench:scale` (ROADMAP "Scale and proof"): `dealerflow_scale` on the
 * local PostgreSQL with 100 stores, ~1,300 staff, ~333,000 customers, 1,000,000 orders over three
 * years and 100,000 open tasks with their workflow instances. The database is prepared exactly as the
 * server prepares it (migrations, shipped flows, demo users and demo data, api/startup.ts); the bulk
 * rows are then written with set-based SQL (`INSERT ... SELECT FROM generate_series`), the orders with
 * their secondary indexes dropped and rebuilt afterwards. Deterministic (`setseed`). About 100 s on
 * the 2-core development machine, most of it the orders and their 22 indexes; ~1.2 GB on disk.
 *
 * Reusable: a finished seed leaves a marker (the database comment); the next run skips unless
 * forced. Standalone: `npx tsx test/bench/scale-seed.ts [--force]`.
 */
import { fileURLToPath } from 'node:url';
import postgres from 'postgres';
import { DEALER_APPLICATION } from '../../api/dealer/application.ts';
import { createDealerEffects } from '../../api/dealer/effects.ts';
import { createLogger } from '../../api/logger.ts';
import { prepareDatabase } from '../../api/startup.ts';
import { apiPorts } from '../../api/store/ports.ts';
import { openDatabase } from '../../engine/store/db.ts';
import { WorkflowService } from '../../engine/store/service.ts';
import { POSTGRES_URL, withDatabaseName } from '../reliability/support.ts';

export const SCALE_DATABASE = process.env.SCALE_DATABASE ?? 'dealerflow_scale';
export const SCALE_URL = withDatabaseName(POSTGRES_URL, SCALE_DATABASE);

/** What the seed writes; changing it (or the marker version) makes the next run reseed. */
export const SCALE = { stores: 100, orders: 1_000_000, openTasks: 100_000, days: 1096 } as const;
const MARKER = `dealerflow-scale v2 stores=${SCALE.stores} orders=${SCALE.orders} tasks=${SCALE.openTasks}`;

export interface SeedReport {
  skipped: boolean;
  seconds: number;
  /** Seconds per step. */
  steps: Record<string, number>;
  counts: Record<string, number>;
}

const CITIES = [
  ['BJ', '北京'],
  ['SH', '上海'],
  ['GZ', '广州'],
  ['SZ', '深圳'],
  ['CD', '成都'],
  ['HZ', '杭州'],
  ['WH', '武汉'],
  ['NJ', '南京'],
  ['XA', '西安'],
  ['CQ', '重庆'],
];

/** The bulk steps, in order; each is one statement run on one connection. */
function steps(): [string, string][] {
  const cityCodes = `array[${CITIES.map(([c]) => `'${c}'`).join(',')}]`;
  const cityNames = `array[${CITIES.map(([, n]) => `'${n}'`).join(',')}]`;
  /** Store of index s (0..99): BJ01..BJ10, SH01..SH10, ...; BJ01 and SH01 are the demo stores. */
  const storeOf = (s: string) => `((${cityCodes})[(${s}) / 10 + 1] || lpad(((${s}) % 10 + 1)::text, 2, '0'))`;
  const storeId = storeOf('s');
  const surnames = `array['王','李','张','刘','陈','杨','赵','黄','周','吴','徐','孙','胡','朱','高','林','何','郭','马','罗']`;
  const given = `array['伟','芳','娜','敏','静','丽','强','磊','军','洋','勇','艳','杰','娟','涛','明','超','秀英','霞','平','刚','桂英','子轩','浩然','雨萱','梓涵','一诺','欣怡','宇航','思远']`;
  const name = (m: string) =>
    `(${surnames})[abs(hashtext('s' || ${m})) % 20 + 1] || (${given})[abs(hashtext('g' || ${m})) % 30 + 1]`;
  const mobile = (m: string) =>
    `(array['138','139','186','135','150','158','188'])[${m} % 7 + 1] || lpad((${m})::text, 8, '0')`;
  const days = SCALE.days;
  return [
    [
      'stores',
      `insert into stores (id, name)
       select ${storeId}, (${cityNames})[s / 10 + 1] || (s % 10 + 1) || '号店'
       from generate_series(0, ${SCALE.stores - 1}) s on conflict do nothing`,
    ],
    [
      'staff',
      `with staff(suffix, display, role, team) as (values
         ('manager', '经理', 'sales_manager', null), ('finance', '财务', 'finance', null),
         ('logistics', '库管', 'logistics', null), ('service', '售后', 'service_advisor', null),
         ('c01', '顾问1', 'sales_consultant', '一组'), ('c02', '顾问2', 'sales_consultant', '二组'),
         ('c03', '顾问3', 'sales_consultant', '一组'), ('c04', '顾问4', 'sales_consultant', '二组'),
         ('c05', '顾问5', 'sales_consultant', '一组'), ('c06', '顾问6', 'sales_consultant', '二组'),
         ('c07', '顾问7', 'sales_consultant', '一组'), ('c08', '顾问8', 'sales_consultant', '二组')),
       hash as (select password_hash from users where username = 'manager'),
       added as (
         insert into users (username, display_name, password_hash, store_id, team)
         select lower(st.id) || '_' || suffix, st.name || display, hash.password_hash, st.id, team
         from stores st, staff, hash
         -- the demo stores keep their demo manager
         where not (suffix = 'manager' and st.id in ('BJ01', 'SH01'))
         on conflict (username) do nothing
         returning id, username)
       insert into user_roles (user_id, role)
       select added.id, staff.role from added join staff on split_part(added.username, '_', 2) = staff.suffix
       on conflict do nothing`,
    ],
    [
      'teams',
      `insert into teams (store_id, name) select st.id, t from stores st, unnest(array['一组','二组']) t
       on conflict do nothing`,
    ],
    [
      'consultants',
      `create temp table scale_consultants as
       select u.store_id, (row_number() over (partition by u.store_id order by u.username) - 1)::int as idx,
              u.id as user_id, t.id as team_id,
              count(*) over (partition by u.store_id)::int as cnt
       from users u join user_roles r on r.user_id = u.id and r.role = 'sales_consultant'
       left join teams t on t.store_id = u.store_id and t.name = u.team
       where u.store_id is not null;
       create index on scale_consultants (store_id, idx)`,
    ],
    [
      'catalogue',
      `create temp table scale_catalogue as
       select (row_number() over (order by brand, model, trim) - 1)::int as idx, brand, model, trim,
              max(list_price) as msrp, bool_or(brand in ('BYD', 'Tesla', 'Li Auto')) as new_energy
       from vehicles group by brand, model, trim`,
    ],
    [
      'customers',
      `insert into customers (id, store_id, name, mobile, grade, intent_level, source, consultant_id, created_at, updated_at)
       select md5('scale-customer-' || m)::uuid, ${storeOf('m % 100')},
              ${name('m')}, ${mobile('m')}, 'deal', 'O',
              (array['walk_in','phone','online','portal','auto_show','referral','existing'])[m % 7 + 1],
              null, now() - ((m / 100) % ${days}) * interval '1 day', now()
       from generate_series(0, ${Math.ceil(SCALE.orders / 3) + SCALE.stores - 1}) m
       on conflict do nothing`,
    ],
    ['drop order indexes', ''],
    [
      'orders',
      // n = k * 100 + s: store s, k-th order of the store; day offset k % days, number k / days + 11
      // (the demo's own orders use the low numbers of their days). Three orders per customer.
      `select setseed(0.2026);
       insert into orders (id, order_no, store_id, order_date, customer_id, customer_name, customer_mobile,
         brand, model, trim, color, vin, new_energy, msrp, discount, deal_price, accessories, accessories_total,
         purchase_tax, insurance, registration_fee, finance_fee, trade_in_credit, deposit, total, concession,
         gross_profit, payment_method, status, consultant_id, team_id, source, created_at, updated_at, delivered_at)
       select md5('scale-order-' || n)::uuid, o.store_id || to_char(day, 'YYYYMMDD') || lpad((k / ${days} + 11)::text, 4, '0'),
         o.store_id, day, md5('scale-customer-' || m)::uuid, ${name('m')}, ${mobile('m')},
         c.brand, c.model, c.trim, (array['极地白','星空灰','曜石黑','熔岩红','冰川蓝','珍珠白'])[n % 6 + 1],
         case when status in ('pending', 'returned', 'approved', 'cancelled') then null
              else 'L' || upper(substr(md5('scale-vin-' || n), 1, 16)) end,
         c.new_energy, c.msrp, discount, c.msrp - discount, '[]'::jsonb, acc,
         case when c.new_energy then 0 else ((c.msrp - discount) / 113 * 10 / 100) * 100 end,
         500000, 50000, case when pay = 'loan' then 300000 else 0 end, 0, 500000,
         c.msrp - discount + acc + case when c.new_energy then 0 else ((c.msrp - discount) / 113 * 10 / 100) * 100 end
           + 550000 + case when pay = 'loan' then 300000 else 0 end,
         discount, c.msrp * 4 / 100 - discount + acc / 3, pay, status, cs.user_id, cs.team_id,
         (array['walk_in','phone','online','portal','auto_show','referral','existing'])[(n / 7) % 7 + 1],
         created, created, case when status = 'delivered' then created + interval '20 days' end
       from (
         select n, s, k, m, ${storeId} as store_id, (current_date - 1 - (k % ${days}))::date as day,
           k % ${days} as age, (m * 7 + k) % 40 as model_idx,
           (current_date - 1 - (k % ${days}))::timestamptz + interval '9 hours' + (n % 600) * interval '1 minute' as created,
           (array['cash','bank_transfer','card','wechat_alipay','loan','loan','bank_transfer'])[(n / 3) % 7 + 1] as pay,
           (floor(random() * 120) * 100000)::bigint as discount,
           (floor(random() * 30) * 100000)::bigint as acc,
           random() as r
         from (select n, n % 100 as s, n / 100 as k, (n / 300) * 100 + n % 100 as m
               from generate_series(0, ${SCALE.orders - 1}) n) base
       ) o
       cross join lateral (select case
           when age > 130 then case when r < 0.93 then 'delivered' else 'cancelled' end
           when r < 0.08 then 'delivered' when r < 0.12 then 'cancelled'
           when r < 0.32 then 'pending' when r < 0.36 then 'returned' when r < 0.54 then 'approved'
           when r < 0.70 then 'paid' when r < 0.84 then 'in_transit' else 'arrived' end as status) st
       join scale_catalogue c on c.idx = o.model_idx % (select count(*) from scale_catalogue)
       join scale_consultants cs on cs.store_id = o.store_id
         and cs.idx = (o.n / 100 * 7 + o.n / 13) % cs.cnt`,
    ],
    ['create order indexes', ''],
    [
      'order numbers',
      // Orders number in the default series ('': after-sales work orders and complaints have their own).
      `insert into order_sequences (store_id, series, day, last)
       select store_id, '', to_char(order_date, 'YYYY-MM-DD'), max(right(order_no, 4)::int) from orders
       where order_no ~ '^[A-Z]{2}[0-9]{2}[0-9]{8}[0-9]{4}$' group by 1, 3
       on conflict (store_id, series, day) do update set last = greatest(order_sequences.last, excluded.last)`,
    ],
    [
      'templates',
      // One task (with its instance) per step the open tasks copy; an open one when the demo has it.
      `create temp table scale_templates as
       select distinct on (t.state) t.state, t.step_id, t.name, t.outcomes, t.form_key, t.form_version,
         t.fields, t.candidate_roles, i.workflow_key, i.workflow_version, i.state_value, i.engine_state, i.context
       from tasks t join instances i on i.id = t.instance_id
       where t.state in ('orderApproval.managerReview', 'orderApproval.gmReview', 'orderApproval.returned',
         'payment.deposit', 'payment.balance', 'delivery.stockAllocation', 'delivery.inTransit',
         'delivery.pdi.inspection', 'delivery.handover')
       order by t.state, (t.status = 'open') desc, t.created_at desc`,
    ],
    [
      'open work',
      // Which step each in-flight order waits at, and who: the role of the store, or its consultant.
      `create temp table scale_work as
       select o.id as order_id, o.order_no, o.store_id, o.customer_name, o.vin, o.consultant_id, o.created_at,
         md5('scale-instance-' || o.id)::uuid as instance_id, md5('scale-task-' || o.id)::uuid as task_id,
         case o.status
           when 'pending' then case when h % 10 = 0 then 'orderApproval.gmReview' else 'orderApproval.managerReview' end
           when 'returned' then 'orderApproval.returned'
           when 'approved' then case when h % 2 = 0 then 'payment.deposit' else 'payment.balance' end
           when 'paid' then 'delivery.stockAllocation'
           when 'in_transit' then 'delivery.inTransit'
           else case when h % 5 < 3 then 'delivery.pdi.inspection' else 'delivery.handover' end end as state,
         h
       from (select o.*, abs(hashtext(o.id::text)) as h from orders o
             where o.status in ('pending', 'returned', 'approved', 'paid', 'in_transit', 'arrived')
               and o.instance_id is null
             order by o.created_at desc limit ${SCALE.openTasks}) o`,
    ],
    [
      'instances',
      `insert into instances (id, workflow_key, workflow_version, business_key, store_id, status, state_value,
         context, engine_state, revision, started_by, started_at, updated_at)
       select w.instance_id, tp.workflow_key, tp.workflow_version, w.order_no, w.store_id, 'active', tp.state_value,
         tp.context || jsonb_build_object('orderId', w.order_id, 'orderNo', w.order_no, 'storeId', w.store_id,
           'customerName', w.customer_name, 'vin', w.vin),
         tp.engine_state, 1, w.consultant_id::text, w.created_at, w.created_at + interval '1 hour'
       from scale_work w join scale_templates tp on tp.state = w.state`,
    ],
    [
      'tasks',
      // Consultant steps are assigned to the order's consultant; a third of BJ01's manager reviews are
      // claimed by the demo manager, so both of the manager's inbox tabs have rows.
      `insert into tasks (id, instance_id, step_id, state, name, status, assignee, candidate_users, candidate_roles,
         store_id, outcomes, form_key, form_version, fields, due_at, created_at, claimed_at)
       select w.task_id, w.instance_id, md5('scale-step-' || w.order_id)::uuid::text, tp.state, tp.name, 'open',
         a.assignee, '{}',
         case when w.state in ('orderApproval.returned', 'delivery.handover') then '{}' else tp.candidate_roles end,
         w.store_id,
         tp.outcomes, tp.form_key, tp.form_version, tp.fields,
         case when w.h % 3 = 0 then null else w.created_at + interval '1 hour' + (1 + w.h % 3) * interval '1 day' end,
         w.created_at + interval '1 hour', case when a.assignee is not null then w.created_at + interval '2 hours' end
       from scale_work w join scale_templates tp on tp.state = w.state
       cross join lateral (select case
         when w.state in ('orderApproval.returned', 'delivery.handover') then w.consultant_id
         when w.state = 'orderApproval.managerReview' and w.store_id = 'BJ01' and w.h % 3 = 0
           then (select id from users where username = 'manager')
         end as assignee) a`,
    ],
    [
      'link orders',
      `update orders o set instance_id = w.instance_id from scale_work w
       where o.id = w.order_id and w.state like 'orderApproval.%'`,
    ],
    ['analyze', 'vacuum analyze'],
  ];
}

async function readMarker(sql: postgres.Sql): Promise<string | null> {
  const [row] = await sql<{ c: string | null }[]>`
    select shobj_description(oid, 'pg_database') as c from pg_database where datname = current_database()`;
  return row?.c ?? null;
}

/**
 * Creates (or, with `force`, recreates) and fills the scale database; skips when it is already filled.
 *
 * @example const r = await seedScaleDatabase(); console.log(r.skipped ? 'reused' : `${r.seconds} s`);
 */
export async function seedScaleDatabase(options: { force?: boolean; log?: (line: string) => void } = {}) {
  const log = options.log ?? ((line: string) => console.log(line));
  const began = performance.now();
  const admin = postgres(withDatabaseName(POSTGRES_URL, 'postgres'), { max: 1, onnotice: () => {} });
  try {
    const [exists] = await admin`select 1 as one from pg_database where datname = ${SCALE_DATABASE}`;
    if (exists && !options.force) {
      const sql = postgres(SCALE_URL, { max: 1, onnotice: () => {} });
      const marker = await readMarker(sql).finally(() => sql.end({ timeout: 1 }));
      if (marker === MARKER) return { skipped: true, seconds: 0, steps: {}, counts: {} } as SeedReport;
      log(`scale database present without the marker (${marker ?? 'none'}): recreating`);
    }
    await admin.unsafe(`DROP DATABASE IF EXISTS "${SCALE_DATABASE}" WITH (FORCE)`);
    await admin.unsafe(`CREATE DATABASE "${SCALE_DATABASE}"`);
  } finally {
    await admin.end({ timeout: 1 });
  }

  const timings: Record<string, number> = {};
  const timed = async (label: string, work: () => Promise<unknown>) => {
    const t0 = performance.now();
    await work();
    timings[label] = Number(((performance.now() - t0) / 1000).toFixed(1));
    log(`  ${label.padEnd(22)} ${timings[label]} s`);
  };

  // As the server does at start: migrations, roles, shipped flows, demo users and demo data.
  await timed('prepare (as the server)', async () => {
    const logger = createLogger({ level: 'warn' });
    const database = await openDatabase({ url: SCALE_URL });
    const service = new WorkflowService({
      ports: apiPorts,
      database,
      logger,
      effects: createDealerEffects(),
    });
    try {
      await prepareDatabase({ database, service, demo: true, logger, application: DEALER_APPLICATION });
    } finally {
      await service.stop();
      await database.close();
    }
  });

  const sql = postgres(SCALE_URL, { max: 1, onnotice: () => {} });
  try {
    await sql.unsafe(`set maintenance_work_mem = '512MB'; set work_mem = '64MB'`).simple();
    let orderIndexes: string[] = [];
    for (const [label, statement] of steps()) {
      if (label === 'drop order indexes') {
        await timed(label, async () => {
          const rows = await sql<{ name: string; def: string }[]>`
            select i.indexname as name, i.indexdef as def from pg_indexes i
            join pg_index x on x.indexrelid = (quote_ident(i.indexname))::regclass
            where i.tablename = 'orders' and not x.indisprimary`;
          orderIndexes = rows.map((r) => r.def);
          for (const r of rows) await sql.unsafe(`drop index "${r.name}"`);
        });
      } else if (label === 'create order indexes') {
        await timed(label, async () => {
          for (const def of orderIndexes) await sql.unsafe(def);
        });
      } else {
        await timed(label, () => sql.unsafe(statement).simple());
      }
    }
    const counts: Record<string, number> = {};
    for (const table of ['stores', 'users', 'customers', 'orders', 'instances', 'tasks']) {
      const [row] = await sql.unsafe<{ n: string }[]>(`select count(*) as n from ${table}`);
      counts[table] = Number(row?.n ?? 0);
    }
    const [open] = await sql<{ n: string }[]>`select count(*) as n from tasks where status = 'open'`;
    counts.openTasks = Number(open?.n ?? 0);
    await sql.unsafe(`comment on database "${SCALE_DATABASE}" is '${MARKER}'`);
    const seconds = Number(((performance.now() - began) / 1000).toFixed(1));
    return { skipped: false, seconds, steps: timings, counts } as SeedReport;
  } finally {
    await sql.end({ timeout: 1 });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const report = await seedScaleDatabase({ force: process.argv.includes('--force') });
  console.log(
    report.skipped
      ? `${SCALE_DATABASE} already seeded (pass --force to reseed)`
      : `${SCALE_DATABASE} seeded in ${report.seconds} s: ${JSON.stringify(report.counts)}`,
  );
}
