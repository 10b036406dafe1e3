/**
 * Uploaded files in the database (`files`, content as bytea): storing an upload, reading a file's
 * metadata or bytes with the reader's right checked, and which of a form's file ids exist.
 *
 * Who may read a file: its uploader, group users (admin, general manager), and anyone of the store
 * the file was uploaded for. Files are attached to a store's orders and tasks, which that store's
 * people see; searching every instance's form data for a file id on each download would cost a scan
 * of the instances, so the store stands in for "can see the instance that references it".
 */
import { createHash } from 'node:crypto';
import { eq, inArray } from 'drizzle-orm';
import { AppError, notFound } from '../../engine/errors.ts';
import type { Db, Executor } from '../../engine/store/db.ts';
import { type FileRow, files } from '../../engine/store/schema.ts';
import type { Actor } from '../../engine/types.ts';
import { canAccessStore, isGroupActor } from '../rbac.ts';

/** A file as the API shows it (never its content). */
export interface FileMeta {
  id: string;
  name: string;
  mime: string;
  size: number;
  sha256: string;
  uploadedBy: string;
  storeId: string | null;
  createdAt: string;
  /** Where its bytes are served. */
  url: string;
}

/** One file of an upload, its type already resolved. */
export interface Upload {
  name: string;
  mime: string;
  bytes: Uint8Array;
}

const META = {
  id: files.id,
  name: files.name,
  mime: files.mime,
  size: files.size,
  sha256: files.sha256,
  uploadedBy: files.uploadedBy,
  storeId: files.storeId,
  createdAt: files.createdAt,
} as const;

type MetaRow = Omit<FileRow, 'content'>;

function toMeta(row: MetaRow): FileMeta {
  return { ...row, createdAt: new Date(row.createdAt).toISOString(), url: `/api/files/${row.id}` };
}

/**
 * The store an upload belongs to: the uploader's own; a group user may name a store (or none).
 */
export function uploadStore(actor: Actor, requested: string | undefined): string | null {
  if (isGroupActor(actor)) return requested ?? null;
  if (requested !== undefined && requested !== actor.storeId)
    throw new AppError('forbidden', 'Not your store', [{ path: 'storeId', message: 'not your store' }]);
  return actor.storeId;
}

/**
 * Stores the files of one upload, all or none.
 *
 * @example const [meta] = await saveFiles(db, actor, [{ name: 'a.pdf', mime: 'application/pdf', bytes }], 'BJ01');
 */
export async function saveFiles(
  db: Db,
  actor: Actor,
  uploads: readonly Upload[],
  storeId: string | null,
): Promise<FileMeta[]> {
  const rows = uploads.map((u) => ({
    name: u.name,
    mime: u.mime,
    size: u.bytes.byteLength,
    sha256: createHash('sha256').update(u.bytes).digest('hex'),
    content: u.bytes,
    uploadedBy: actor.id,
    storeId,
  }));
  const saved = await db.insert(files).values(rows).returning(META);
  return saved.map(toMeta);
}

/** Whether the actor may read a file (see the module comment). */
export function canReadFile(actor: Actor, file: Pick<FileRow, 'uploadedBy' | 'storeId'>): boolean {
  return file.uploadedBy === actor.id || canAccessStore(actor, file.storeId);
}

function readable<T extends Pick<FileRow, 'uploadedBy' | 'storeId'>>(rows: T[], actor: Actor, id: string): T {
  const [row] = rows;
  if (!row) throw notFound('File', id);
  if (!canReadFile(actor, row)) throw new AppError('forbidden', 'This file belongs to another store');
  return row;
}

/** A file's metadata: 404 unknown, 403 not readable by the actor. */
export async function getFileMeta(db: Executor, actor: Actor, id: string): Promise<FileMeta> {
  const rows = await db.select(META).from(files).where(eq(files.id, id)).limit(1);
  return toMeta(readable(rows, actor, id));
}

/** A file with its bytes: 404 unknown, 403 not readable by the actor. */
export async function getFile(db: Executor, actor: Actor, id: string): Promise<FileRow> {
  const rows = await db.select().from(files).where(eq(files.id, id)).limit(1);
  return readable(rows, actor, id);
}

/** The ids among `ids` that name a stored file (for form validation). */
export async function existingFileIds(db: Executor, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .select({ id: files.id })
    .from(files)
    .where(inArray(files.id, [...ids]));
  return new Set(rows.map((r) => r.id));
}
