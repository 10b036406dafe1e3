CREATE TABLE "store_calendars" (
	"store_id" text PRIMARY KEY NOT NULL,
	"calendar" jsonb NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"updated_by" text
);
--> statement-breakpoint
ALTER TABLE "store_calendars" ADD CONSTRAINT "store_calendars_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE cascade ON UPDATE no action;
