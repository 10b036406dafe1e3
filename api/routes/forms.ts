/**
 * `/api/forms`: form drafts, publishing, versions, and the catalogue (create, archive, restore, delete a
 * never-published draft). Reads: any logged-in user; writes: admin.
 */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { AppError } from '../../engine/errors.ts';
import type { AppEnv } from '../context.ts';
import { validationHook } from '../errors.ts';

import { allowAnyUser, allowRoles, currentActor } from '../rbac.ts';
import { ERRORS, json, jsonBody, KeyParamSchema, KeyVersionParamSchema } from '../schemas/common.ts';
import {
  FormDefinitionSchema,
  FormDraftSchema,
  FormSummarySchema,
  FormVersionSchema,
  FormViewSchema,
  PublishedSchema,
} from '../schemas/workflows.ts';
import type { ApiService } from '../service-port.ts';

const tags = ['forms'];
const admin = allowRoles('admin');
const anyone = allowAnyUser();

const listRoute = createRoute({
  method: 'get',
  path: '/forms',
  tags,
  summary: 'Forms',
  ...anyone,
  responses: {
    200: json(z.object({ items: z.array(FormSummarySchema), total: z.number().int() }), 'Forms'),
    401: ERRORS[401],
  },
});

const createFormRoute = createRoute({
  method: 'post',
  path: '/forms',
  tags,
  summary: 'Create a new form from a document (its first draft)',
  ...admin,
  request: { body: jsonBody(FormDefinitionSchema) },
  responses: {
    201: json(FormViewSchema, 'Created'),
    401: ERRORS[401],
    403: ERRORS[403],
    409: ERRORS[409],
    422: ERRORS[422],
  },
});

const archiveRoute = (action: 'archive' | 'restore') =>
  createRoute({
    method: 'post',
    path: `/forms/{key}/${action}`,
    tags,
    summary:
      action === 'archive'
        ? 'Archive a form: publishes may not newly reference it; flows using it go on'
        : 'Restore an archived form',
    ...admin,
    request: { params: KeyParamSchema },
    responses: {
      200: json(FormViewSchema, action === 'archive' ? 'Archived' : 'Restored'),
      401: ERRORS[401],
      403: ERRORS[403],
      404: ERRORS[404],
    },
  });

const deleteRoute = createRoute({
  method: 'delete',
  path: '/forms/{key}',
  tags,
  summary: 'Delete a form that was never published (archive published ones)',
  ...admin,
  request: { params: KeyParamSchema },
  responses: {
    204: { description: 'Deleted' },
    401: ERRORS[401],
    403: ERRORS[403],
    404: ERRORS[404],
    409: ERRORS[409],
  },
});

const getRoute = createRoute({
  method: 'get',
  path: '/forms/{key}',
  tags,
  summary: 'A form with its draft and latest published version',
  ...anyone,
  request: { params: KeyParamSchema },
  responses: { 200: json(FormViewSchema, 'Form'), 401: ERRORS[401], 404: ERRORS[404] },
});

const draftRoute = createRoute({
  method: 'put',
  path: '/forms/{key}/draft',
  tags,
  summary: 'Save the draft (the form document itself)',
  ...admin,
  request: { params: KeyParamSchema, body: jsonBody(FormDraftSchema) },
  responses: { 200: json(FormViewSchema, 'Saved'), 401: ERRORS[401], 403: ERRORS[403], 422: ERRORS[422] },
});

const publishRoute = createRoute({
  method: 'post',
  path: '/forms/{key}/publish',
  tags,
  summary: 'Publish the draft as a new immutable version',
  ...admin,
  request: { params: KeyParamSchema },
  responses: {
    200: json(PublishedSchema, 'Published'),
    401: ERRORS[401],
    403: ERRORS[403],
    404: ERRORS[404],
    409: ERRORS[409],
    422: ERRORS[422],
  },
});

const versionsRoute = createRoute({
  method: 'get',
  path: '/forms/{key}/versions',
  tags,
  summary: 'Published versions, newest first',
  ...anyone,
  request: { params: KeyParamSchema },
  responses: {
    200: json(z.object({ items: z.array(FormVersionSchema), total: z.number().int() }), 'Versions'),
    401: ERRORS[401],
    404: ERRORS[404],
  },
});

const versionRoute = createRoute({
  method: 'get',
  path: '/forms/{key}/versions/{version}',
  tags,
  summary: 'One published version',
  ...anyone,
  request: { params: KeyVersionParamSchema },
  responses: { 200: json(FormVersionSchema, 'Version'), 401: ERRORS[401], 404: ERRORS[404] },
});

function draftFor(key: string, body: z.infer<typeof FormDraftSchema>) {
  if (body.key !== undefined && body.key !== key) {
    throw new AppError('invalid', 'Key in body differs from the path', [
      { path: '/key', message: `expected ${key}` },
    ]);
  }
  return { ...body, key };
}

/** The form routes, to mount under `/api`. */
export function formRoutes(service: ApiService) {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
    .openapi(listRoute, async (c) => {
      const items = await service.listForms();
      return c.json({ items, total: items.length }, 200);
    })
    .openapi(createFormRoute, async (c) =>
      c.json(await service.createForm(c.req.valid('json'), currentActor(c)), 201),
    )
    .openapi(archiveRoute('archive'), async (c) =>
      c.json(await service.setFormArchived(c.req.valid('param').key, true, currentActor(c)), 200),
    )
    .openapi(archiveRoute('restore'), async (c) =>
      c.json(await service.setFormArchived(c.req.valid('param').key, false, currentActor(c)), 200),
    )
    .openapi(deleteRoute, async (c) => {
      await service.deleteForm(c.req.valid('param').key);
      return c.body(null, 204);
    })
    .openapi(getRoute, async (c) => c.json(await service.getForm(c.req.valid('param').key), 200))
    .openapi(draftRoute, async (c) => {
      const { key } = c.req.valid('param');
      c.req.valid('json'); // validated; what is stored is the body as sent, in its key order
      const sent = (await c.req.json()) as z.infer<typeof FormDraftSchema>;
      return c.json(await service.saveFormDraft(draftFor(key, sent), currentActor(c)), 200);
    })
    .openapi(publishRoute, async (c) => {
      const published = await service.publishForm(c.req.valid('param').key, currentActor(c));
      return c.json({ version: published.version }, 200);
    })
    .openapi(versionsRoute, async (c) => {
      const items = await service.listFormVersions(c.req.valid('param').key);
      return c.json({ items, total: items.length }, 200);
    })
    .openapi(versionRoute, async (c) => {
      const { key, version } = c.req.valid('param');
      return c.json(await service.getFormVersion(key, version), 200);
    });
}
