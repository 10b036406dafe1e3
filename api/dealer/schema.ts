/**
 * The dealership's tables (DOMAIN.md): teams, CRM, inventory, the order management table with its
 * timeline, payments and after-sales. Amounts are integer fen (`bigint` read as JS numbers: the
 * largest sum we store is far below 2^53). Conventions as in engine/store/schema.ts: camelCase keys,
 * snake_case columns, timestamptz read as ISO strings, indexes in the array form.
 */
import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { stores, users } from '../../engine/store/schema.ts';

const fen = (name: string) => bigint(name, { mode: 'number' });
const tstz = (name: string) => timestamp(name, { withTimezone: true, mode: 'string' });
const day = (name: string) => date(name, { mode: 'string' });
const createdAt = () => tstz('created_at').notNull().defaultNow();

/** One accessory line of an order (精品). `free` lines count toward the concession. */
export interface AccessoryLine {
  name: string;
  price: number;
  /** What the customer pays for it; defaults to `price`. */
  charged?: number;
  free?: boolean;
}

/** 按揭 details. */
export interface LoanTerms {
  lender: string;
  downPayment: number;
  termMonths: number;
  monthlyPayment: number;
}

/** Sales teams (一组, 二组) of a store; a consultant's team is `users.team` (the team name). */
export const teams = pgTable(
  'teams',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    storeId: text('store_id')
      .notNull()
      .references(() => stores.id),
    name: text('name').notNull(),
    leaderId: uuid('leader_id').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('teams_store_name_uq').on(t.storeId, t.name)],
);

/** CRM customers; one row per mobile number per store. */
export const customers = pgTable(
  'customers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    storeId: text('store_id')
      .notNull()
      .references(() => stores.id),
    name: text('name').notNull(),
    mobile: text('mobile').notNull(),
    email: text('email'),
    address: text('address'),
    grade: text('grade').notNull().default('potential'),
    intentLevel: text('intent_level').notNull().default('N'),
    value: text('value').notNull().default('normal'),
    purchaseType: text('purchase_type').notNull().default('first'),
    source: text('source').notNull().default('walk_in'),
    budgetMin: fen('budget_min'),
    budgetMax: fen('budget_max'),
    preferences: jsonb('preferences').$type<Record<string, unknown>>().notNull().default({}),
    consultantId: uuid('consultant_id').references(() => users.id),
    nextFollowUpAt: tstz('next_follow_up_at'),
    lostReason: text('lost_reason'),
    createdAt: createdAt(),
    updatedAt: tstz('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('customers_store_mobile_uq').on(t.storeId, t.mobile),
    index('customers_store_grade_idx').on(t.storeId, t.grade),
    index('customers_store_follow_up_idx').on(t.storeId, t.nextFollowUpAt),
    index('customers_consultant_idx').on(t.consultantId),
  ],
);

/** Follow-up records (跟进). */
export const followUps = pgTable(
  'follow_ups',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    storeId: text('store_id')
      .notNull()
      .references(() => stores.id),
    consultantId: uuid('consultant_id').references(() => users.id),
    at: tstz('at').notNull(),
    channel: text('channel').notNull(),
    content: text('content').notNull(),
    result: text('result'),
    nextAt: tstz('next_at'),
    levelFrom: text('level_from'),
    levelTo: text('level_to'),
    createdAt: createdAt(),
  },
  (t) => [index('follow_ups_customer_idx').on(t.customerId, t.at)],
);

/** Test drives (试驾). */
export const testDrives = pgTable(
  'test_drives',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    storeId: text('store_id')
      .notNull()
      .references(() => stores.id),
    consultantId: uuid('consultant_id').references(() => users.id),
    vehicleId: uuid('vehicle_id'),
    model: text('model').notNull(),
    at: tstz('at').notNull(),
    licenceChecked: boolean('licence_checked').notNull().default(false),
    odometerOut: integer('odometer_out'),
    odometerIn: integer('odometer_in'),
    feedback: text('feedback'),
    createdAt: createdAt(),
  },
  (t) => [
    index('test_drives_customer_idx').on(t.customerId),
    index('test_drives_store_at_idx').on(t.storeId, t.at),
  ],
);

/** Inventory: one row per physical vehicle. */
export const vehicles = pgTable(
  'vehicles',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    vin: text('vin').notNull(),
    brand: text('brand').notNull(),
    model: text('model').notNull(),
    trim: text('trim').notNull(),
    exteriorColor: text('exterior_color').notNull(),
    interiorColor: text('interior_color'),
    productionDate: day('production_date').notNull(),
    stockInDate: day('stock_in_date'),
    engineNo: text('engine_no'),
    certificateNo: text('certificate_no'),
    location: text('location'),
    storeId: text('store_id')
      .notNull()
      .references(() => stores.id),
    cost: fen('cost'),
    listPrice: fen('list_price').notNull(),
    status: text('status').notNull().default('in_stock'),
    reservedOrderId: uuid('reserved_order_id'),
    eta: tstz('eta'),
    /** Who accepted a VIN failing the check digit (imports, old records). */
    vinOverrideBy: text('vin_override_by'),
    createdAt: createdAt(),
    updatedAt: tstz('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('vehicles_vin_uq').on(t.vin),
    // A vehicle serves at most one order and an order holds at most one vehicle.
    uniqueIndex('vehicles_reserved_order_uq')
      .on(t.reservedOrderId)
      .where(sql`${t.reservedOrderId} is not null`),
    index('vehicles_store_status_model_idx').on(t.storeId, t.status, t.model),
    index('vehicles_store_production_idx').on(t.storeId, t.productionDate),
  ],
);

