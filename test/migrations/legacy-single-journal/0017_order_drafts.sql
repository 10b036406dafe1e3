ALTER TABLE "orders" ADD COLUMN "draft_vin" text;
