CREATE TABLE "file_chunks" (
	"file_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"data" bytea NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "file_chunks_file_id_seq_pk" PRIMARY KEY("file_id","seq")
);
--> statement-breakpoint
INSERT INTO "file_chunks" ("file_id", "seq", "data", "created_at") SELECT "id", "g", substring("content" from "g" * 262144 + 1 for 262144), "created_at" FROM "files", generate_series(0, greatest(0, (length("content") - 1) / 262144)) AS "g";
--> statement-breakpoint
ALTER TABLE "files" DROP COLUMN "content";
