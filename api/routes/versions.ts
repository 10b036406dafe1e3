/**
 * Versions in production (docs/flows.md "Publishing, versions and running instances"): migrate running instances to another published version with a
 * state mapping — one instance (`POST /api/instances/:id/migrate`) or many (`POST
 * /api/workflows/:key/migrate`), previewed with `dryRun` — and move one instance to a state with a
 * reason (`POST /api/instances/:id/move`). Admins only; the service checks again.
 */

import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../context.ts';
import { validationHook } from '../errors.ts';

import { allowRoles, currentActor } from '../rbac.ts';
import { redactInstance } from '../redact.ts';
import { ACTION_ERRORS, IdParamSchema, json, jsonBody, KeyParamSchema } from '../schemas/common.ts';
import { InstanceViewSchema } from '../schemas/instances.ts';
import {
  MigrateInstanceSchema,
  MigrateWorkflowSchema,
  MigrationReportSchema,
  MoveInstanceSchema,
} from '../schemas/versions.ts';
import type { ApiService } from '../service-port.ts';

const admin = allowRoles('admin');

const migrateOneRoute = createRoute({
  method: 'post',
  path: '/instances/{id}/migrate',
  tags: ['instances'],
  summary: 'Migrate a running instance to another published version with a state mapping (dryRun: plan only)',
  ...admin,
  request: { params: IdParamSchema, body: jsonBody(MigrateInstanceSchema) },
  responses: { 200: json(MigrationReportSchema, 'What moved (or would move)'), ...ACTION_ERRORS },
});

const migrateManyRoute = createRoute({
  method: 'post',
  path: '/workflows/{key}/migrate',
  tags: ['workflows'],
  summary: 'Migrate running instances of a flow to another version, all or nothing (dryRun: plan only)',
  ...admin,
  request: { params: KeyParamSchema, body: jsonBody(MigrateWorkflowSchema) },
  responses: { 200: json(MigrationReportSchema, 'What moved (or would move)'), ...ACTION_ERRORS },
});

const moveRoute = createRoute({
  method: 'post',
  path: '/instances/{id}/move',
  tags: ['instances'],
  summary: 'Move a running instance to a wait state of its version, with a reason (admin)',
  ...admin,
  request: { params: IdParamSchema, body: jsonBody(MoveInstanceSchema) },
  responses: { 200: json(InstanceViewSchema, 'The instance at its new state'), ...ACTION_ERRORS },
});

/** The version-migration and move routes, to mount under `/api`. */
export function versionRoutes(service: ApiService) {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
    .openapi(migrateOneRoute, async (c) => {
      const { id } = c.req.valid('param');
      const instance = await service.getInstance(id);
      const report = await service.migrateInstances(
        instance.workflowKey,
        { ...c.req.valid('json'), instanceIds: [id] },
        currentActor(c),
      );
      return c.json(report, 200);
    })
    .openapi(migrateManyRoute, async (c) => {
      const report = await service.migrateInstances(
        c.req.valid('param').key,
        c.req.valid('json'),
        currentActor(c),
      );
      return c.json(report, 200);
    })
    .openapi(moveRoute, async (c) => {
      const actor = currentActor(c);
      const moved = await service.moveInstance(c.req.valid('param').id, c.req.valid('json'), actor);
      return c.json(await redactInstance(service, moved, actor), 200);
    });
}
