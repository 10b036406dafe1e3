CREATE INDEX "tasks_open_unclaimed_store_idx" ON "tasks" USING btree ("store_id","due_at","created_at") WHERE status = 'open' and assignee is null;--> statement-breakpoint
CREATE INDEX "tasks_open_unclaimed_roles_idx" ON "tasks" USING gin ("candidate_roles") WHERE status = 'open' and assignee is null;--> statement-breakpoint
CREATE INDEX "tasks_open_unclaimed_users_idx" ON "tasks" USING gin ("candidate_users") WHERE status = 'open' and assignee is null;--> statement-breakpoint
CREATE INDEX "orders_total_idx" ON "orders" USING btree ("total","order_no");--> statement-breakpoint
CREATE INDEX "orders_store_total_idx" ON "orders" USING btree ("store_id","total","order_no");--> statement-breakpoint
CREATE INDEX "orders_date_idx" ON "orders" USING btree ("order_date");--> statement-breakpoint
CREATE INDEX "orders_status_created_idx" ON "orders" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "orders_store_mobile_pattern_idx" ON "orders" USING btree ("store_id","customer_mobile" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "orders_store_name_pattern_idx" ON "orders" USING btree ("store_id","customer_name" text_pattern_ops);