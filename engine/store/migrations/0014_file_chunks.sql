CREATE TABLE "file_chunks" (
	"file_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"data" bytea NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "file_chunks_file_id_seq_pk" PRIMARY KEY("file_id","seq")
);
--> statement-breakpoint
INSERT INTO "file_chunks" ("file_id", "seq", "data", "created_at") SELECT "id", 0, "content", "created_at" FROM "files";
--> statement-breakpoint
ALTER TABLE "files" DROP COLUMN "content";
