/**
 * The engine's file-reference port (engine/store/ports.ts `FileRefsPort`) over `file_refs` and `files`:
 * where task data names an uploaded file, recorded in the step's transaction, and the files an instance
 * references (its page's attachments). Who may read a file: api/files/file-repo.ts.
 */
import { asc, eq } from 'drizzle-orm';
import type { FileRefsPort } from '../../engine/store/ports.ts';
import { fileRefs, files } from './schema.ts';

export const apiFileRefs: FileRefsPort = {
  async record(tx, refs) {
    if (refs.length === 0) return;
    await tx
      .insert(fileRefs)
      .values([...refs])
      .onConflictDoNothing();
  },
  async ofInstance(db, instanceId) {
    return db
      .select({
        id: files.id,
        name: files.name,
        mime: files.mime,
        size: files.size,
        path: fileRefs.path,
        taskId: fileRefs.taskId,
        uploadedBy: files.uploadedBy,
        createdAt: fileRefs.createdAt,
      })
      .from(fileRefs)
      .innerJoin(files, eq(files.id, fileRefs.fileId))
      .where(eq(fileRefs.instanceId, instanceId))
      .orderBy(asc(fileRefs.createdAt), asc(fileRefs.path));
  },
};
