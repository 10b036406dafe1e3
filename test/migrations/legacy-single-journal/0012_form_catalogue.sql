ALTER TABLE "forms" ADD COLUMN "description" text;--> statement-breakpoint
ALTER TABLE "forms" ADD COLUMN "category" text;--> statement-breakpoint
ALTER TABLE "forms" ADD COLUMN "icon" text;--> statement-breakpoint
UPDATE "forms" f SET "description" = d."doc"->>'description', "category" = d."doc"->>'category', "icon" = d."doc"->>'icon' FROM (SELECT f2."key", coalesce(f2."draft", v."definition") AS "doc" FROM "forms" f2 LEFT JOIN "form_versions" v ON v."key" = f2."key" AND v."version" = f2."latest_version") d WHERE d."key" = f."key";
