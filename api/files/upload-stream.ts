/**
 * Receives a multipart upload as a stream (busboy): each file's bytes go to the chunk store as they
 * arrive, hashed on the way, its type checked on its first bytes; nothing holds a whole file or a
 * whole request. The request total is counted as it arrives and ends the upload at once (413) when it
 * is passed; a file over the per-file limit is cut off and the rest of the request drained, so the
 * answer can name every problem and the connection stays usable.
 */
import { createHash, randomUUID } from 'node:crypto';
import { Readable, Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import busboy from 'busboy';
import { AppError, type ErrorDetail } from '../../engine/errors.ts';
import { CHUNK_BYTES, type ChunkStore } from './file-chunks.ts';
import { resolveFileType } from './file-types.ts';

/** A file stored in chunks, not yet recorded in `files`. */
export interface ReceivedFile {
  id: string;
  name: string;
  mime: string;
  size: number;
  sha256: string;
}

export interface ReceiveOptions {
  /** Largest file, in bytes. */
  fileLimit: number;
  /** Largest request body, in bytes. */
  requestLimit: number;
  /** Files one request may carry. */
  maxFiles: number;
  /** Called with each piece of the body as it arrives (the upload rate's charge). */
  onBytes?: (bytes: number) => void;
  /** Called once the whole body was read (a refusal after it leaves the connection usable). */
  onDrained?: () => void;
  /** Bytes per stored chunk (default CHUNK_BYTES). */
  chunkBytes?: number;
}

/** Bytes of a file the type check looks at. */
const SNIFF_BYTES = 16;

interface Part {
  field: string;
  /** Position among the parts of the same field. */
  index: number;
  id: string;
  name: string;
  declared: string;
  size: number;
  problem?: { code: 'payload_too_large' | 'invalid' | 'unsupported_media_type'; message: string };
  mime?: string;
  sha256?: string;
  written: boolean;
}

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

function concat(pieces: Buffer[], length: number): Buffer {
  return pieces.length === 1 ? (pieces[0] as Buffer) : Buffer.concat(pieces, length);
}

/** Stores one file part chunk by chunk; a refused part is drained without storing. */
async function storePart(part: Part, stream: Readable, store: ChunkStore, chunkBytes: number): Promise<void> {
  const hash = createHash('sha256');
  let pending: Buffer[] = [];
  let pendingLength = 0;
  let seq = 0;
  const flush = async () => {
    const data = concat(pending, pendingLength);
    pending = [];
    pendingLength = 0;
    if (seq === 0) {
      const type = resolveFileType(part.name, part.declared, data.subarray(0, SNIFF_BYTES));
      if ('problem' in type) {
        part.problem = { code: 'unsupported_media_type', message: `${part.name}: ${type.problem}` };
        return;
      }
      part.mime = type.mime;
    }
    part.written = true;
    await store.write(part.id, seq++, data);
    // PGlite runs each statement on this thread: let waiting requests in between chunks.
    await yieldToEventLoop();
  };
  for await (const piece of stream as AsyncIterable<Buffer>) {
    if (part.problem) continue;
    part.size += piece.length;
    hash.update(piece);
    pending.push(piece);
    pendingLength += piece.length;
    if (pendingLength >= chunkBytes) await flush();
  }
  if ((stream as Readable & { truncated?: boolean }).truncated) {
    part.problem = { code: 'payload_too_large', message: `${part.name}: larger than the file limit` };
    return;
  }
  if (part.problem) return;
  if (part.size === 0) {
    part.problem = { code: 'invalid', message: 'empty' };
    return;
  }
  if (pendingLength > 0) await flush();
  part.sha256 = hash.digest('hex');
}

/** Counts the body as it passes; past the limit it fails the pipeline with 413. */
function countBody(limit: number, onBytes: ((bytes: number) => void) | undefined): Transform {
  let total = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback: TransformCallback) {
      total += chunk.length;
      onBytes?.(chunk.length);
      if (total > limit)
        callback(
          new AppError('payload_too_large', `Upload exceeds ${limit} bytes`, [
            { path: '', message: `larger than ${limit} bytes` },
          ]),
        );
      else callback(null, chunk);
    },
  });
}

function openParser(contentType: string, options: ReceiveOptions): busboy.Busboy {
  if (!/^multipart\/form-data\b/i.test(contentType))
    throw new AppError('unsupported_media_type', 'Uploads are multipart/form-data', [
      { path: '', message: `content type ${contentType || 'missing'}` },
    ]);
  try {
    return busboy({
      headers: { 'content-type': contentType },
      defParamCharset: 'utf8',
      limits: {
        fileSize: options.fileLimit,
        files: options.maxFiles + 1,
        fields: 100,
        fieldSize: 64 * 1024,
        parts: options.maxFiles + 101,
      },
    });
  } catch (error) {
    throw new AppError('bad_request', `Malformed multipart header: ${(error as Error).message}`);
  }
}

