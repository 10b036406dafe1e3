import { boolean, index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { stores, users } from '../../store/schema.ts';
import { createdAt, fen, tstz } from './columns.ts';

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
