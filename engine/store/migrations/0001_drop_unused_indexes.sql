DROP INDEX IF EXISTS "outbox_pending_idx";--> statement-breakpoint
DROP INDEX IF EXISTS "tasks_candidate_roles_idx";
