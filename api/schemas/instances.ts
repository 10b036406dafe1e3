/**
 * Schemas of instances, tasks and their requests (docs/architecture.md "The HTTP contract").
 */
import { z } from '@hono/zod-openapi';
import { JsonObjectSchema, PageQuerySchema, StateValueSchema } from './common.ts';

/** A task as the inbox lists it. */
export const TaskViewSchema = z
  .object({
    id: z.string(),
    instanceId: z.string(),
    workflowKey: z.string(),
    workflowName: z.string().optional().openapi({
      description: "The workflow's name, in the caller's language (task lists and a task's detail)",
    }),
    businessKey: z.string().nullable(),
    name: z.string(),
    state: z.string(),
    status: z.enum(['open', 'completed', 'cancelled']),
    outcomes: z.array(z.string()),
    assignee: z.string().nullable(),
    owner: z.string().nullable(),
    candidateUsers: z.array(z.string()),
    candidateRoles: z.array(z.string()),
    storeId: z.string().nullable(),
    formKey: z.string().nullable(),
    formVersion: z.number().int().nullable(),
    dueAt: z.string().nullable(),
    createdAt: z.string(),
    completedAt: z.string().nullable(),
    completedBy: z.string().nullable(),
    outcome: z.string().nullable(),
    comment: z.string().nullable(),
  })
  .openapi('Task');

/** A task with its form projected for the step and its instance's state. */
export const TaskDetailSchema = TaskViewSchema.extend({
  fields: z.record(z.string(), z.enum(['editable', 'readonly', 'hidden', 'required'])),
  form: z
    .object({
      key: z.string(),
      version: z.number().int(),
      title: z.string(),
      schema: JsonObjectSchema,
      uiSchema: JsonObjectSchema,
      data: JsonObjectSchema,
    })
    .nullable(),
  instance: z.object({
    id: z.string(),
    workflowKey: z.string(),
    workflowVersion: z.number().int(),
    state: StateValueSchema,
    status: z.enum(['active', 'done', 'cancelled', 'error']),
  }),
  actions: z.object({
    delegation: z.enum(['pending', 'resolved']).nullable(),
    proposal: z
      .object({ by: z.string(), outcome: z.string(), comment: z.string().optional(), at: z.string() })
      .nullable(),
    remindedAt: z.string().nullable(),
    commentRequired: z.array(z.string()),
    signature: z.enum(['optional', 'required']).nullable(),
    returnTo: z.array(z.string()).nullable(),
    mode: z.enum(['any', 'all', 'sequential', 'vote']),
  }),
}).openapi('TaskDetail');

/** One append-only history entry of an instance. */
export const HistorySchema = z
  .object({
    seq: z.number().int(),
    at: z.string(),
    actor: z.object({ id: z.string(), username: z.string() }),
    action: z.string(),
    event: z.string().optional(),
    from: z.unknown(),
    to: z.unknown(),
    taskId: z.string().optional(),
    outcome: z.string().optional(),
    comment: z.string().optional(),
    diff: z.array(z.object({ path: z.string(), from: z.unknown().optional(), to: z.unknown().optional() })),
    details: z.record(z.string(), z.unknown()).optional().openapi({
      description: 'What a task action was about: to, users, position, signature, mentions, autoPassed',
    }),
  })
  .openapi('HistoryEntry');

/** An instance: state, status, context, tasks and history. */
export const InstanceViewSchema = z
  .object({
    id: z.string(),
    workflowKey: z.string(),
    workflowVersion: z.number().int(),
    businessKey: z.string().nullable(),
    storeId: z.string().nullable(),
    status: z.enum(['active', 'done', 'cancelled', 'error']),
    state: StateValueSchema,
    context: JsonObjectSchema,
    revision: z.number().int(),
    startedBy: z.string().nullable(),
    startedAt: z.string(),
    updatedAt: z.string(),
    endedAt: z.string().nullable(),
    tasks: z.array(TaskViewSchema),
    history: z.array(HistorySchema),
  })
  .openapi('Instance');

const PersonSchema = z.object({ id: z.string(), name: z.string() });

/**
 * `GET /api/instances/:id`: the instance view plus what a generic instance page shows — the flow's
 * name, the starter's name, who acts next by name, a timeline with names and comments, and the files
 * the instance references. Context, history and attachments are redacted as the viewer may see them.
 */
