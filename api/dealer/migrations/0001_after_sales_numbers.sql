ALTER TABLE "order_sequences" ADD COLUMN "series" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "order_sequences" DROP CONSTRAINT "order_sequences_store_id_day_pk";--> statement-breakpoint
ALTER TABLE "order_sequences" ADD CONSTRAINT "order_sequences_store_id_series_day_pk" PRIMARY KEY("store_id","series","day");--> statement-breakpoint
ALTER TABLE "service_orders" ADD COLUMN "service_no" text;--> statement-breakpoint
ALTER TABLE "complaints" ADD COLUMN "complaint_no" text;--> statement-breakpoint
UPDATE "service_orders" AS s SET "service_no" = 'WX' || s."store_id" || to_char(n."day", 'YYYYMMDD') || lpad(n."seq"::text, 4, '0')
FROM (
  SELECT "id", (("created_at" AT TIME ZONE 'UTC') + interval '8 hours')::date AS "day",
    row_number() OVER (PARTITION BY "store_id", (("created_at" AT TIME ZONE 'UTC') + interval '8 hours')::date ORDER BY "created_at", "id") AS "seq"
  FROM "service_orders"
) AS n
WHERE n."id" = s."id";--> statement-breakpoint
UPDATE "complaints" AS c SET "complaint_no" = 'TS' || c."store_id" || to_char(n."day", 'YYYYMMDD') || lpad(n."seq"::text, 4, '0')
FROM (
  SELECT "id", (("created_at" AT TIME ZONE 'UTC') + interval '8 hours')::date AS "day",
    row_number() OVER (PARTITION BY "store_id", (("created_at" AT TIME ZONE 'UTC') + interval '8 hours')::date ORDER BY "created_at", "id") AS "seq"
  FROM "complaints"
) AS n
WHERE n."id" = c."id";--> statement-breakpoint
INSERT INTO "order_sequences" ("store_id", "series", "day", "last")
SELECT "store_id", 'WX', to_char((("created_at" AT TIME ZONE 'UTC') + interval '8 hours')::date, 'YYYY-MM-DD'), count(*)
FROM "service_orders" GROUP BY 1, 3;--> statement-breakpoint
INSERT INTO "order_sequences" ("store_id", "series", "day", "last")
SELECT "store_id", 'TS', to_char((("created_at" AT TIME ZONE 'UTC') + interval '8 hours')::date, 'YYYY-MM-DD'), count(*)
FROM "complaints" GROUP BY 1, 3;--> statement-breakpoint
ALTER TABLE "service_orders" ALTER COLUMN "service_no" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "complaints" ALTER COLUMN "complaint_no" SET NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "service_orders_service_no_uq" ON "service_orders" USING btree ("service_no");--> statement-breakpoint
CREATE UNIQUE INDEX "complaints_complaint_no_uq" ON "complaints" USING btree ("complaint_no");
