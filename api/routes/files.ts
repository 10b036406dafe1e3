/**
 * Attachments: `POST /api/files` (multipart, one or several files), `GET /api/files/:id` (the bytes),
 * `GET /api/files/:id/meta`. Uploads have their own size limit (`FILE_LIMIT_MB` per file), checked
 * in createApp before the body is read and here per file.
 */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { AppError, type ErrorDetail } from '../../engine/errors.ts';
import type { Db } from '../../engine/store/db.ts';
import type { AppEnv } from '../context.ts';
import { validationHook } from '../errors.ts';
import {
  type FileMeta,
  getFile,
  getFileMeta,
  saveFiles,
  type Upload,
  uploadStore,
} from '../files/file-repo.ts';
import { isInlineType, resolveFileType } from '../files/file-types.ts';
import { allowAnyUser, currentActor } from '../rbac.ts';
import { ERRORS, IdParamSchema, json } from '../schemas/common.ts';

/** Files one upload may carry. */
export const MAX_FILES_PER_UPLOAD = 10;

const FileMetaSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    mime: z.string(),
    size: z.number().int(),
    sha256: z.string(),
    uploadedBy: z.string(),
    storeId: z.string().nullable(),
    createdAt: z.string(),
    url: z.string(),
  })
  .openapi('FileMeta');

const binary = z.string().openapi({ format: 'binary' });
const UploadBodySchema = z
  .object({
    file: z.unknown().openapi({ type: 'array', items: { type: 'string', format: 'binary' } }),
  })
  .openapi({ description: 'One or several parts named `file`.' });

const tags = ['files'];

const routes = {
  upload: createRoute({
    method: 'post',
    path: '/files',
    tags,
    ...allowAnyUser(),
    summary: 'Upload files (images, PDF, office documents) for form fields',
    request: {
      query: z.object({ storeId: z.string().optional() }),
      body: { required: true, content: { 'multipart/form-data': { schema: UploadBodySchema } } },
    },
    responses: {
      201: json(z.object({ items: z.array(FileMetaSchema) }), 'Stored'),
      400: ERRORS[400],
      422: ERRORS[422],
      401: ERRORS[401],
      403: ERRORS[403],
      413: ERRORS[413],
      415: ERRORS[415],
    },
  }),
  download: createRoute({
    method: 'get',
    path: '/files/{id}',
    tags,
    ...allowAnyUser(),
    summary: 'A file’s bytes (inline for images and PDF; `?download=1` to save)',
    request: { params: IdParamSchema, query: z.object({ download: z.enum(['0', '1']).optional() }) },
    responses: {
      200: { description: 'The file', content: { 'application/octet-stream': { schema: binary } } },
      401: ERRORS[401],
      403: ERRORS[403],
      404: ERRORS[404],
    },
  }),
  meta: createRoute({
    method: 'get',
    path: '/files/{id}/meta',
    tags,
    ...allowAnyUser(),
    summary: 'A file’s name, type, size and checksum',
    request: { params: IdParamSchema },
    responses: {
      200: json(FileMetaSchema, 'File'),
      401: ERRORS[401],
      403: ERRORS[403],
      404: ERRORS[404],
    },
  }),
};

/** The file parts of a parsed multipart body, each with its field path as a JSON pointer (`/file`, `/file/1`). */
function fileParts(body: Record<string, unknown>): { path: string; file: File }[] {
  const parts: { path: string; file: File }[] = [];
  for (const [key, value] of Object.entries(body)) {
    const values = Array.isArray(value) ? value : [value];
    values.forEach((v, i) => {
      if (v instanceof File) parts.push({ path: values.length > 1 ? `/${key}/${i}` : `/${key}`, file: v });
    });
  }
  return parts;
}

/** Reads and checks each part: 413 past the size limit, 415 for a type we do not take. */
async function readUploads(parts: { path: string; file: File }[], fileLimit: number): Promise<Upload[]> {
  if (parts.length === 0)
    throw new AppError('invalid', 'No file in the upload', [{ path: '/file', message: 'required' }]);
  if (parts.length > MAX_FILES_PER_UPLOAD)
    throw new AppError('invalid', `At most ${MAX_FILES_PER_UPLOAD} files per upload`, [
      { path: '/file', message: `more than ${MAX_FILES_PER_UPLOAD} files` },
    ]);
  const tooBig: ErrorDetail[] = parts
    .filter(({ file }) => file.size > fileLimit)
    .map(({ path, file }) => ({ path, message: `${file.name}: larger than ${fileLimit} bytes` }));
  if (tooBig.length > 0)
    throw new AppError('payload_too_large', `Files may be at most ${fileLimit} bytes`, tooBig);
  const uploads: Upload[] = [];
  const refused: ErrorDetail[] = [];
  for (const { path, file } of parts) {
    const bytes = new Uint8Array(await file.arrayBuffer());
    const name = file.name.trim().slice(0, 255) || 'file';
    if (bytes.byteLength === 0) throw new AppError('invalid', 'Empty file', [{ path, message: 'empty' }]);
    const type = resolveFileType(name, file.type, bytes);
    if ('problem' in type) refused.push({ path, message: `${name}: ${type.problem}` });
    else uploads.push({ name, mime: type.mime, bytes });
  }
  if (refused.length > 0) throw new AppError('unsupported_media_type', 'File type not allowed', refused);
  return uploads;
}

/** `inline` or `attachment`, with an ASCII fallback name and the UTF-8 one (RFC 6266 / 5987). */
function contentDisposition(kind: 'inline' | 'attachment', name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/** The file routes, to mount under `/api`. */
export function fileRoutes(db: Db, options: { fileLimit: number }) {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
    .openapi(routes.upload, async (c) => {
      const actor = currentActor(c);
      const storeId = uploadStore(actor, c.req.valid('query').storeId);
      const body = (await c.req.parseBody({ all: true })) as Record<string, unknown>;
      const uploads = await readUploads(fileParts(body), options.fileLimit);
      const items: FileMeta[] = await saveFiles(db, actor, uploads, storeId);
      return c.json({ items }, 201);
    })
    .openapi(routes.download, async (c) => {
      const { id } = c.req.valid('param');
      const file = await getFile(db, currentActor(c), id);
      const kind = isInlineType(file.mime) && c.req.valid('query').download !== '1' ? 'inline' : 'attachment';
      return c.body(file.content as Uint8Array<ArrayBuffer>, 200, {
        'content-type': file.mime,
        'content-length': String(file.size),
        'content-disposition': contentDisposition(kind, file.name),
        'cache-control': 'private, max-age=86400',
        etag: `"${file.sha256}"`,
      });
    })
    .openapi(routes.meta, async (c) => {
      const { id } = c.req.valid('param');
      return c.json(await getFileMeta(db, currentActor(c), id), 200);
    });
}