export const InstanceDetailSchema = InstanceViewSchema.extend({
  workflowName: z.string(),
  startedByName: z.string().nullable(),
  nextSteps: z.array(
    z.object({
      taskId: z.string(),
      name: z.string(),
      state: z.string(),
      dueAt: z.string().nullable(),
      assignee: PersonSchema.nullable(),
      candidateRoles: z.array(z.object({ code: z.string(), label: z.string() })),
      people: z.array(PersonSchema),
    }),
  ),
  timeline: z.array(
    z.object({
      seq: z.number().int(),
      at: z.string(),
      actorId: z.string(),
      actorName: z.string(),
      action: z.string(),
      event: z.string().optional(),
      taskId: z.string().optional(),
      taskName: z.string().optional(),
      outcome: z.string().optional(),
      comment: z.string().optional(),
    }),
  ),
  attachments: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      mime: z.string(),
      size: z.number().int(),
      path: z.string(),
      taskId: z.string().nullable(),
      uploadedBy: z.string(),
      uploadedByName: z.string().nullable(),
      createdAt: z.string(),
    }),
  ),
}).openapi('InstanceDetail');

/** `POST /api/instances` body. */
export const StartInstanceSchema = z
  .object({
    workflowKey: z.string().min(1).max(64).openapi({ example: 'order-approval' }),
    input: JsonObjectSchema.default({}),
    businessKey: z.string().min(1).max(200).nullable().optional(),
    storeId: z.string().min(1).max(32).nullable().optional(),
    /** Language of the start form's error messages. */
    locale: z.enum(['zh-CN', 'en']).optional(),
  })
  .openapi('StartInstance');

/** `POST /api/instances/:id/events` body. */
export const SendEventSchema = z
  .object({
    type: z
      .string()
      .regex(/^[A-Za-z][\w.-]{0,99}$/)
      .openapi({ example: 'RESUBMIT' }),
    data: JsonObjectSchema.optional(),
  })
  .openapi('SendEvent');

/** `POST /api/instances/:id/cancel` body (optional). */
export const CancelInstanceSchema = z
  .object({ reason: z.string().max(2000).optional() })
  .openapi('CancelInstance');

/** A signature: an uploaded file's id, or an image as a data URL (at most ~200 kB). */
export const SignatureSchema = z
  .string()
  .max(280_000)
  .regex(
    /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|data:image\/(?:png|jpeg|svg\+xml);base64,[A-Za-z0-9+/=]+)$/i,
    'a file id or an image data URL (png, jpeg, svg)',
  )
  .openapi({ description: 'A file id or a data:image/png;base64,… URL' });

/** `POST /api/tasks/:id/complete` body. */
export const CompleteTaskSchema = z
  .object({
    outcome: z.string().min(1).max(64).openapi({ example: 'approve' }),
    data: JsonObjectSchema.optional(),
    comment: z.string().max(4000).optional(),
    /** A file id or an image data URL; see `SignatureSchema`. */
    signature: SignatureSchema.optional(),
    locale: z.enum(['zh-CN', 'en']).optional(),
  })
  .openapi('CompleteTask');

/** `GET /api/tasks` query: scope, status, filters and paging. */
export const TaskQuerySchema = PageQuerySchema.extend({
  scope: z.enum(['mine', 'candidate', 'all']).default('mine'),
  status: z.enum(['open', 'completed', 'cancelled', 'any']).default('open'),
  workflowKey: z.string().max(64).optional(),
  instanceId: z.uuid().optional(),
  q: z.string().max(200).optional(),
  overdue: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => v === 'true')
    .openapi({ description: 'Only open tasks past their due time' }),
});

/** One page of tasks: `{ items, total }`. */
export const TaskPageSchema = z
  .object({ items: z.array(TaskViewSchema), total: z.number().int() })
  .openapi('TaskPage');

/** An open task in an instance summary. */
export const OpenTaskSummarySchema = z
  .object({
    id: z.string(),
    name: z.string(),
    state: z.string(),
    assignee: z.string().nullable(),
    assigneeName: z.string().nullable(),
    candidateRoles: z.array(z.string()),
    dueAt: z.string().nullable(),
  })
  .openapi('OpenTaskSummary');

/** The business record an instance is about, named by the application that started it. */
export const RecordLinkSchema = z
  .object({ type: z.string().openapi({ example: 'order' }), id: z.string() })
  .openapi('RecordLink');

/** An instance as lists show it (我发起的): no context, no history. */
export const InstanceSummarySchema = z
  .object({
    id: z.string(),
    workflowKey: z.string(),
    workflowName: z.string(),
    workflowVersion: z.number().int(),
    businessKey: z.string().nullable(),
    storeId: z.string().nullable(),
    status: z.enum(['active', 'done', 'cancelled', 'error']),
    state: StateValueSchema,
    currentStates: z.array(z.string()),
    record: RecordLinkSchema.nullable(),
    linkTaskId: z.string().nullable(),
    startedBy: z.string().nullable(),
    startedAt: z.string(),
    updatedAt: z.string(),
    endedAt: z.string().nullable(),
    openTasks: z.array(OpenTaskSummarySchema),
  })
  .openapi('InstanceSummary');

