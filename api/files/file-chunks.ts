/**
 * A file's bytes in `file_chunks`: written chunk by chunk while an upload streams in, read back one
 * chunk at a time, so neither side ever holds a whole file. Chunks are written before their `files`
 * row exists; an upload that fails removes its chunks, and a cut-off one is swept at startup.
 */
import { and, asc, eq, gte, inArray, lt, sql } from 'drizzle-orm';
import type { Db, Executor } from '../../engine/store/db.ts';
import { fileChunks, files } from '../store/schema.ts';

/**
 * Bytes per stored chunk: small enough that one chunk's statement holds the embedded database's
 * thread for tens of milliseconds only, large enough for few round trips (migration 0014 splits
 * older files' content the same way).
 */
export const CHUNK_BYTES = 256 * 1024;

/** Where an upload's chunks go; the route passes the database one, tests may pass their own. */
export interface ChunkStore {
  write(fileId: string, seq: number, data: Uint8Array): Promise<void>;
  /** Removes every chunk of the given files (an upload that failed). */
  discard(fileIds: readonly string[]): Promise<void>;
}

/** The chunk store over the database: one short statement per chunk, no transaction held open. */
export function databaseChunkStore(db: Db): ChunkStore {
  return {
    async write(fileId, seq, data) {
      // As hex text: PGlite encodes a byte-array parameter a byte at a time (~10× slower).
      const hex = Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('hex');
      await db.execute(
        sql`insert into ${fileChunks} (file_id, seq, data) values (${fileId}, ${seq}, decode(${hex}, 'hex'))`,
      );
    },
    async discard(fileIds) {
      if (fileIds.length > 0) await db.delete(fileChunks).where(inArray(fileChunks.fileId, [...fileIds]));
    },
  };
}

/**
 * A file's bytes as a stream that reads one chunk per pull (the reader's pace sets the database's).
 *
 * @example return c.body(readChunks(db, file.id), 200, { 'content-type': file.mime });
 */
export function readChunks(db: Executor, fileId: string): ReadableStream<Uint8Array> {
  let next = 0;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        // As base64 text: PGlite decodes bytea results a byte at a time (~5× slower).
        const [chunk] = await db
          .select({ seq: fileChunks.seq, data: sql<string>`encode(${fileChunks.data}, 'base64')` })
          .from(fileChunks)
          .where(and(eq(fileChunks.fileId, fileId), gte(fileChunks.seq, next)))
          .orderBy(asc(fileChunks.seq))
          .limit(1);
        if (!chunk) {
          controller.close();
          return;
        }
        next = chunk.seq + 1;
        controller.enqueue(new Uint8Array(Buffer.from(chunk.data, 'base64')));
      },
    },
    { highWaterMark: 0 },
  );
}

/**
 * Deletes chunks older than `before` that no `files` row claims: uploads cut off by a crash or a
 * dropped connection before they were stored. Returns how many chunks went.
 */
export async function sweepOrphanChunks(db: Db, before: Date): Promise<number> {
  const gone = await db
    .delete(fileChunks)
    .where(
      and(
        lt(fileChunks.createdAt, before.toISOString()),
        sql`not exists (select 1 from ${files} where ${files.id} = ${fileChunks.fileId})`,
      ),
    )
    .returning({ seq: fileChunks.seq });
  return gone.length;
}
