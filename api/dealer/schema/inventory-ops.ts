/** Inventory operations with a record of their own: stock-takes (盘点) and their gain/loss lines. */
import { index, integer, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { stores, users } from '../../store/schema.ts';
import { createdAt } from './columns.ts';

/** One stock-take of a store: who counted, when, and the gain/loss totals. */
export const stockTakes = pgTable(
  'stock_takes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    storeId: text('store_id')
      .notNull()
      .references(() => stores.id),
    countedCount: integer('counted_count').notNull(),
    systemCount: integer('system_count').notNull(),
    gains: integer('gains').notNull(),
    losses: integer('losses').notNull(),
    note: text('note'),
    createdBy: uuid('created_by').references(() => users.id),
    createdByName: text('created_by_name').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('stock_takes_store_created_idx').on(t.storeId, t.createdAt)],
);

/** A discrepancy of a stock-take: `gain` (counted, not in the system) or `loss` (in the system, not counted). */
export const stockTakeLines = pgTable(
  'stock_take_lines',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    stockTakeId: uuid('stock_take_id')
      .notNull()
      .references(() => stockTakes.id, { onDelete: 'cascade' }),
    vin: text('vin').notNull(),
    kind: text('kind').$type<'gain' | 'loss'>().notNull(),
  },
  (t) => [index('stock_take_lines_take_idx').on(t.stockTakeId)],
);
