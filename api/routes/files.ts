/**
 * Attachments: `POST /api/files` (multipart, one or several files), `GET /api/files/:id` (the bytes),
 * `GET /api/files/:id/meta`. Uploads stream into the database in chunks (api/files/upload-stream.ts)
 * under three limits: per file (`FILE_LIMIT_MB`), per request (`UPLOAD_REQUEST_LIMIT_MB`, checked on
 * the Content-Length before the body is read and again as it arrives) and per user
 * (`UPLOAD_RATE_MB_PER_MIN`, 429 with Retry-After). Downloads stream back one chunk at a time.
 */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { AppError } from '../../engine/errors.ts';
import type { Db } from '../../engine/store/db.ts';
import type { AppEnv } from '../context.ts';
import { validationHook } from '../errors.ts';
import { databaseChunkStore, readChunks } from '../files/file-chunks.ts';
import { type FileMeta, getFile, getFileMeta, saveFiles, uploadStore } from '../files/file-repo.ts';
import { isInlineType } from '../files/file-types.ts';
import type { UploadRate } from '../files/upload-rate.ts';
import { receiveUpload } from '../files/upload-stream.ts';
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
/** A plain schema object, not zod: the route reads the body as a stream, so no validator may parse it. */
const UPLOAD_BODY_SCHEMA = {
  type: 'object' as const,
  description: 'One or several parts named `file`.',
  properties: { file: { type: 'array' as const, items: { type: 'string' as const, format: 'binary' } } },
};

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
      body: { required: true, content: { 'multipart/form-data': { schema: UPLOAD_BODY_SCHEMA } } },
    },
    responses: {
      201: json(z.object({ items: z.array(FileMetaSchema) }), 'Stored'),
      400: ERRORS[400],
      422: ERRORS[422],
      401: ERRORS[401],
      403: ERRORS[403],
      413: ERRORS[413],
      415: ERRORS[415],
      429: ERRORS[429],
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

/** `inline` or `attachment`, with an ASCII fallback name and the UTF-8 one (RFC 6266 / 5987). */
function contentDisposition(kind: 'inline' | 'attachment', name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/** The upload limits, in bytes; `rate` is the per-user allowance. */
export interface FileRouteOptions {
  fileLimit: number;
  requestLimit: number;
  rate: UploadRate;
}

/** 413 before reading a body whose Content-Length already passes the request limit. */
function checkDeclaredLength(declared: number, limit: number): void {
  if (declared > limit)
    throw new AppError('payload_too_large', `Upload exceeds ${limit} bytes`, [
      { path: '', message: `larger than ${limit} bytes` },
    ]);
}

/** The file routes, to mount under `/api`. */
export function fileRoutes(db: Db, options: FileRouteOptions) {
  const chunks = databaseChunkStore(db);
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
    .openapi(routes.upload, async (c) => {
      const actor = currentActor(c);
      const storeId = uploadStore(actor, c.req.valid('query').storeId);
      const declared = Number(c.req.header('content-length') ?? 0) || 0;
      checkDeclaredLength(declared, options.requestLimit);
      options.rate.admit(actor.id, declared);
      const received = await receiveUpload(c.req.raw.body, c.req.header('content-type') ?? '', chunks, {
        fileLimit: options.fileLimit,
        requestLimit: options.requestLimit,
        maxFiles: MAX_FILES_PER_UPLOAD,
        onBytes: (bytes) => options.rate.charge(actor.id, bytes),
        onDrained: () => c.set('bodyDrained', true),
      });
      try {
        const items: FileMeta[] = await saveFiles(db, actor, received, storeId);
        return c.json({ items }, 201);
      } catch (error) {
        await chunks.discard(received.map((f) => f.id)).catch(() => undefined);
        throw error;
      }
    })
    .openapi(routes.download, async (c) => {
      const { id } = c.req.valid('param');
      const file = await getFile(db, currentActor(c), id);
      const kind = isInlineType(file.mime) && c.req.valid('query').download !== '1' ? 'inline' : 'attachment';
      return c.body(readChunks(db, file.id), 200, {
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
