/**
 * The engine's tables (docs/architecture.md, "Who owns which tables"): definitions and forms with immutable
 * versions, instances, tasks, append-only history, durable timers, the outbox, idempotency keys and the
 * stores' business calendars. Migrated from engine/store/migrations (`npm run db:generate:engine`).
 * camelCase keys, snake_case columns; timestamps are `timestamptz` read and written as ISO strings.
 * The API's tables are api/store/schema.ts, the dealership's api/dealer/schema.ts, each with its own migrations.
 */
import { sql } from 'drizzle-orm';
import {
  bigserial,
  index,
  integer,
  json,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { BusinessCalendar, InstanceState, Json, JsonObject } from '../types.ts';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'string' });
const createdAt = () => ts('created_at').notNull().defaultNow();

/** One row per workflow key: the editable draft and a pointer to the latest published version. */
export const workflowDefinitions = pgTable('workflow_definitions', {
  key: text('key').primaryKey(),
  name: text('name').notNull(),
  description: text('description'),
  /** `json`, not `jsonb`: the document keeps its key order (states, fields). */
  draft: json('draft').$type<JsonObject>(),
  draftUpdatedAt: ts('draft_updated_at'),
  draftUpdatedBy: text('draft_updated_by'),
  latestVersion: integer('latest_version'),
  createdAt: createdAt(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
  /** The 发起申请 page's grouping and icon, from the latest saved document (draft or published). */
  category: text('category'),
  icon: text('icon'),
  /** Who last saved, published, archived or restored it (a user id). */
  updatedBy: text('updated_by'),
  /** Archived: no new starts; running instances go on. */
  archivedAt: ts('archived_at'),
  archivedBy: text('archived_by'),
});

/** Immutable published versions; instances are pinned to one. */
export const workflowVersions = pgTable(
  'workflow_versions',
  {
    key: text('key')
      .notNull()
      .references(() => workflowDefinitions.key),
    version: integer('version').notNull(),
    definition: json('definition').$type<JsonObject>().notNull(),
    publishedAt: ts('published_at').notNull().defaultNow(),
    publishedBy: text('published_by'),
  },
  (t) => [primaryKey({ columns: [t.key, t.version] })],
);

export const forms = pgTable('forms', {
  key: text('key').primaryKey(),
  title: text('title').notNull(),
  /** Catalogue labels, from the latest saved document (draft or published), like flows'. */
  description: text('description'),
  category: text('category'),
  icon: text('icon'),
  /** `json`, not `jsonb`: the document keeps its key order (states, fields). */
  draft: json('draft').$type<JsonObject>(),
  draftUpdatedAt: ts('draft_updated_at'),
  draftUpdatedBy: text('draft_updated_by'),
  latestVersion: integer('latest_version'),
  createdAt: createdAt(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
  /** Who last saved, published, archived or restored it (a user id). */
  updatedBy: text('updated_by'),
  /** Archived: a publish may not newly reference it. */
  archivedAt: ts('archived_at'),
  archivedBy: text('archived_by'),
});

export const formVersions = pgTable(
  'form_versions',
  {
    key: text('key')
      .notNull()
      .references(() => forms.key),
    version: integer('version').notNull(),
    title: text('title').notNull(),
    /** `json`, not `jsonb`, here and below: field order is key order. */
    schema: json('schema').$type<JsonObject>().notNull(),
    uiSchema: json('ui_schema').$type<JsonObject>().notNull().default({}),
    /** The whole form document as published (rules, description). */
    definition: json('definition').$type<JsonObject>().notNull(),
    publishedAt: ts('published_at').notNull().defaultNow(),
    publishedBy: text('published_by'),
  },
  (t) => [primaryKey({ columns: [t.key, t.version] })],
);

export const instances = pgTable(
  'instances',
  {
    id: uuid('id').primaryKey(),
    workflowKey: text('workflow_key').notNull(),
    workflowVersion: integer('workflow_version').notNull(),
    businessKey: text('business_key'),
    /** The business record it is about (`order` + its id): the application's link, set at start. */
    recordType: text('record_type'),
    recordId: text('record_id'),
    storeId: text('store_id'),
    status: text('status').$type<'active' | 'done' | 'cancelled' | 'error'>().notNull(),
    stateValue: jsonb('state_value').$type<Json>().notNull(),
    context: jsonb('context').$type<JsonObject>().notNull(),
    engineState: jsonb('engine_state').$type<InstanceState>().notNull(),
    /** Bumped by every state change; updates also check it as a second guard after the row lock. */
    revision: integer('revision').notNull().default(0),
    startedBy: text('started_by'),
    startedAt: ts('started_at').notNull(),
    updatedAt: ts('updated_at').notNull(),
    endedAt: ts('ended_at'),
  },
  (t) => [
    index('instances_business_key_idx').on(t.businessKey),
    index('instances_record_idx').on(t.recordType, t.recordId),
    index('instances_status_idx').on(t.status, t.workflowKey),
    index('instances_workflow_version_idx').on(t.workflowKey, t.workflowVersion),
    // "Submitted by me" (我发起的): a starter's instances, newest first.
    index('instances_started_by_idx').on(t.startedBy, t.startedAt),
  ],
);

export const tasks = pgTable(
  'tasks',
  {
    id: uuid('id').primaryKey(),
    instanceId: uuid('instance_id')
      .notNull()
      .references(() => instances.id, { onDelete: 'cascade' }),
    stepId: text('step_id').notNull(),
    state: text('state').notNull(),
    name: text('name').notNull(),
    status: text('status').$type<'open' | 'completed' | 'cancelled'>().notNull(),
    assignee: uuid('assignee'),
    owner: uuid('owner'),
    candidateUsers: uuid('candidate_users').array().notNull().default(sql`'{}'::uuid[]`),
    candidateRoles: text('candidate_roles').array().notNull().default(sql`'{}'::text[]`),
    storeId: text('store_id'),
    outcomes: text('outcomes').array().notNull().default(sql`'{}'::text[]`),
    formKey: text('form_key'),
    formVersion: integer('form_version'),
    fields: jsonb('fields').$type<Record<string, string>>().notNull().default({}),
    dueAt: ts('due_at'),
    createdAt: ts('created_at').notNull(),
    claimedAt: ts('claimed_at'),
    completedAt: ts('completed_at'),
    completedBy: text('completed_by'),
    outcome: text('outcome'),
    comment: text('comment'),
  },
  (t) => [
    index('tasks_inbox_assignee_idx').on(t.assignee, t.status, t.dueAt),
    index('tasks_inbox_group_idx').on(t.status, t.storeId, t.dueAt),
    // The candidate inbox (open, unclaimed) of a store, of a role and of a named person: small partial
    // indexes the planner ORs together, instead of scanning every task (npm run bench:scale).
    index('tasks_open_unclaimed_store_idx')
      .on(t.storeId, t.dueAt, t.createdAt)
      .where(sql`status = 'open' and assignee is null`),
    index('tasks_open_unclaimed_roles_idx')
      .using('gin', t.candidateRoles)
      .where(sql`status = 'open' and assignee is null`),
    index('tasks_open_unclaimed_users_idx')
      .using('gin', t.candidateUsers)
      .where(sql`status = 'open' and assignee is null`),
    // The same tasks in inbox order: a store-less role (the general manager's 待认领 across stores) walks it
    // and stops at the page instead of fetching and sorting every match.
    index('tasks_open_unclaimed_order_idx')
      .on(t.dueAt, t.createdAt, t.id)
      .where(sql`status = 'open' and assignee is null`),
    index('tasks_instance_idx').on(t.instanceId),
    index('tasks_completed_by_idx').on(t.completedBy),
  ],
);

/** Append-only audit trail; `seq` orders the entries of one instance. */
export const history = pgTable(
  'history',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    instanceId: uuid('instance_id')
      .notNull()
      .references(() => instances.id, { onDelete: 'cascade' }),
    seq: integer('seq').notNull(),
    at: ts('at').notNull(),
    actorId: text('actor_id'),
    actorName: text('actor_name'),
    action: text('action').notNull(),
    event: text('event'),
    fromState: jsonb('from_state').$type<Json>(),
    toState: jsonb('to_state').$type<Json>(),
    taskId: uuid('task_id'),
    outcome: text('outcome'),
    comment: text('comment'),
    diff: jsonb('diff').$type<Json>().notNull().default([]),
    /** What a task action was about: `to`, `users`, `position`, `signature`, `mentions`, `autoPassed`. */
    details: jsonb('details').$type<JsonObject>(),
  },
  (t) => [uniqueIndex('history_instance_seq_idx').on(t.instanceId, t.seq)],
);

/** Durable timers (XState `after`); at most one pending row per instance and key. */
export const timers = pgTable(
  'timers',
  {
    id: uuid('id').primaryKey(),
    instanceId: uuid('instance_id')
      .notNull()
      .references(() => instances.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    event: jsonb('event').$type<{ type: string }>().notNull(),
    dueAt: ts('due_at').notNull(),
    status: text('status').$type<'pending' | 'fired' | 'cancelled'>().notNull().default('pending'),
    claimedBy: text('claimed_by'),
    firedAt: ts('fired_at'),
  },
  (t) => [
    index('timers_due_idx').on(t.status, t.dueAt),
    uniqueIndex('timers_pending_key_idx').on(t.instanceId, t.key).where(sql`status = 'pending'`),
  ],
);

/** Messages that leave the process (webhooks, notifications), delivered by a worker with retries. */
export const outbox = pgTable(
  'outbox',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    instanceId: uuid('instance_id'),
    topic: text('topic').notNull(),
    payload: jsonb('payload').$type<JsonObject>().notNull(),
    createdAt: ts('created_at').notNull(),
    availableAt: ts('available_at').notNull(),
    attempts: integer('attempts').notNull().default(0),
    deliveredAt: ts('delivered_at'),
    lastError: text('last_error'),
    /** `pending` (due at `availableAt`), `delivered`, or `dead` (gave up; an admin may retry it). */
    status: text('status').$type<OutboxStatus>().notNull().default('pending'),
    /** The worker process that claimed the row last. */
    claimedBy: text('claimed_by'),
  },
  (t) => [
    index('outbox_due_idx').on(t.availableAt, t.id).where(sql`status = 'pending'`),
    index('outbox_status_idx').on(t.status, t.id),
  ],
);

export type OutboxStatus = 'pending' | 'delivered' | 'dead';

/**
 * A store's business calendar (working hours, weekends, holidays, make-up working days) for deadlines
 * in working time; a store without a row uses the default calendar (engine/calendar.ts). The document's
 * key order does not matter, so jsonb is fine.
 */
export const storeCalendars = pgTable('store_calendars', {
  /** Its foreign key to `stores` is the API's (api/store/migrations): the engine does not own stores. */
  storeId: text('store_id').primaryKey(),
  calendar: jsonb('calendar').$type<BusinessCalendar>().notNull(),
  updatedAt: ts('updated_at').notNull(),
  updatedBy: text('updated_by'),
});

/** Responses of POSTs sent with an `Idempotency-Key`, replayed when the same request comes again. */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    userId: uuid('user_id').notNull(),
    key: text('key').notNull(),
    method: text('method').notNull(),
    path: text('path').notNull(),
    requestHash: text('request_hash').notNull(),
    statusCode: integer('status_code').notNull(),
    response: jsonb('response').$type<Json>(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.key] })],
);

export type WorkflowDefinitionRow = typeof workflowDefinitions.$inferSelect;
export type WorkflowVersionRow = typeof workflowVersions.$inferSelect;
export type FormRow = typeof forms.$inferSelect;
export type FormVersionRow = typeof formVersions.$inferSelect;
export type InstanceRow = typeof instances.$inferSelect;
export type TaskRow = typeof tasks.$inferSelect;
export type HistoryRow = typeof history.$inferSelect;
export type TimerRow = typeof timers.$inferSelect;
export type OutboxRow = typeof outbox.$inferSelect;
export type StoreCalendarRow = typeof storeCalendars.$inferSelect;
export type IdempotencyKeyRow = typeof idempotencyKeys.$inferSelect;
