import { index, integer, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { stores, users } from '../../store/schema.ts';
import { createdAt, day, fen, tstz } from './columns.ts';
import { customers } from './crm.ts';

/** After-sales work orders (维修工单). */
export const serviceOrders = pgTable(
  'service_orders',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** `WX` + store + `YYYYMMDD` + daily sequence (the order number rule, series `WX`). */
    serviceNo: text('service_no').notNull(),
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
    uniqueIndex('service_orders_service_no_uq').on(t.serviceNo),
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
    /** `TS` + store + `YYYYMMDD` + daily sequence (the order number rule, series `TS`). */
    complaintNo: text('complaint_no').notNull(),
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
  (t) => [
    index('complaints_store_status_idx').on(t.storeId, t.status, t.createdAt),
    uniqueIndex('complaints_complaint_no_uq').on(t.complaintNo),
  ],
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
    /** Set when the advisor marks the reminder done (customer contacted, visit booked). */
    note: text('note'),
    doneAt: tstz('done_at'),
    doneBy: text('done_by'),
    createdAt: createdAt(),
  },
  (t) => [index('maintenance_reminders_store_due_idx').on(t.storeId, t.status, t.dueDate)],
);
