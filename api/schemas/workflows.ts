/**
 * Schemas of workflow definitions and forms as the API takes and returns them. Machine configs,
 * JSON Schemas and UI schemas are checked deeply by the service (engine and forms validation), so
 * here they are open objects with only their anchors typed.
 */
import { z } from '@hono/zod-openapi';
import { ErrorDetailSchema, JsonObjectSchema } from './common.ts';

const KEY = /^[a-z][a-z0-9_-]{0,63}$/;

export const WorkflowDefinitionSchema = z
  .object({
    key: z.string().regex(KEY, 'lower-case letters, digits, - and _; starting with a letter'),
    name: z.string().min(1).max(200),
    description: z.string().max(4000).optional(),
    starterRoles: z.array(z.string()).optional(),
    machine: z.object({ id: z.string().min(1) }).catchall(z.unknown()),
  })
  .catchall(z.unknown())
  .openapi('WorkflowDefinition');

/** `PUT /api/workflows/:key/draft` body: the key may be left out (the path has it). */
export const WorkflowDraftSchema = WorkflowDefinitionSchema.extend({
  key: WorkflowDefinitionSchema.shape.key.optional(),
}).openapi('WorkflowDraft');

export const ProblemSchema = ErrorDetailSchema;

export const DefinitionSummarySchema = z
  .object({
    key: z.string(),
    name: z.string(),
    description: z.string().optional(),
    latestVersion: z.number().int().nullable(),
    hasDraft: z.boolean(),
    updatedAt: z.string(),
  })
  .openapi('DefinitionSummary');

export const DefinitionViewSchema = DefinitionSummarySchema.extend({
  draft: WorkflowDefinitionSchema.nullable(),
  published: WorkflowDefinitionSchema.nullable(),
  problems: z.array(ProblemSchema),
}).openapi('DefinitionView');

export const VersionViewSchema = z
  .object({
    version: z.number().int(),
    publishedAt: z.string(),
    publishedBy: z.string().nullable(),
    definition: WorkflowDefinitionSchema,
  })
  .openapi('WorkflowVersion');

export const FormDefinitionSchema = z
  .object({
    key: z.string().regex(KEY, 'lower-case letters, digits, - and _; starting with a letter'),
    title: z.string().min(1).max(200),
    description: z.string().max(4000).optional(),
    schema: JsonObjectSchema,
    uiSchema: JsonObjectSchema.optional(),
    rules: z.array(z.unknown()).optional(),
  })
  .catchall(z.unknown())
  .openapi('FormDefinition');

export const FormDraftSchema = FormDefinitionSchema.extend({
  key: FormDefinitionSchema.shape.key.optional(),
}).openapi('FormDraft');

export const FormVersionSchema = FormDefinitionSchema.extend({ version: z.number().int() }).openapi(
  'FormVersion',
);

export const FormSummarySchema = z
  .object({
    key: z.string(),
    title: z.string(),
    latestVersion: z.number().int().nullable(),
    hasDraft: z.boolean(),
    updatedAt: z.string(),
  })
  .openapi('FormSummary');

export const FormViewSchema = FormSummarySchema.extend({
  draft: FormDefinitionSchema.nullable(),
  published: FormVersionSchema.nullable(),
}).openapi('FormView');

export const PublishedSchema = z.object({ version: z.number().int() }).openapi('Published');
