/**
 * Tables the API owns (not the engine): login sessions. Same migrations folder as the engine's for now
 * (drizzle.config.ts lists this file); users, files and CC are still declared in engine/store/schema.ts
 * because the store's queries read them (docs/architecture.md, "Not yet clean").
 */
import { index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from '../../engine/store/schema.ts';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'string' });

/** A login: the token's SHA-256 (never the token), whose it is and until when. */
export const sessions = pgTable(
  'sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: ts('created_at').notNull().defaultNow(),
    expiresAt: ts('expires_at').notNull(),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

export type SessionRow = typeof sessions.$inferSelect;
