/**
 * Uploaded files in the database (`files`; the bytes in `file_chunks`, api/files/file-chunks.ts):
 * recording an upload, reading a file's metadata with the reader's right checked, and the file check
 * of form references.
 *
 * Who may read a file: its uploader, group users (admin, general manager), anyone of the store the
 * file was uploaded for, and anyone who may see an instance whose task data refers to it (`file_refs`,
 * written when the data was accepted): the instance's store, its task people, people CC'd on it.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import { AppError, notFound } from '../../engine/errors.ts';
import { isUuid } from '../../engine/store/context.ts';
import type { Db, Executor } from '../../engine/store/db.ts';
import type { ReferenceChecker } from '../../engine/store/references.ts';
import { instances, tasks } from '../../engine/store/schema.ts';
import type { Actor } from '../../engine/types.ts';
import { canReadInstance } from '../access.ts';
import { canAccessStore, isGroupActor } from '../rbac.ts';
import { cc, type FileRow, fileRefs, files } from '../store/schema.ts';
import type { ReceivedFile } from './upload-stream.ts';

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

type MetaRow = FileRow;

function toMeta(row: MetaRow): FileMeta {
  return { ...row, createdAt: new Date(row.createdAt).toISOString(), url: `/api/files/${row.id}` };
}

/**
 * The store an upload belongs to: the uploader's own; a group user may name a store (or none).
 */
export function uploadStore(actor: Actor, requested: string | undefined): string | null {
  if (isGroupActor(actor)) return requested ?? null;
  if (requested !== undefined && requested !== actor.storeId)
    throw new AppError('forbidden', 'Not your store', [{ path: '/storeId', message: 'not your store' }]);
  return actor.storeId;
}

/**
 * Records the files of one upload, all or none, once their bytes are in `file_chunks`.
 *
 * @example const [meta] = await saveFiles(db, actor, await receiveUpload(body, type, store, limits), 'BJ01');
 */
export async function saveFiles(
  db: Db,
  actor: Actor,
  received: readonly ReceivedFile[],
  storeId: string | null,
): Promise<FileMeta[]> {
  const rows = received.map((f) => ({ ...f, uploadedBy: actor.id, storeId }));
  // One statement: all rows or none.
  const saved = await db.insert(files).values(rows).returning(META);
  return saved.map(toMeta);
}

/** Whether the actor may read a file as its uploader, a group user or one of its store. */
export function canReadFile(actor: Actor, file: Pick<FileRow, 'uploadedBy' | 'storeId'>): boolean {
  return file.uploadedBy === actor.id || canAccessStore(actor, file.storeId);
}

/**
 * Whether the actor may see an instance whose task data refers to the file (GET /api/instances/:id's
 * rule: the instance's store, its task people, people CC'd on it). At most three small queries, run
 * only when the plain rule refused.
 */
export async function seesReferencingInstance(db: Executor, actor: Actor, fileId: string): Promise<boolean> {
  const refs = await db
    .selectDistinct({ id: instances.id, storeId: instances.storeId })
    .from(fileRefs)
    .innerJoin(instances, eq(instances.id, fileRefs.instanceId))
    .where(eq(fileRefs.fileId, fileId));
  if (refs.length === 0) return false;
  if (refs.some((r) => canAccessStore(actor, r.storeId))) return true;
  const ids = refs.map((r) => r.id);
  if (isUuid(actor.id)) {
    const [ccd] = await db
      .select({ id: cc.id })
      .from(cc)
      .where(and(inArray(cc.instanceId, ids), eq(cc.userId, actor.id)))
      .limit(1);
    if (ccd) return true;
  }
  const people = await db
    .select({
      instanceId: tasks.instanceId,
      assignee: tasks.assignee,
      owner: tasks.owner,
      candidateUsers: tasks.candidateUsers,
      candidateRoles: tasks.candidateRoles,
      storeId: tasks.storeId,
      completedBy: tasks.completedBy,
    })
    .from(tasks)
    .where(inArray(tasks.instanceId, ids));
  return refs.some((r) =>
    canReadInstance(actor, { storeId: r.storeId, tasks: people.filter((t) => t.instanceId === r.id) }),
  );
}

async function readable<T extends Pick<FileRow, 'uploadedBy' | 'storeId'>>(
  db: Executor,
  rows: T[],
  actor: Actor,
  id: string,
): Promise<T> {
  const [row] = rows;
  if (!row) throw notFound('File', id);
  if (!canReadFile(actor, row) && !(await seesReferencingInstance(db, actor, id)))
    throw new AppError('forbidden', 'This file belongs to another store');
  return row;
}

/** A file's metadata: 404 unknown, 403 not readable by the actor. */
export async function getFileMeta(db: Executor, actor: Actor, id: string): Promise<FileMeta> {
  const rows = await db.select(META).from(files).where(eq(files.id, id)).limit(1);
  return toMeta(await readable(db, rows, actor, id));
}

/** A file's row, to serve its bytes (file-chunks.ts `readChunks`): 404 unknown, 403 not readable. */
export async function getFile(db: Executor, actor: Actor, id: string): Promise<FileRow> {
  const rows = await db.select().from(files).where(eq(files.id, id)).limit(1);
  return readable(db, rows, actor, id);
}

/**
 * The reference checker for `ui:widget: file` fields (engine/store/references.ts): the files that
 * exist and the actor may attach — those it may read by the plain rule (`canReadFile`), or already
 * referenced by the same instance (a later step keeping an earlier step's attachment). One query.
 */
export const usableFiles: ReferenceChecker = async (ids, { tx, actor, instance }) => {
  const rows = await tx
    .select({
      id: files.id,
      uploadedBy: files.uploadedBy,
      storeId: files.storeId,
      referenced: sql<boolean>`exists (select 1 from ${fileRefs} where ${fileRefs.fileId} = ${files.id} and ${fileRefs.instanceId} = ${instance.id})`,
    })
    .from(files)
    .where(inArray(files.id, [...ids]));
  return new Set(rows.filter((r) => r.referenced || canReadFile(actor, r)).map((r) => r.id));
};
