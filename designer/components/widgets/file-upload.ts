/** Uploading attachments to `POST /api/files` and the shapes the file endpoints answer. */
import type { ApiData } from '../../api/client.ts';
import { api } from '../../api/client.ts';

/** A stored file's metadata (`GET /api/files/:id/meta`). */
export type FileMeta = ApiData<'/api/files/{id}/meta', 'get'>;

/** The extensions the server takes (api/files/file-types.ts), for the file chooser's `accept`. */
export const ACCEPTED_FILES = '.png,.jpg,.jpeg,.gif,.webp,.pdf,.doc,.docx,.xls,.xlsx,.ppt,.pptx';

/**
 * Stores one file on the server and answers its metadata (413 / 415 arrive as `ApiError`s). Group
 * users name the store the file is for (others' uploads always belong to their own store).
 *
 * @example const meta = await uploadFile(file); onChange(meta.id);
 */
export async function uploadFile(file: File, storeId?: string): Promise<FileMeta> {
  const form = new FormData();
  form.append('file', file, file.name);
  // A multipart body: the browser sets its Content-Type with the boundary.
  const { items } = await api.post('/api/files', {
    params: { query: { storeId } },
    body: {},
    bodySerializer: () => form,
  });
  const [meta] = items;
  if (!meta) throw new Error('The server stored no file');
  return meta;
}

/** A byte count as people read it: `512 B`, `12.3 KB`, `4.0 MB`. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
