DROP INDEX IF EXISTS "outbox_pending_idx";
