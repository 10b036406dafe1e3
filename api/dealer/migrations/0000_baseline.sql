CREATE TABLE "complaints" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"store_id" text NOT NULL,
	"customer_id" uuid,
	"customer_name" text NOT NULL,
	"mobile" text,
	"channel" text NOT NULL,
	"category" text NOT NULL,
	"level" text NOT NULL,
	"description" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"order_id" uuid,
	"service_order_id" uuid,
	"instance_id" uuid,
	"created_by" uuid,
	"due_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "maintenance_reminders" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"store_id" text NOT NULL,
	"vin" text,
	"customer_id" uuid,
	"order_id" uuid,
	"service_order_id" uuid,
	"kind" text DEFAULT 'maintenance' NOT NULL,
	"due_date" date NOT NULL,
	"due_km" integer,
	"status" text DEFAULT 'scheduled' NOT NULL,
	"note" text,
	"done_at" timestamp with time zone,
	"done_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "service_orders" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"store_id" text NOT NULL,
	"customer_id" uuid,
	"customer_name" text NOT NULL,
	"mobile" text NOT NULL,
	"vin" text NOT NULL,
	"plate" text,
	"mileage" integer,
	"complaint" text NOT NULL,
	"kind" text DEFAULT 'repair' NOT NULL,
	"settlement" text,
	"amount" bigint,
	"status" text DEFAULT 'open' NOT NULL,
	"advisor_id" uuid,
	"instance_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"completed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "surveys" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"store_id" text NOT NULL,
	"kind" text NOT NULL,
	"order_id" uuid,
	"service_order_id" uuid,
	"score" integer NOT NULL,
	"comment" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "customers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"store_id" text NOT NULL,
	"name" text NOT NULL,
	"mobile" text NOT NULL,
	"email" text,
	"address" text,
	"grade" text DEFAULT 'potential' NOT NULL,
	"intent_level" text DEFAULT 'N' NOT NULL,
	"value" text DEFAULT 'normal' NOT NULL,
	"purchase_type" text DEFAULT 'first' NOT NULL,
	"source" text DEFAULT 'walk_in' NOT NULL,
	"budget_min" bigint,
	"budget_max" bigint,
	"preferences" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"consultant_id" uuid,
	"next_follow_up_at" timestamp with time zone,
	"lost_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "follow_ups" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"customer_id" uuid NOT NULL,
	"store_id" text NOT NULL,
	"consultant_id" uuid,
	"at" timestamp with time zone NOT NULL,
	"channel" text NOT NULL,
	"content" text NOT NULL,
	"result" text,
	"next_at" timestamp with time zone,
	"level_from" text,
	"level_to" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "teams" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"store_id" text NOT NULL,
	"name" text NOT NULL,
	"leader_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "test_drives" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"customer_id" uuid NOT NULL,
	"store_id" text NOT NULL,
	"consultant_id" uuid,
	"vehicle_id" uuid,
	"model" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"licence_checked" boolean DEFAULT false NOT NULL,
	"odometer_out" integer,
	"odometer_in" integer,
	"feedback" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stock_take_lines" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"stock_take_id" uuid NOT NULL,
	"vin" text NOT NULL,
	"kind" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stock_takes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"store_id" text NOT NULL,
	"counted_count" integer NOT NULL,
	"system_count" integer NOT NULL,
	"gains" integer NOT NULL,
	"losses" integer NOT NULL,
	"note" text,
	"created_by" uuid,
	"created_by_name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "customer_messages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"order_id" uuid,
	"service_order_id" uuid,
	"store_id" text NOT NULL,
	"template" text NOT NULL,
	"channel" text NOT NULL,
	"recipient" text NOT NULL,
	"subject" text,
	"body" text NOT NULL,
	"outbox_id" bigint,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "message_templates" (
	"key" text PRIMARY KEY NOT NULL,
	"sms" text NOT NULL,
	"email_subject" text NOT NULL,
	"email_body" text NOT NULL,
	"updated_by" text,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "order_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"order_id" uuid NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"actor_id" text NOT NULL,
	"actor_name" text NOT NULL,
	"instance_id" uuid,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"note" text
);
--> statement-breakpoint
CREATE TABLE "order_sequences" (
	"store_id" text NOT NULL,
	"day" text NOT NULL,
	"last" integer NOT NULL,
	CONSTRAINT "order_sequences_store_id_day_pk" PRIMARY KEY("store_id","day")
);
--> statement-breakpoint
CREATE TABLE "orders" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"order_no" text NOT NULL,
	"store_id" text NOT NULL,
	"order_date" date NOT NULL,
	"customer_id" uuid,
	"customer_name" text NOT NULL,
	"customer_mobile" text NOT NULL,
	"customer_email" text,
	"customer_address" text,
	"brand" text NOT NULL,
	"model" text NOT NULL,
	"trim" text NOT NULL,
	"color" text NOT NULL,
	"interior_color" text,
	"vin" text,
	"new_energy" boolean DEFAULT false NOT NULL,
	"msrp" bigint NOT NULL,
	"discount" bigint NOT NULL,
	"deal_price" bigint NOT NULL,
	"accessories" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"accessories_total" bigint NOT NULL,
	"purchase_tax" bigint NOT NULL,
	"insurance" bigint NOT NULL,
	"registration_fee" bigint NOT NULL,
	"finance_fee" bigint NOT NULL,
	"trade_in_credit" bigint NOT NULL,
	"deposit" bigint NOT NULL,
	"total" bigint NOT NULL,
	"concession" bigint NOT NULL,
	"gross_profit" bigint,
	"payment_method" text NOT NULL,
	"loan" jsonb,
	"status" text DEFAULT 'pending' NOT NULL,
	"consultant_id" uuid,
	"team_id" uuid,
	"source" text NOT NULL,
	"queue_jump" boolean DEFAULT false NOT NULL,
	"after_sales_package" jsonb,
	"note" text,
	"instance_id" uuid,
	"eta" timestamp with time zone,
	"draft_vin" text,
	"delivered_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "payments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"order_id" uuid NOT NULL,
	"store_id" text NOT NULL,
	"kind" text NOT NULL,
	"amount" bigint NOT NULL,
	"method" text NOT NULL,
	"recorded_by" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"receipt_no" text,
	"paid_on" date
);
--> statement-breakpoint
CREATE TABLE "vehicles" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"vin" text NOT NULL,
	"brand" text NOT NULL,
	"model" text NOT NULL,
	"trim" text NOT NULL,
	"exterior_color" text NOT NULL,
	"interior_color" text,
	"production_date" date NOT NULL,
	"stock_in_date" date,
	"engine_no" text,
	"certificate_no" text,
	"location" text,
	"store_id" text NOT NULL,
	"cost" bigint,
	"list_price" bigint NOT NULL,
	"status" text DEFAULT 'in_stock' NOT NULL,
	"transfer_to_store_id" text,
	"reserved_order_id" uuid,
	"eta" timestamp with time zone,
	"vin_override_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "maintenance_reminders" ADD CONSTRAINT "maintenance_reminders_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_orders" ADD CONSTRAINT "service_orders_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_orders" ADD CONSTRAINT "service_orders_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_orders" ADD CONSTRAINT "service_orders_advisor_id_users_id_fk" FOREIGN KEY ("advisor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "surveys" ADD CONSTRAINT "surveys_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customers" ADD CONSTRAINT "customers_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customers" ADD CONSTRAINT "customers_consultant_id_users_id_fk" FOREIGN KEY ("consultant_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "follow_ups" ADD CONSTRAINT "follow_ups_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "follow_ups" ADD CONSTRAINT "follow_ups_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "follow_ups" ADD CONSTRAINT "follow_ups_consultant_id_users_id_fk" FOREIGN KEY ("consultant_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "teams" ADD CONSTRAINT "teams_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "teams" ADD CONSTRAINT "teams_leader_id_users_id_fk" FOREIGN KEY ("leader_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "test_drives" ADD CONSTRAINT "test_drives_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "test_drives" ADD CONSTRAINT "test_drives_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "test_drives" ADD CONSTRAINT "test_drives_consultant_id_users_id_fk" FOREIGN KEY ("consultant_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_take_lines" ADD CONSTRAINT "stock_take_lines_stock_take_id_stock_takes_id_fk" FOREIGN KEY ("stock_take_id") REFERENCES "public"."stock_takes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_takes" ADD CONSTRAINT "stock_takes_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_takes" ADD CONSTRAINT "stock_takes_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_events" ADD CONSTRAINT "order_events_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_sequences" ADD CONSTRAINT "order_sequences_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_customer_id_customers_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_consultant_id_users_id_fk" FOREIGN KEY ("consultant_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vehicles" ADD CONSTRAINT "vehicles_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vehicles" ADD CONSTRAINT "vehicles_transfer_to_store_id_stores_id_fk" FOREIGN KEY ("transfer_to_store_id") REFERENCES "public"."stores"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "complaints_store_status_idx" ON "complaints" USING btree ("store_id","status","created_at");--> statement-breakpoint
CREATE INDEX "maintenance_reminders_store_due_idx" ON "maintenance_reminders" USING btree ("store_id","status","due_date");--> statement-breakpoint
CREATE INDEX "service_orders_store_status_idx" ON "service_orders" USING btree ("store_id","status","created_at");--> statement-breakpoint
CREATE INDEX "service_orders_vin_idx" ON "service_orders" USING btree ("vin");--> statement-breakpoint
CREATE INDEX "surveys_store_kind_at_idx" ON "surveys" USING btree ("store_id","kind","at");--> statement-breakpoint
CREATE UNIQUE INDEX "customers_store_mobile_uq" ON "customers" USING btree ("store_id","mobile");--> statement-breakpoint
CREATE INDEX "customers_store_grade_idx" ON "customers" USING btree ("store_id","grade");--> statement-breakpoint
CREATE INDEX "customers_store_follow_up_idx" ON "customers" USING btree ("store_id","next_follow_up_at");--> statement-breakpoint
CREATE INDEX "customers_consultant_idx" ON "customers" USING btree ("consultant_id");--> statement-breakpoint
CREATE INDEX "follow_ups_customer_idx" ON "follow_ups" USING btree ("customer_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "teams_store_name_uq" ON "teams" USING btree ("store_id","name");--> statement-breakpoint
CREATE INDEX "test_drives_customer_idx" ON "test_drives" USING btree ("customer_id");--> statement-breakpoint
CREATE INDEX "test_drives_store_at_idx" ON "test_drives" USING btree ("store_id","at");--> statement-breakpoint
CREATE INDEX "stock_take_lines_take_idx" ON "stock_take_lines" USING btree ("stock_take_id");--> statement-breakpoint
CREATE INDEX "stock_takes_store_created_idx" ON "stock_takes" USING btree ("store_id","created_at");--> statement-breakpoint
CREATE INDEX "customer_messages_order_idx" ON "customer_messages" USING btree ("order_id","created_at");--> statement-breakpoint
CREATE INDEX "customer_messages_service_order_idx" ON "customer_messages" USING btree ("service_order_id","created_at");--> statement-breakpoint
CREATE INDEX "order_events_order_idx" ON "order_events" USING btree ("order_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "orders_order_no_uq" ON "orders" USING btree ("order_no");--> statement-breakpoint
CREATE INDEX "orders_store_status_date_idx" ON "orders" USING btree ("store_id","status","order_date");--> statement-breakpoint
CREATE INDEX "orders_store_date_idx" ON "orders" USING btree ("store_id","order_date");--> statement-breakpoint
CREATE INDEX "orders_store_created_idx" ON "orders" USING btree ("store_id","created_at");--> statement-breakpoint
CREATE INDEX "orders_created_idx" ON "orders" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "orders_total_idx" ON "orders" USING btree ("total","order_no");--> statement-breakpoint
CREATE INDEX "orders_store_total_idx" ON "orders" USING btree ("store_id","total","order_no");--> statement-breakpoint
CREATE INDEX "orders_date_idx" ON "orders" USING btree ("order_date");--> statement-breakpoint
CREATE INDEX "orders_status_created_idx" ON "orders" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "orders_consultant_date_idx" ON "orders" USING btree ("consultant_id","order_date");--> statement-breakpoint
CREATE INDEX "orders_team_date_idx" ON "orders" USING btree ("team_id","order_date");--> statement-breakpoint
CREATE INDEX "orders_store_model_idx" ON "orders" USING btree ("store_id","model");--> statement-breakpoint
CREATE INDEX "orders_store_source_idx" ON "orders" USING btree ("store_id","source");--> statement-breakpoint
CREATE INDEX "orders_customer_idx" ON "orders" USING btree ("customer_id");--> statement-breakpoint
CREATE INDEX "orders_order_no_pattern_idx" ON "orders" USING btree ("order_no" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "orders_mobile_pattern_idx" ON "orders" USING btree ("customer_mobile" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "orders_name_pattern_idx" ON "orders" USING btree ("customer_name" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "orders_store_mobile_pattern_idx" ON "orders" USING btree ("store_id","customer_mobile" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "orders_store_name_pattern_idx" ON "orders" USING btree ("store_id","customer_name" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "orders_vin_pattern_idx" ON "orders" USING btree ("vin" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "payments_order_idx" ON "payments" USING btree ("order_id");--> statement-breakpoint
CREATE UNIQUE INDEX "vehicles_vin_uq" ON "vehicles" USING btree ("vin");--> statement-breakpoint
CREATE UNIQUE INDEX "vehicles_reserved_order_uq" ON "vehicles" USING btree ("reserved_order_id") WHERE "vehicles"."reserved_order_id" is not null;--> statement-breakpoint
CREATE INDEX "vehicles_store_status_model_idx" ON "vehicles" USING btree ("store_id","status","model");--> statement-breakpoint
CREATE INDEX "vehicles_store_production_idx" ON "vehicles" USING btree ("store_id","production_date");