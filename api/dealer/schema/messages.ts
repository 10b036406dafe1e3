import { bigint, index, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { tstz } from './columns.ts';

/**
 * The customer's message templates as an admin edited them (one row per stage key such as
 * `order.arrived`); a key without a row uses the shipped default (effects/message-templates.ts).
 */
export const messageTemplates = pgTable('message_templates', {
  key: text('key').primaryKey(),
  sms: text('sms').notNull(),
  emailSubject: text('email_subject').notNull(),
  emailBody: text('email_body').notNull(),
  updatedBy: text('updated_by'),
  updatedAt: tstz('updated_at').notNull(),
});

/** What was sent to a customer, to whom, through which channel (the order's 消息记录). */
export const customerMessages = pgTable(
  'customer_messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orderId: uuid('order_id'),
    serviceOrderId: uuid('service_order_id'),
    storeId: text('store_id').notNull(),
    template: text('template').notNull(),
    /** `sms` or `email`. */
    channel: text('channel').notNull(),
    /** The mobile number or e-mail address. */
    recipient: text('recipient').notNull(),
    subject: text('subject'),
    body: text('body').notNull(),
    /** The outbox row that carries it (its status says whether it left). */
    outboxId: bigint('outbox_id', { mode: 'number' }),
    createdAt: tstz('created_at').notNull(),
  },
  (t) => [
    index('customer_messages_order_idx').on(t.orderId, t.createdAt),
    index('customer_messages_service_order_idx').on(t.serviceOrderId, t.createdAt),
  ],
);
