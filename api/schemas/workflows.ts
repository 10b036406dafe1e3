/**
 * Schemas of workflow definitions and forms as the API takes and returns them. Machine configs,
 * JSON Schemas and UI schemas are checked deeply by the service (engine and forms validation), so
 * here they are open objects with only their anchors typed.
 */
import { z } from '@hono/zod-openapi';
import { DEFINITION_KEY_MESSAGE, DEFINITION_KEY_PATTERN } from '../../forms/keys.ts';
import { ErrorDetailSchema, JsonObjectSchema } from './common.ts';

const names = z.array(z.string()).optional();

/** Who may start a flow by hand (engine/types.ts `StarterSpec`); checked deeply by the validator. */
const StarterSpecSchema = z
  .object({ roles: names, stores: names, users: names, applicationOnly: z.boolean().optional() })
  .catchall(z.unknown())
  .openapi('StarterSpec', {
    description:
      'Every list present must admit the caller (roles AND stores); `users` (usernames) admits people ' +
      'whatever their role; `applicationOnly`: nobody by hand, admins included.',
  });

/** An event a flow accepts from outside (engine/types.ts `EventRule`). */
const EventRuleSchema = z
  .object({
    from: z
      .object({
        roles: names,
        users: names,
        starter: z.boolean().optional(),
        applicationOnly: z.boolean().optional(),
      })
      .catchall(z.unknown()),
    schema: JsonObjectSchema.optional(),
    label: z.string().optional(),
  })
  .catchall(z.unknown())
  .openapi('EventRule');

/** A definition's texts in other languages, by the text as written (forms/i18n.ts). */
export const TranslationsSchema = z
  .partialRecord(z.enum(['zh-CN', 'en']), z.record(z.string(), z.string().min(1)))
  .openapi('Translations', { description: '{ "en": { "客户姓名": "Customer name" } }' });

/** A workflow definition document (engine/types.ts `WorkflowDefinition`). */
export const WorkflowDefinitionSchema = z
  .object({
    key: z.string().regex(DEFINITION_KEY_PATTERN, DEFINITION_KEY_MESSAGE.en),
    name: z.string().min(1).max(200),
    description: z.string().max(4000).optional(),
    category: z.string().max(50).optional().openapi({ description: 'Group on the 发起申请 page' }),
    icon: z.string().max(100).optional().openapi({ description: 'antd icon name' }),
    starterRoles: z
      .array(z.string())
      .optional()
      .openapi({ description: 'Deprecated: `starters.roles`; honoured when `starters` is absent' }),
    starters: StarterSpecSchema.optional(),
    startForm: z.string().optional().openapi({ description: 'Form key whose published version starts it' }),
    i18n: TranslationsSchema.optional(),
    events: z
      .record(z.string(), EventRuleSchema)
      .optional()
      .openapi({ description: 'Events accepted over `/events`, by type; undeclared ones are refused (403)' }),
    machine: z.object({ id: z.string().min(1) }).catchall(z.unknown()),
  })
  .catchall(z.unknown())
  .openapi('WorkflowDefinition');

/** `PUT /api/workflows/:key/draft` body: the key may be left out (the path has it). */
export const WorkflowDraftSchema = WorkflowDefinitionSchema.extend({
  key: WorkflowDefinitionSchema.shape.key.optional(),
}).openapi('WorkflowDraft');

/** A validation problem: path and message (plus `state`, `code`). */
export const ProblemSchema = ErrorDetailSchema;

/** What catalogue rows (flows and forms) carry besides their own fields. */
const CATALOGUE_FIELDS = {
  category: z.string().optional().openapi({ example: '销售' }),
  icon: z.string().optional().openapi({ example: 'AuditOutlined' }),
  /** Archived: no new starts (flows) or new references (forms); running instances go on. */
  archived: z.boolean(),
  archivedAt: z.string().nullable(),
  /** Who last saved, published, archived or restored it: a user id (or `system`) and a display name. */
  updatedBy: z.string().nullable(),
  updatedByName: z.string().nullable(),
};

