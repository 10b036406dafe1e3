/**
 * `/api/workflows`: definitions, drafts, validation, publishing, versions, and the catalogue (create,
 * archive, restore, delete a never-published draft; the flows the caller may start). Reads: any
 * logged-in user; writes: admin.
 */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { AppError } from '../../engine/errors.ts';
import type { AppEnv } from '../context.ts';
import { validationHook } from '../errors.ts';

import { allowAnyUser, allowRoles, currentActor } from '../rbac.ts';
import {
  ERRORS,
  json,
  jsonBody,
  KeyParamSchema,
  KeyVersionParamSchema,
  OkSchema,
} from '../schemas/common.ts';
import {
  DefinitionSummarySchema,
  DefinitionViewSchema,
  PublishedSchema,
  StartableListSchema,
  VersionViewSchema,
  WorkflowDefinitionSchema,
  WorkflowDraftSchema,
  WorkflowListQuerySchema,
} from '../schemas/workflows.ts';
import type { ApiService } from '../service-port.ts';

const tags = ['workflows'];
const admin = allowRoles('admin');
const anyone = allowAnyUser();

const listRoute = createRoute({
  method: 'get',
  path: '/workflows',
  tags,
  summary: 'Workflow definitions, or (startable=me) the flows the caller may start',
  description:
    'Without `startable`: every flow with its catalogue fields. With `startable=me`: the published, ' +
    'non-archived flows whose `starters` admit the caller (the 发起申请 page), each with its start form.',
  ...anyone,
  request: { query: WorkflowListQuerySchema },
  responses: {
    200: json(
      z.union([
        z.object({ items: z.array(DefinitionSummarySchema), total: z.number().int() }),
        StartableListSchema,
      ]),
      'Definitions, or the startable flows',
    ),
    401: ERRORS[401],
    422: ERRORS[422],
  },
});

const createWorkflowRoute = createRoute({
  method: 'post',
  path: '/workflows',
  tags,
  summary: 'Create a new flow from a document (its first draft)',
  ...admin,
  request: { body: jsonBody(WorkflowDefinitionSchema) },
  responses: {
    201: json(DefinitionViewSchema, 'Created'),
    401: ERRORS[401],
    403: ERRORS[403],
    409: ERRORS[409],
    422: ERRORS[422],
  },
});

const archiveRoute = (action: 'archive' | 'restore') =>
  createRoute({
    method: 'post',
    path: `/workflows/{key}/${action}`,
    tags,
    summary:
      action === 'archive'
        ? 'Archive a flow: no new starts, running instances go on'
        : 'Restore an archived flow',
    ...admin,
    request: { params: KeyParamSchema },
    responses: {
      200: json(DefinitionViewSchema, action === 'archive' ? 'Archived' : 'Restored'),
      401: ERRORS[401],
      403: ERRORS[403],
      404: ERRORS[404],
    },
  });

const deleteRoute = createRoute({
  method: 'delete',
  path: '/workflows/{key}',
  tags,
  summary: 'Delete a flow that was never published (archive published ones)',
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
  path: '/workflows/{key}',
  tags,
  summary: 'A definition with its draft, latest published version and problems',
  ...anyone,
  request: { params: KeyParamSchema },
  responses: { 200: json(DefinitionViewSchema, 'Definition'), 401: ERRORS[401], 404: ERRORS[404] },
});

const validateRoute = createRoute({
  method: 'post',
  path: '/workflows/validate',
  tags,
  summary: 'Validate a definition without saving it',
  ...anyone,
  request: { body: jsonBody(z.object({ definition: WorkflowDefinitionSchema })) },
  responses: { 200: json(OkSchema, 'Valid'), 401: ERRORS[401], 422: ERRORS[422] },
});

const draftRoute = createRoute({
  method: 'put',
  path: '/workflows/{key}/draft',
  tags,
  summary: 'Save the draft (the definition document itself)',
  ...admin,
  request: { params: KeyParamSchema, body: jsonBody(WorkflowDraftSchema) },
  responses: {
    200: json(DefinitionViewSchema, 'Saved'),
    401: ERRORS[401],
    403: ERRORS[403],
    422: ERRORS[422],
  },
});

const publishRoute = createRoute({
  method: 'post',
  path: '/workflows/{key}/publish',
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
  path: '/workflows/{key}/versions',
  tags,
  summary: 'Published versions, newest first',
  ...anyone,
  request: { params: KeyParamSchema },
  responses: {
    200: json(z.object({ items: z.array(VersionViewSchema), total: z.number().int() }), 'Versions'),
    401: ERRORS[401],
    404: ERRORS[404],
  },
});

const versionRoute = createRoute({
  method: 'get',
  path: '/workflows/{key}/versions/{version}',
  tags,
  summary: 'One published version',
  ...anyone,
  request: { params: KeyVersionParamSchema },
  responses: { 200: json(VersionViewSchema, 'Version'), 401: ERRORS[401], 404: ERRORS[404] },
});

/** The body's key must agree with the path's. */
function draftFor(key: string, body: z.infer<typeof WorkflowDraftSchema>) {
  if (body.key !== undefined && body.key !== key) {
    throw new AppError('invalid', 'Key in body differs from the path', [
      { path: '/key', message: `expected ${key}` },
    ]);
  }
  return { ...body, key };
}

/** The workflow routes, to mount under `/api`. */
export function workflowRoutes(service: ApiService) {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
    .openapi(listRoute, async (c) => {
      if (c.req.valid('query').startable === 'me') {
        const startable = await service.startableWorkflows(currentActor(c));
        return c.json({ items: startable, total: startable.length }, 200);
      }
      const items = await service.listDefinitions();
      return c.json({ items, total: items.length }, 200);
    })
    .openapi(createWorkflowRoute, async (c) =>
      c.json(await service.createWorkflow(c.req.valid('json'), currentActor(c)), 201),
    )
    .openapi(archiveRoute('archive'), async (c) =>
      c.json(await service.setWorkflowArchived(c.req.valid('param').key, true, currentActor(c)), 200),
    )
    .openapi(archiveRoute('restore'), async (c) =>
      c.json(await service.setWorkflowArchived(c.req.valid('param').key, false, currentActor(c)), 200),
    )
    .openapi(deleteRoute, async (c) => {
      await service.deleteWorkflow(c.req.valid('param').key);
      return c.body(null, 204);
    })
    .openapi(validateRoute, async (c) => {
      const { definition } = c.req.valid('json');
      const problems = await service.validate(definition);
      if (problems.length > 0)
        throw new AppError(
          'invalid',
          'The definition has problems',
          problems.map((p) => ({ ...p })),
        );
      return c.json({ ok: true as const }, 200);
    })
    .openapi(getRoute, async (c) => c.json(await service.getDefinition(c.req.valid('param').key), 200))
    .openapi(draftRoute, async (c) => {
      const { key } = c.req.valid('param');
      c.req.valid('json'); // validated; what is stored is the body as sent, in its key order
      const sent = (await c.req.json()) as z.infer<typeof WorkflowDraftSchema>;
      const view = await service.saveDraft(draftFor(key, sent), currentActor(c));
      return c.json(view, 200);
    })
    .openapi(publishRoute, async (c) => {
      const published = await service.publish(c.req.valid('param').key, currentActor(c));
      return c.json({ version: published.version }, 200);
    })
    .openapi(versionsRoute, async (c) => {
      const items = await service.listVersions(c.req.valid('param').key);
      return c.json({ items, total: items.length }, 200);
    })
    .openapi(versionRoute, async (c) => {
      const { key, version } = c.req.valid('param');
      return c.json(await service.getVersion(key, version), 200);
    });
}