/** `GET /api/instances` query: whose (`me` or a user id; non-admins only `me`), status, filters, paging. */
export const InstanceQuerySchema = PageQuerySchema.extend({
  startedBy: z
    .union([z.literal('me'), z.uuid()])
    .optional()
    .openapi({ example: 'me' }),
  status: z.enum(['active', 'done', 'cancelled', 'error', 'any']).default('any'),
  workflowKey: z.string().max(64).optional(),
  q: z.string().max(200).optional(),
});

/** One page of instance summaries. */
export const InstancePageSchema = z
  .object({ items: z.array(InstanceSummarySchema), total: z.number().int() })
  .openapi('InstancePage');

/** A CC (抄送) as its recipient sees it. */
export const CcViewSchema = z
  .object({
    id: z.string(),
    instanceId: z.string(),
    workflowKey: z.string(),
    workflowName: z.string(),
    businessKey: z.string().nullable(),
    instanceStatus: z.enum(['active', 'done', 'cancelled', 'error']),
    currentStates: z.array(z.string()),
    record: RecordLinkSchema.nullable(),
    taskId: z.string().nullable(),
    taskName: z.string().nullable(),
    state: z.string().nullable(),
    linkTaskId: z.string().nullable(),
    ccBy: z.string(),
    ccByName: z.string().nullable(),
    comment: z.string().nullable(),
    createdAt: z.string(),
    readAt: z.string().nullable(),
  })
  .openapi('Cc');

/** `GET /api/cc` query. */
export const CcQuerySchema = PageQuerySchema.extend({
  status: z.enum(['unread', 'read', 'all']).default('all'),
  workflowKey: z.string().max(64).optional(),
  q: z.string().max(200).optional(),
});

/** One page of CCs with the unread count. */
export const CcPageSchema = z
  .object({ items: z.array(CcViewSchema), total: z.number().int(), unread: z.number().int() })
  .openapi('CcPage');

/** `POST /api/tasks/:id/cc` body. */
export const CcTaskSchema = z
  .object({
    users: z.array(z.uuid()).min(1).max(50),
    comment: z.string().max(2000).optional(),
  })
  .openapi('CcTask');

/** What `POST /api/tasks/:id/cc` answers: the people CC'd. */
export const CcTaskResultSchema = z
  .object({
    users: z.array(z.object({ id: z.string(), username: z.string(), displayName: z.string() })),
  })
  .openapi('CcTaskResult');

const Comment = z.string().max(4000);

/** `POST /api/tasks/:id/transfer` and `/delegate` body. */
export const HandOverSchema = z
  .object({ to: z.uuid().openapi({ description: 'User id' }), comment: Comment.optional() })
  .openapi('HandOver');

/** `POST /api/tasks/:id/return` body. */
export const ReturnTaskSchema = z
  .object({
    to: z
      .string()
      .min(1)
      .max(200)
      .optional()
      .openapi({ description: "'previous' (default), 'submitter', or a state id / key of an earlier step" }),
    comment: Comment.refine((s) => s.trim().length > 0, 'a reason is required'),
  })
  .openapi('ReturnTask');

/** `POST /api/tasks/:id/add-approver` body. */
export const AddApproverSchema = z
  .object({
    users: z.array(z.uuid()).min(1).max(20),
    position: z.enum(['before', 'after', 'parallel']),
    comment: Comment.optional(),
  })
  .openapi('AddApprover');

/** `POST /api/tasks/:id/remind` and `POST /api/instances/:id/withdraw` body. */
export const RemindSchema = z.object({ comment: Comment.optional() }).openapi('ActionComment');

/** `POST /api/tasks/:id/comment` body. */
export const CommentTaskSchema = z
  .object({
    comment: Comment.refine((s) => s.trim().length > 0, 'required'),
    mentions: z.array(z.uuid()).max(50).optional().openapi({ description: 'User ids to notify' }),
  })
  .openapi('CommentTask');

/** `POST /api/tasks/batch-complete` body. */
export const BatchCompleteSchema = z
  .object({
    items: z
      .array(
        z.object({
          taskId: z.string().min(1).max(64),
          outcome: z.string().min(1).max(64),
          comment: Comment.optional(),
        }),
      )
      .min(1)
      .max(100),
  })
  .openapi('BatchComplete');

/** What `POST /api/tasks/batch-complete` answers: one result per item, in order. */
export const BatchResultSchema = z
  .object({
    items: z.array(
      z.object({
        taskId: z.string(),
        ok: z.boolean(),
        instanceId: z.string().optional(),
        status: z.literal('completed').optional(),
        error: z
          .object({
            code: z.string(),
            message: z.string(),
            details: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
          })
          .optional(),
      }),
    ),
  })
  .openapi('BatchResult');
