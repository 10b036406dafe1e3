ALTER TABLE "workflow_definitions" ADD COLUMN "category" text;--> statement-breakpoint
ALTER TABLE "workflow_definitions" ADD COLUMN "icon" text;--> statement-breakpoint
ALTER TABLE "workflow_definitions" ADD COLUMN "updated_by" text;--> statement-breakpoint
ALTER TABLE "workflow_definitions" ADD COLUMN "archived_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "workflow_definitions" ADD COLUMN "archived_by" text;--> statement-breakpoint
ALTER TABLE "forms" ADD COLUMN "updated_by" text;--> statement-breakpoint
ALTER TABLE "forms" ADD COLUMN "archived_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "forms" ADD COLUMN "archived_by" text;--> statement-breakpoint
UPDATE "workflow_definitions" d SET "updated_by" = coalesce(d."draft_updated_by", (SELECT v."published_by" FROM "workflow_versions" v WHERE v."key" = d."key" AND v."version" = d."latest_version"));--> statement-breakpoint
UPDATE "forms" f SET "updated_by" = coalesce(f."draft_updated_by", (SELECT v."published_by" FROM "form_versions" v WHERE v."key" = f."key" AND v."version" = f."latest_version"));