/** The answer for the parts received: the first kind of problem found, with every part's path. */
function problemsOf(parts: Part[], tooMany: boolean, options: ReceiveOptions): AppError | undefined {
  if (parts.length === 0)
    return new AppError('invalid', 'No file in the upload', [{ path: '/file', message: 'required' }]);
  if (tooMany)
    return new AppError('invalid', `At most ${options.maxFiles} files per upload`, [
      { path: '/file', message: `more than ${options.maxFiles} files` },
    ]);
  const perField = new Map<string, number>();
  for (const p of parts) perField.set(p.field, (perField.get(p.field) ?? 0) + 1);
  const pathOf = (p: Part) => ((perField.get(p.field) ?? 0) > 1 ? `/${p.field}/${p.index}` : `/${p.field}`);
  const details = (code: string): ErrorDetail[] =>
    parts
      .filter((p) => p.problem?.code === code)
      .map((p) => ({ path: pathOf(p), message: p.problem?.message ?? '' }));
  const tooBig = details('payload_too_large').map((d) => ({
    ...d,
    message: d.message.replace('the file limit', `${options.fileLimit} bytes`),
  }));
  if (tooBig.length > 0)
    return new AppError('payload_too_large', `Files may be at most ${options.fileLimit} bytes`, tooBig);
  const empty = details('invalid');
  if (empty.length > 0) return new AppError('invalid', 'Empty file', empty);
  const refused = details('unsupported_media_type');
  if (refused.length > 0) return new AppError('unsupported_media_type', 'File type not allowed', refused);
  return undefined;
}

/**
 * What ended the stream early: our own abort stands for the store's failure (a database error, for
 * the edge to map); a 413 from the counter as it is; anything else from the parser is malformed input.
 */
function firstProblem(streamError: unknown, storeFailure: unknown): unknown {
  if (streamError === undefined) return storeFailure;
  if (streamError instanceof Error && streamError.name === 'AbortError' && storeFailure) return storeFailure;
  if (streamError instanceof AppError) return streamError;
  return new AppError('bad_request', `Malformed multipart body: ${(streamError as Error).message}`);
}

/**
 * Reads a multipart body, storing each file part's bytes in the chunk store as they arrive. Returns
 * the stored files in order; on any problem removes what it stored and throws an `AppError` (413
 * request or file too large, 422 no / too many / empty files, 415 type, 400 malformed).
 *
 * @example const received = await receiveUpload(c.req.raw.body, contentType, databaseChunkStore(db), options);
 */
export async function receiveUpload(
  body: ReadableStream<Uint8Array> | null,
  contentType: string,
  store: ChunkStore,
  options: ReceiveOptions,
): Promise<ReceivedFile[]> {
  const parser = openParser(contentType, options);
  if (!body) throw new AppError('invalid', 'No file in the upload', [{ path: '/file', message: 'required' }]);
  const chunkBytes = options.chunkBytes ?? CHUNK_BYTES;
  const parts: Part[] = [];
  const stored: Promise<void>[] = [];
  const abort = new AbortController();
  let failure: unknown;
  let tooMany = false;
  parser.on('filesLimit', () => {
    tooMany = true;
  });
  const streams: Readable[] = [];
  parser.on('file', (name: string | undefined, stream, info) => {
    // A part without a name (`name=""`) answers at the pointer of the empty key, `/`.
    const field = name ?? '';
    streams.push(stream);
    const part: Part = {
      field,
      index: parts.filter((p) => p.field === field).length,
      id: randomUUID(),
      name: (info.filename ?? '').trim().slice(0, 255) || 'file',
      declared: info.mimeType,
      size: 0,
      written: false,
    };
    if (parts.length >= options.maxFiles) {
      tooMany = true;
      stream.resume();
      return;
    }
    parts.push(part);
    stored.push(
      storePart(part, stream, store, chunkBytes).catch((error: unknown) => {
        failure ??= error;
        abort.abort();
      }),
    );
  });
  let streamError: unknown;
  try {
    await pipeline(
      Readable.fromWeb(body as NodeReadableStream<Uint8Array>),
      countBody(options.requestLimit, options.onBytes),
      parser,
      { signal: abort.signal },
    );
    options.onDrained?.();
  } catch (error) {
    streamError = error;
    // The parser stopped mid-part (a malformed header after a part began): a part's stream it
    // will never end is ended here, or storing it would wait for the rest forever.
    for (const stream of streams) if (!stream.readableEnded) stream.destroy(error as Error);
  }
  await Promise.allSettled(stored);
  const problem = firstProblem(streamError, failure) ?? problemsOf(parts, tooMany, options);
  if (problem) {
    // Best effort: chunks left behind (the database gone meanwhile) are swept at the next start.
    await store.discard(parts.filter((p) => p.written).map((p) => p.id)).catch(() => undefined);
    throw problem;
  }
  return parts.map((p) => ({
    id: p.id,
    name: p.name,
    mime: p.mime ?? 'application/octet-stream',
    size: p.size,
    sha256: p.sha256 ?? '',
  }));
}