/** The order management table (订单管理表). `status` changes only through `order.setStatus`. */
export const orders = pgTable(
  'orders',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orderNo: text('order_no').notNull(),
    storeId: text('store_id')
      .notNull()
      .references(() => stores.id),
    orderDate: day('order_date').notNull(),
    customerId: uuid('customer_id').references(() => customers.id),
    customerName: text('customer_name').notNull(),
    customerMobile: text('customer_mobile').notNull(),
    customerEmail: text('customer_email'),
    customerAddress: text('customer_address'),
    brand: text('brand').notNull(),
    model: text('model').notNull(),
    trim: text('trim').notNull(),
    color: text('color').notNull(),
    interiorColor: text('interior_color'),
    vin: text('vin'),
    newEnergy: boolean('new_energy').notNull().default(false),
    msrp: fen('msrp').notNull(),
    discount: fen('discount').notNull(),
    dealPrice: fen('deal_price').notNull(),
    accessories: jsonb('accessories').$type<AccessoryLine[]>().notNull().default([]),
    accessoriesTotal: fen('accessories_total').notNull(),
    purchaseTax: fen('purchase_tax').notNull(),
    insurance: fen('insurance').notNull(),
    registrationFee: fen('registration_fee').notNull(),
    financeFee: fen('finance_fee').notNull(),
    tradeInCredit: fen('trade_in_credit').notNull(),
    deposit: fen('deposit').notNull(),
    total: fen('total').notNull(),
    concession: fen('concession').notNull(),
    /** Vehicle margin + accessories margin; null while the vehicle cost is unknown. */
    grossProfit: fen('gross_profit'),
    paymentMethod: text('payment_method').notNull(),
    loan: jsonb('loan').$type<LoanTerms>(),
    status: text('status').notNull().default('pending'),
    consultantId: uuid('consultant_id').references(() => users.id),
    teamId: uuid('team_id'),
    source: text('source').notNull(),
    queueJump: boolean('queue_jump').notNull().default(false),
    afterSalesPackage: jsonb('after_sales_package').$type<Record<string, unknown>>(),
    note: text('note'),
    /** The order-approval instance; later flows carry the order number as business key. */
    instanceId: uuid('instance_id'),
    /** Expected arrival when the vehicle is in transit. */
    eta: tstz('eta'),
    deliveredAt: tstz('delivered_at'),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
    updatedAt: tstz('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('orders_order_no_uq').on(t.orderNo),
    index('orders_store_status_date_idx').on(t.storeId, t.status, t.orderDate),
    index('orders_store_date_idx').on(t.storeId, t.orderDate),
    index('orders_consultant_date_idx').on(t.consultantId, t.orderDate),
    index('orders_team_date_idx').on(t.teamId, t.orderDate),
    index('orders_store_model_idx').on(t.storeId, t.model),
    index('orders_store_source_idx').on(t.storeId, t.source),
    index('orders_customer_idx').on(t.customerId),
    // Search is by prefix (PGlite has no pg_trgm): btree with text_pattern_ops serves `LIKE 'x%'`.
    index('orders_order_no_pattern_idx').on(t.orderNo.op('text_pattern_ops')),
    index('orders_mobile_pattern_idx').on(t.customerMobile.op('text_pattern_ops')),
    index('orders_name_pattern_idx').on(t.customerName.op('text_pattern_ops')),
    index('orders_vin_pattern_idx').on(t.vin.op('text_pattern_ops')),
  ],
);

/** Per-store daily order number counters; gaps are allowed, duplicates are not. */
export const orderSequences = pgTable(
  'order_sequences',
  {
    storeId: text('store_id')
      .notNull()
      .references(() => stores.id),
    day: text('day').notNull(),
    last: integer('last').notNull(),
  },
  (t) => [primaryKey({ columns: [t.storeId, t.day] })],
);

/** The order's timeline: every status change, with who and when. Append-only. */
export const orderEvents = pgTable(
  'order_events',
  {
    /** Orders the timeline when several changes share one instant (one transaction). */
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    orderId: uuid('order_id')
      .notNull()
      .references(() => orders.id, { onDelete: 'cascade' }),
    fromStatus: text('from_status'),
    toStatus: text('to_status').notNull(),
    actorId: text('actor_id').notNull(),
    actorName: text('actor_name').notNull(),
    instanceId: uuid('instance_id'),
    at: tstz('at').notNull().defaultNow(),
    note: text('note'),
  },
  (t) => [index('order_events_order_idx').on(t.orderId, t.at)],
);