/** A row of `GET /api/workflows`. */
export const DefinitionSummarySchema = z
  .object({
    key: z.string(),
    name: z.string(),
    description: z.string().optional(),
    latestVersion: z.number().int().nullable(),
    hasDraft: z.boolean(),
    updatedAt: z.string(),
    ...CATALOGUE_FIELDS,
  })
  .openapi('DefinitionSummary');

/** `GET /api/workflows/:key`: draft, published definition and problems. */
export const DefinitionViewSchema = DefinitionSummarySchema.extend({
  draft: z.union([WorkflowDefinitionSchema, z.null()]),
  published: z.union([WorkflowDefinitionSchema, z.null()]),
  problems: z.array(ProblemSchema),
}).openapi('DefinitionView');

/** An immutable published workflow version. */
export const VersionViewSchema = z
  .object({
    version: z.number().int(),
    publishedAt: z.string(),
    publishedBy: z.string().nullable(),
    publishedByName: z.string().nullable(),
    definition: WorkflowDefinitionSchema,
  })
  .openapi('WorkflowVersion');

/** A form document (forms/types.ts `FormDefinition`). */
export const FormDefinitionSchema = z
  .object({
    key: z.string().regex(DEFINITION_KEY_PATTERN, DEFINITION_KEY_MESSAGE.en),
    title: z.string().min(1).max(200),
    description: z.string().max(4000).optional(),
    category: z.string().max(50).optional().openapi({ description: 'Group in the form list' }),
    icon: z.string().max(100).optional().openapi({ description: 'antd icon name' }),
    schema: JsonObjectSchema,
    uiSchema: JsonObjectSchema.optional(),
    rules: z.array(z.unknown()).optional(),
    i18n: TranslationsSchema.optional(),
  })
  .catchall(z.unknown())
  .openapi('FormDefinition');

/** `PUT /api/forms/:key/draft` body: the key may be left out. */
export const FormDraftSchema = FormDefinitionSchema.extend({
  key: FormDefinitionSchema.shape.key.optional(),
}).openapi('FormDraft');

/** An immutable published form version (the version list also says who published it). */
export const FormVersionSchema = FormDefinitionSchema.extend({
  version: z.number().int(),
  publishedBy: z.string().nullable().optional(),
  publishedByName: z.string().nullable().optional(),
}).openapi('FormVersion');

/** A row of `GET /api/forms`. */
export const FormSummarySchema = z
  .object({
    key: z.string(),
    title: z.string(),
    description: z.string().optional(),
    latestVersion: z.number().int().nullable(),
    hasDraft: z.boolean(),
    updatedAt: z.string(),
    ...CATALOGUE_FIELDS,
  })
  .openapi('FormSummary');

/** `GET /api/forms/:key`: draft and latest published version. */
export const FormViewSchema = FormSummarySchema.extend({
  draft: z.union([FormDefinitionSchema, z.null()]),
  published: z.union([FormVersionSchema, z.null()]),
}).openapi('FormView');

/** The answer of a publish: the new version number. */
export const PublishedSchema = z.object({ version: z.number().int() }).openapi('Published');

/** A flow the caller may start (`GET /api/workflows?startable=me`), with its start form if it has one. */
export const StartableWorkflowSchema = z
  .object({
    key: z.string(),
    name: z.string(),
    description: z.string().optional(),
    category: z.string().optional(),
    icon: z.string().optional(),
    version: z.number().int(),
    startForm: z
      .object({
        key: z.string(),
        version: z.number().int(),
        title: z.string(),
        schema: JsonObjectSchema,
        uiSchema: JsonObjectSchema,
      })
      .nullable(),
  })
  .openapi('StartableWorkflow');

/** `GET /api/workflows?startable=me`. */
export const StartableListSchema = z
  .object({ items: z.array(StartableWorkflowSchema), total: z.number().int() })
  .openapi('StartableWorkflows');

/** `GET /api/workflows` query. */
export const WorkflowListQuerySchema = z.object({
  startable: z
    .enum(['me'])
    .optional()
    .openapi({ description: 'me: only the published, non-archived flows the caller may start' }),
});
