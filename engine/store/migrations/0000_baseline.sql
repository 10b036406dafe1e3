CREATE TABLE "form_versions" (
	"key" text NOT NULL,
	"version" integer NOT NULL,
	"title" text NOT NULL,
	"schema" json NOT NULL,
	"ui_schema" json DEFAULT '{}'::json NOT NULL,
	"definition" json NOT NULL,
	"published_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_by" text,
	CONSTRAINT "form_versions_key_version_pk" PRIMARY KEY("key","version")
);
--> statement-breakpoint
CREATE TABLE "forms" (
	"key" text PRIMARY KEY NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"category" text,
	"icon" text,
	"draft" json,
	"draft_updated_at" timestamp with time zone,
	"draft_updated_by" text,
	"latest_version" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" text,
	"archived_at" timestamp with time zone,
	"archived_by" text
);
--> statement-breakpoint
CREATE TABLE "history" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"instance_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor_id" text,
	"actor_name" text,
	"action" text NOT NULL,
	"event" text,
	"from_state" jsonb,
	"to_state" jsonb,
	"task_id" uuid,
	"outcome" text,
	"comment" text,
	"diff" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"details" jsonb
);
--> statement-breakpoint
CREATE TABLE "idempotency_keys" (
	"user_id" uuid NOT NULL,
	"key" text NOT NULL,
	"method" text NOT NULL,
	"path" text NOT NULL,
	"request_hash" text NOT NULL,
	"status_code" integer NOT NULL,
	"response" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "idempotency_keys_user_id_key_pk" PRIMARY KEY("user_id","key")
);
--> statement-breakpoint
CREATE TABLE "instances" (
	"id" uuid PRIMARY KEY NOT NULL,
	"workflow_key" text NOT NULL,
	"workflow_version" integer NOT NULL,
	"business_key" text,
	"record_type" text,
	"record_id" text,
	"store_id" text,
	"status" text NOT NULL,
	"state_value" jsonb NOT NULL,
	"context" jsonb NOT NULL,
	"engine_state" jsonb NOT NULL,
	"revision" integer DEFAULT 0 NOT NULL,
	"started_by" text,
	"started_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"ended_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "outbox" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"instance_id" uuid,
	"topic" text NOT NULL,
	"payload" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"available_at" timestamp with time zone NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"delivered_at" timestamp with time zone,
	"last_error" text,
	"status" text DEFAULT 'pending' NOT NULL,
	"claimed_by" text
);
--> statement-breakpoint
CREATE TABLE "store_calendars" (
	"store_id" text PRIMARY KEY NOT NULL,
	"calendar" jsonb NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"updated_by" text
);
--> statement-breakpoint
CREATE TABLE "tasks" (
	"id" uuid PRIMARY KEY NOT NULL,
	"instance_id" uuid NOT NULL,
	"step_id" text NOT NULL,
	"state" text NOT NULL,
	"name" text NOT NULL,
	"status" text NOT NULL,
	"assignee" uuid,
	"owner" uuid,
	"candidate_users" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"candidate_roles" text[] DEFAULT '{}'::text[] NOT NULL,
	"store_id" text,
	"outcomes" text[] DEFAULT '{}'::text[] NOT NULL,
	"form_key" text,
	"form_version" integer,
	"fields" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"due_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"claimed_at" timestamp with time zone,
	"completed_at" timestamp with time zone,
	"completed_by" text,
	"outcome" text,
	"comment" text
);
--> statement-breakpoint
CREATE TABLE "timers" (
	"id" uuid PRIMARY KEY NOT NULL,
	"instance_id" uuid NOT NULL,
	"key" text NOT NULL,
	"event" jsonb NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"claimed_by" text,
	"fired_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "workflow_definitions" (
	"key" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"draft" json,
	"draft_updated_at" timestamp with time zone,
	"draft_updated_by" text,
	"latest_version" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"category" text,
	"icon" text,
	"updated_by" text,
	"archived_at" timestamp with time zone,
	"archived_by" text
);
--> statement-breakpoint
CREATE TABLE "workflow_versions" (
	"key" text NOT NULL,
	"version" integer NOT NULL,
	"definition" json NOT NULL,
	"published_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_by" text,
	CONSTRAINT "workflow_versions_key_version_pk" PRIMARY KEY("key","version")
);
--> statement-breakpoint
ALTER TABLE "form_versions" ADD CONSTRAINT "form_versions_key_forms_key_fk" FOREIGN KEY ("key") REFERENCES "public"."forms"("key") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "history" ADD CONSTRAINT "history_instance_id_instances_id_fk" FOREIGN KEY ("instance_id") REFERENCES "public"."instances"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_instance_id_instances_id_fk" FOREIGN KEY ("instance_id") REFERENCES "public"."instances"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "timers" ADD CONSTRAINT "timers_instance_id_instances_id_fk" FOREIGN KEY ("instance_id") REFERENCES "public"."instances"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workflow_versions" ADD CONSTRAINT "workflow_versions_key_workflow_definitions_key_fk" FOREIGN KEY ("key") REFERENCES "public"."workflow_definitions"("key") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "history_instance_seq_idx" ON "history" USING btree ("instance_id","seq");--> statement-breakpoint
CREATE INDEX "instances_business_key_idx" ON "instances" USING btree ("business_key");--> statement-breakpoint
CREATE INDEX "instances_record_idx" ON "instances" USING btree ("record_type","record_id");--> statement-breakpoint
CREATE INDEX "instances_status_idx" ON "instances" USING btree ("status","workflow_key");--> statement-breakpoint
CREATE INDEX "instances_workflow_version_idx" ON "instances" USING btree ("workflow_key","workflow_version");--> statement-breakpoint
CREATE INDEX "instances_started_by_idx" ON "instances" USING btree ("started_by","started_at");--> statement-breakpoint
CREATE INDEX "outbox_pending_idx" ON "outbox" USING btree ("delivered_at","available_at");--> statement-breakpoint
CREATE INDEX "outbox_due_idx" ON "outbox" USING btree ("available_at","id") WHERE status = 'pending';--> statement-breakpoint
CREATE INDEX "outbox_status_idx" ON "outbox" USING btree ("status","id");--> statement-breakpoint
CREATE INDEX "tasks_inbox_assignee_idx" ON "tasks" USING btree ("assignee","status","due_at");--> statement-breakpoint
CREATE INDEX "tasks_inbox_group_idx" ON "tasks" USING btree ("status","store_id","due_at");--> statement-breakpoint
CREATE INDEX "tasks_candidate_roles_idx" ON "tasks" USING gin ("candidate_roles");--> statement-breakpoint
CREATE INDEX "tasks_open_unclaimed_store_idx" ON "tasks" USING btree ("store_id","due_at","created_at") WHERE status = 'open' and assignee is null;--> statement-breakpoint
CREATE INDEX "tasks_open_unclaimed_roles_idx" ON "tasks" USING gin ("candidate_roles") WHERE status = 'open' and assignee is null;--> statement-breakpoint
CREATE INDEX "tasks_open_unclaimed_users_idx" ON "tasks" USING gin ("candidate_users") WHERE status = 'open' and assignee is null;--> statement-breakpoint
CREATE INDEX "tasks_open_unclaimed_order_idx" ON "tasks" USING btree ("due_at","created_at","id") WHERE status = 'open' and assignee is null;--> statement-breakpoint
CREATE INDEX "tasks_instance_idx" ON "tasks" USING btree ("instance_id");--> statement-breakpoint
CREATE INDEX "tasks_completed_by_idx" ON "tasks" USING btree ("completed_by");--> statement-breakpoint
CREATE INDEX "timers_due_idx" ON "timers" USING btree ("status","due_at");--> statement-breakpoint
CREATE UNIQUE INDEX "timers_pending_key_idx" ON "timers" USING btree ("instance_id","key") WHERE status = 'pending';