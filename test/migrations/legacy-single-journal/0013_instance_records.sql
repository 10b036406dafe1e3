-- The business record an instance is about, named by the application at start (issue #13):
-- replaces reading the dealership's `orderId` out of the context in the instance and CC lists.
ALTER TABLE "instances" ADD COLUMN "record_type" text;--> statement-breakpoint
ALTER TABLE "instances" ADD COLUMN "record_id" text;--> statement-breakpoint
-- Instances started before the column existed: the dealership's flows carried their order's id.
UPDATE "instances" SET "record_type" = 'order', "record_id" = "context" ->> 'orderId'
  WHERE "context" ->> 'orderId' IS NOT NULL;--> statement-breakpoint
CREATE INDEX "instances_record_idx" ON "instances" USING btree ("record_type","record_id");
