CREATE TABLE "cc" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"instance_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"task_id" uuid,
	"state" text,
	"cc_by" text NOT NULL,
	"cc_by_name" text,
	"comment" text,
	"created_at" timestamp with time zone NOT NULL,
	"read_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "cc" ADD CONSTRAINT "cc_instance_id_instances_id_fk" FOREIGN KEY ("instance_id") REFERENCES "public"."instances"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cc" ADD CONSTRAINT "cc_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "cc_user_idx" ON "cc" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE INDEX "cc_user_unread_idx" ON "cc" USING btree ("user_id") WHERE read_at is null;--> statement-breakpoint
CREATE INDEX "cc_instance_idx" ON "cc" USING btree ("instance_id","user_id");--> statement-breakpoint
CREATE INDEX "instances_started_by_idx" ON "instances" USING btree ("started_by","started_at");