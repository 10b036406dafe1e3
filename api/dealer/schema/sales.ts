/** Inventory and the order management table with its numbering, timeline and payments. */
import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { stores, users } from '../../store/schema.ts';
import { createdAt, day, fen, tstz } from './columns.ts';
import { customers } from './crm.ts';

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
    /** The receiving store while `status` is `transferring`. */
    transferToStoreId: text('transfer_to_store_id').references(() => stores.id),
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
    /** The stock vehicle a draft (草稿) names: held only when the draft is submitted. */
    draftVin: text('draft_vin'),
    deliveredAt: tstz('delivered_at'),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
    updatedAt: tstz('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('orders_order_no_uq').on(t.orderNo),
    index('orders_store_status_date_idx').on(t.storeId, t.status, t.orderDate),
    index('orders_store_date_idx').on(t.storeId, t.orderDate),
    // The table's default sort (newest first), per store and across stores for group users.
    index('orders_store_created_idx').on(t.storeId, t.createdAt),
    index('orders_created_idx').on(t.createdAt),
    // The other sorts of the table, per store and across stores (npm run bench:scale).
    index('orders_total_idx').on(t.total, t.orderNo),
    index('orders_store_total_idx').on(t.storeId, t.total, t.orderNo),
    index('orders_date_idx').on(t.orderDate),
    // Status filters across stores (group users); the bounded count reads it alone.
    index('orders_status_created_idx').on(t.status, t.createdAt),
    index('orders_consultant_date_idx').on(t.consultantId, t.orderDate),
    index('orders_team_date_idx').on(t.teamId, t.orderDate),
    index('orders_store_model_idx').on(t.storeId, t.model),
    index('orders_store_source_idx').on(t.storeId, t.source),
    index('orders_customer_idx').on(t.customerId),
    // Search is by prefix (PGlite has no pg_trgm): btree with text_pattern_ops serves `LIKE 'x%'`.
    index('orders_order_no_pattern_idx').on(t.orderNo.op('text_pattern_ops')),
    index('orders_mobile_pattern_idx').on(t.customerMobile.op('text_pattern_ops')),
    index('orders_name_pattern_idx').on(t.customerName.op('text_pattern_ops')),
    // The same within one store (most users see one): the store's matches, not the group's.
    index('orders_store_mobile_pattern_idx').on(t.storeId, t.customerMobile.op('text_pattern_ops')),
    index('orders_store_name_pattern_idx').on(t.storeId, t.customerName.op('text_pattern_ops')),
    index('orders_vin_pattern_idx').on(t.vin.op('text_pattern_ops')),
  ],
);

/**
 * Per-store daily number counters, one per series (`''` orders, `WX` work orders, `TS` complaints);
 * gaps are allowed, duplicates are not.
 */
export const orderSequences = pgTable(
  'order_sequences',
  {
    storeId: text('store_id')
      .notNull()
      .references(() => stores.id),
    series: text('series').notNull().default(''),
    day: text('day').notNull(),
    last: integer('last').notNull(),
  },
  (t) => [primaryKey({ columns: [t.storeId, t.series, t.day] })],
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
    /** The receipt or bank transaction number finance typed (收据/流水号). */
    receiptNo: text('receipt_no'),
    /** The day the money arrived (到账日期), as finance recorded it. */
    paidOn: day('paid_on'),
  },
  (t) => [index('payments_order_idx').on(t.orderId)],
);