/** Payments confirmed by finance (deposit, balance, loan disbursement, refund). */
export const payments = pgTable(
  'payments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orderId: uuid('order_id')
      .notNull()
      .references(() => orders.id, { onDelete: 'cascade' }),
    storeId: text('store_id')
      .notNull()
      .references(() => stores.id),
    kind: text('kind').notNull(),
    amount: fen('amount').notNull(),
    method: text('method').notNull(),
    recordedBy: text('recorded_by').notNull(),
    at: tstz('at').notNull().defaultNow(),
  },
  (t) => [index('payments_order_idx').on(t.orderId)],
);

/** After-sales work orders (维修工单). */
export const serviceOrders = pgTable(
  'service_orders',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    storeId: text('store_id')
      .notNull()
      .references(() => stores.id),
    customerId: uuid('customer_id').references(() => customers.id),
    customerName: text('customer_name').notNull(),
    mobile: text('mobile').notNull(),
    vin: text('vin').notNull(),
    plate: text('plate'),
    mileage: integer('mileage'),
    complaint: text('complaint').notNull(),
    kind: text('kind').notNull().default('repair'),
    settlement: text('settlement'),
    amount: fen('amount'),
    status: text('status').notNull().default('open'),
    advisorId: uuid('advisor_id').references(() => users.id),
    instanceId: uuid('instance_id'),
    createdAt: createdAt(),
    updatedAt: tstz('updated_at').notNull().defaultNow(),
    completedAt: tstz('completed_at'),
  },
  (t) => [
    index('service_orders_store_status_idx').on(t.storeId, t.status, t.createdAt),
    index('service_orders_vin_idx').on(t.vin),
  ],
);

/** Satisfaction surveys: SSI after delivery (orderId), CSI after service (serviceOrderId). */
export const surveys = pgTable(
  'surveys',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    storeId: text('store_id')
      .notNull()
      .references(() => stores.id),
    kind: text('kind').notNull(),
    orderId: uuid('order_id'),
    serviceOrderId: uuid('service_order_id'),
    /** 1..10. */
    score: integer('score').notNull(),
    comment: text('comment'),
    at: tstz('at').notNull().defaultNow(),
  },
  (t) => [index('surveys_store_kind_at_idx').on(t.storeId, t.kind, t.at)],
);

/** Complaints (投诉). */
export const complaints = pgTable(
  'complaints',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    storeId: text('store_id')
      .notNull()
      .references(() => stores.id),
    customerId: uuid('customer_id').references(() => customers.id),
    customerName: text('customer_name').notNull(),
    mobile: text('mobile'),
    channel: text('channel').notNull(),
    category: text('category').notNull(),
    level: text('level').notNull(),
    description: text('description').notNull(),
    status: text('status').notNull().default('open'),
    orderId: uuid('order_id'),
    serviceOrderId: uuid('service_order_id'),
    instanceId: uuid('instance_id'),
    createdBy: uuid('created_by').references(() => users.id),
    dueAt: tstz('due_at'),
    createdAt: createdAt(),
    closedAt: tstz('closed_at'),
  },
  (t) => [index('complaints_store_status_idx').on(t.storeId, t.status, t.createdAt)],
);

/** Next-maintenance and insurance-renewal reminders. */
export const maintenanceReminders = pgTable(
  'maintenance_reminders',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    storeId: text('store_id')
      .notNull()
      .references(() => stores.id),
    vin: text('vin'),
    customerId: uuid('customer_id'),
    orderId: uuid('order_id'),
    serviceOrderId: uuid('service_order_id'),
    kind: text('kind').notNull().default('maintenance'),
    dueDate: day('due_date').notNull(),
    dueKm: integer('due_km'),
    status: text('status').notNull().default('scheduled'),
    createdAt: createdAt(),
  },
  (t) => [index('maintenance_reminders_store_due_idx').on(t.storeId, t.status, t.dueDate)],
);

export type TeamRow = typeof teams.$inferSelect;
export type CustomerRow = typeof customers.$inferSelect;
export type FollowUpRow = typeof followUps.$inferSelect;
export type TestDriveRow = typeof testDrives.$inferSelect;
export type VehicleRow = typeof vehicles.$inferSelect;
export type OrderRow = typeof orders.$inferSelect;
export type OrderInsert = typeof orders.$inferInsert;
export type OrderEventRow = typeof orderEvents.$inferSelect;
export type PaymentRow = typeof payments.$inferSelect;
export type ServiceOrderRow = typeof serviceOrders.$inferSelect;
export type SurveyRow = typeof surveys.$inferSelect;
export type ComplaintRow = typeof complaints.$inferSelect;
export type MaintenanceReminderRow = typeof maintenanceReminders.$inferSelect;
