-- Flow definitions and form documents keep their key order (field order, state order): `json` stores
-- the text as sent, `jsonb` sorts object keys. Existing rows convert as they are.
ALTER TABLE "workflow_definitions" ALTER COLUMN "draft" SET DATA TYPE json USING "draft"::json;--> statement-breakpoint
ALTER TABLE "workflow_versions" ALTER COLUMN "definition" SET DATA TYPE json USING "definition"::json;--> statement-breakpoint
ALTER TABLE "forms" ALTER COLUMN "draft" SET DATA TYPE json USING "draft"::json;--> statement-breakpoint
ALTER TABLE "form_versions" ALTER COLUMN "schema" SET DATA TYPE json USING "schema"::json;--> statement-breakpoint
ALTER TABLE "form_versions" ALTER COLUMN "ui_schema" SET DATA TYPE json USING "ui_schema"::json;--> statement-breakpoint
ALTER TABLE "form_versions" ALTER COLUMN "ui_schema" SET DEFAULT '{}'::json;--> statement-breakpoint
ALTER TABLE "form_versions" ALTER COLUMN "definition" SET DATA TYPE json USING "definition"::json;
