/**
 * The dealership's tables (docs/dealership.md): teams, CRM, inventory, the order management table with its
 * timeline, payments and after-sales. Amounts are integer fen (`bigint` read as JS numbers: the
 * largest sum we store is far below 2^53). Conventions as in engine/store/schema.ts: camelCase keys,
 * snake_case columns, timestamptz read as ISO strings, indexes in the array form.
 */
import type { complaints, maintenanceReminders, serviceOrders, surveys } from './schema/after-sales.ts';
import type { customers, followUps, teams, testDrives } from './schema/crm.ts';
import type { stockTakeLines, stockTakes } from './schema/inventory-ops.ts';
import type { customerMessages, messageTemplates } from './schema/messages.ts';
import type { orderEvents, orders, payments, vehicles } from './schema/sales.ts';

export * from './schema/after-sales.ts';
export * from './schema/crm.ts';
export * from './schema/inventory-ops.ts';
export * from './schema/messages.ts';
export * from './schema/sales.ts';

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
export type StockTakeRow = typeof stockTakes.$inferSelect;
export type StockTakeLineRow = typeof stockTakeLines.$inferSelect;
export type MessageTemplateRow = typeof messageTemplates.$inferSelect;
export type CustomerMessageRow = typeof customerMessages.$inferSelect;
