/**
 * Tables the API owns (docs/architecture.md, "Who owns which tables"), migrated from api/store/migrations
 * after the engine's and before the application's (`npm run db:generate:api`): login sessions and throttling,
 * file bytes, the start-up marks, the directory (stores, roles, users and their roles), uploaded files and
 * where they are referenced, CC and the message centre. The engine reaches the last ones only through the
 * ports it defines (engine/store/ports.ts), which the API implements here (api/store/ports.ts).
 */
import { sql } from 'drizzle-orm';
import {
  bigint,
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
import { instances } from '../../engine/store/schema.ts';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'string' });
const createdAt = () => ts('created_at').notNull().defaultNow();

/** A dealership (4S store), e.g. `BJ01`. */
export const stores = pgTable('stores', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
});

/** Role codes (`sales_manager`, `finance`, `admin`, ...) with their labels. */
export const roles = pgTable('roles', {
  code: text('code').primaryKey(),
  labelZh: text('label_zh').notNull(),
  labelEn: text('label_en').notNull(),
});

export const users = pgTable('users', {
  id: uuid('id').primaryKey().defaultRandom(),
  username: text('username').notNull().unique(),
  displayName: text('display_name').notNull(),
  passwordHash: text('password_hash').notNull(),
  /** null: a group user who may act in any store. */
  storeId: text('store_id').references(() => stores.id),
  team: text('team'),
  active: boolean('active').notNull().default(true),
  createdAt: createdAt(),
});

export const userRoles = pgTable(
  'user_roles',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: text('role')
      .notNull()
      .references(() => roles.code),
  },
  (t) => [primaryKey({ columns: [t.userId, t.role] }), index('user_roles_role_idx').on(t.role)],
);

/**
 * Uploaded files (form attachments); their bytes are in `file_chunks`, so that PGlite and PostgreSQL
 * need no other service. `storeId` is the uploader's store (null: a group user's upload), which
 * scopes who may read.
 */
export const files = pgTable(
  'files',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    mime: text('mime').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    uploadedBy: uuid('uploaded_by')
      .notNull()
      .references(() => users.id),
    storeId: text('store_id').references(() => stores.id),
    createdAt: createdAt(),
  },
  (t) => [index('files_uploaded_by_idx').on(t.uploadedBy), index('files_store_idx').on(t.storeId)],
);

/**
 * 抄送 CC: an instance made known to a user, read-only. Written when an instance passes a CC node
 * (`notify` with topic `workflow.cc`: `state` set, `ccBy` the step's actor) or when a task's person
 * CCs someone (`POST /api/tasks/:id/cc`: `taskId` set). `readAt` null: unread.
 */
export const cc = pgTable(
  'cc',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    instanceId: uuid('instance_id')
      .notNull()
      .references(() => instances.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    taskId: uuid('task_id'),
    state: text('state'),
    /** Who CC'd: a user id, or `system`. */
    ccBy: text('cc_by').notNull(),
    ccByName: text('cc_by_name'),
    comment: text('comment'),
    createdAt: ts('created_at').notNull(),
    readAt: ts('read_at'),
  },
  (t) => [
    index('cc_user_idx').on(t.userId, t.createdAt),
    index('cc_user_unread_idx').on(t.userId).where(sql`read_at is null`),
    index('cc_instance_idx').on(t.instanceId, t.userId),
  ],
);

/**
 * Where a file is referenced: written with the task data that named it (a `ui:widget: file` field),
 * in the same transaction. Whoever may see the instance may read the file (api/files/file-repo.ts).
 * `path` is the field's JSON pointer in the task data (`/attachments/1`).
 */
export const fileRefs = pgTable(
  'file_refs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    fileId: uuid('file_id')
      .notNull()
      .references(() => files.id, { onDelete: 'cascade' }),
    instanceId: uuid('instance_id')
      .notNull()
      .references(() => instances.id, { onDelete: 'cascade' }),
    taskId: uuid('task_id'),
    path: text('path').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('file_refs_ref_uq').on(t.fileId, t.instanceId, t.taskId, t.path),
    index('file_refs_instance_idx').on(t.instanceId),
  ],
);

/** The in-app message centre: one row per recipient (task arrivals, CCs, reminders, returns, deadlines). */
export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** What happened: `task.arrived`, `cc`, `reminder`, `return`, `deadline`, ... */
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    body: text('body'),
    taskId: uuid('task_id'),
    instanceId: uuid('instance_id'),
    /** Where the bell's entry leads in the app (a path). */
    link: text('link'),
    /** The outbox row it came from: a redelivered row adds nobody twice. */
    outboxId: bigint('outbox_id', { mode: 'number' }),
    createdAt: ts('created_at').notNull(),
    readAt: ts('read_at'),
  },
  (t) => [
    index('notifications_user_idx').on(t.userId, t.createdAt),
    index('notifications_user_unread_idx').on(t.userId).where(sql`read_at is null`),
    uniqueIndex('notifications_outbox_user_uq').on(t.outboxId, t.userId).where(sql`outbox_id is not null`),
  ],
);

export type StoreRow = typeof stores.$inferSelect;
export type RoleRow = typeof roles.$inferSelect;
export type UserRow = typeof users.$inferSelect;
export type UserRoleRow = typeof userRoles.$inferSelect;
export type FileRow = typeof files.$inferSelect;
export type CcRow = typeof cc.$inferSelect;
export type FileRefRow = typeof fileRefs.$inferSelect;
export type NotificationRow = typeof notifications.$inferSelect;

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
