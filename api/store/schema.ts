/**
 * Tables the API owns (not the engine): login sessions and the start-up marks. Same migrations folder as the engine's for now
 * (drizzle.config.ts lists this file); users, files and CC are still declared in engine/store/schema.ts
 * because the store's queries read them (docs/architecture.md, "Not yet clean").
 */
import { index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from '../../engine/store/schema.ts';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'string' });

/** A login: the token's SHA-256 (never the token), whose it is and until when. */
export const sessions = pgTable(
  'sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    /** What the user's session list shows and revokes by (the token hash never leaves the server). */
    id: uuid('id').notNull().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: ts('created_at').notNull().defaultNow(),
    expiresAt: ts('expires_at').notNull(),
    /** The login's User-Agent and client address, so a user can tell their sessions apart. */
    userAgent: text('user_agent'),
    clientAddress: text('client_address'),
  },
  (t) => [index('sessions_user_idx').on(t.userId), uniqueIndex('sessions_id_idx').on(t.id)],
);

/**
 * What a server's start-up last prepared (api/startup.ts): a fingerprint of the migrations, the
 * shipped flows and forms and the demo flag, so a start with nothing new skips publishing and seeding.
 */
export const startupMarks = pgTable('startup_marks', {
  key: text('key').primaryKey(),
  fingerprint: text('fingerprint').notNull(),
  at: ts('at').notNull().defaultNow(),
});

export type SessionRow = typeof sessions.$inferSelect;
