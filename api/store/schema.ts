/**
 * Tables the API owns (docs/architecture.md, "Who owns which tables"), migrated from api/store/migrations
 * after the engine's and before the application's (`npm run db:generate:api`): login sessions and throttling,
 * file bytes, the start-up marks — and, re-exported from engine/store/api-tables.ts, the directory, files,
 * CC and notifications, which engine queries still read.
 */
import {
  boolean,
  customType,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from '../../engine/store/api-tables.ts';

export * from '../../engine/store/api-tables.ts';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'string' });
const createdAt = () => ts('created_at').notNull().defaultNow();

/** `bytea`, read as bytes on both drivers (postgres.js gives a Buffer, itself a Uint8Array). */
const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => 'bytea' });

/**
 * A file's bytes in order (`seq` from 0), a few hundred KB each, written as an upload streams in and
 * before its `files` row exists (no foreign key: the row is inserted when the whole upload is stored).
 * Chunks without a `files` row are an upload that was cut off; startup sweeps the old ones.
 */
export const fileChunks = pgTable(
  'file_chunks',
  {
    fileId: uuid('file_id').notNull(),
    seq: integer('seq').notNull(),
    data: bytea('data').notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.fileId, t.seq] })],
);

/** Login throttling's counters (api/auth/throttle.ts): `user:<username>` or `ip:<address>`. */
export const loginThrottle = pgTable('login_throttle', {
  key: text('key').primaryKey(),
  failures: integer('failures').notNull().default(0),
  lastFailureAt: ts('last_failure_at').notNull(),
  blockedUntil: ts('blocked_until'),
  locked: boolean('locked').notNull().default(false),
});

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
