/**
 * What the persistence layer offers the API: views returned by `WorkflowService` and the shape of
 * its methods. The API codes against this; `service.ts` implements it.
 */
import type { FormDefinition, FormVersion, JSONSchema, UISchema } from '../../forms/types.ts';
import type {
  FieldPermission,
  HistoryEntry,
  InstanceStatus,
  Json,
  JsonObject,
  Problem,
  TaskStatus,
  WorkflowDefinition,
} from '../types.ts';

export interface Page<T> {
  items: T[];
  total: number;
}
export interface PageQuery {
  page?: number;
  pageSize?: number;
}

export interface DefinitionSummary {
  key: string;
  name: string;
  description?: string;
  latestVersion: number | null;
  hasDraft: boolean;
  updatedAt: string;
}
export interface DefinitionView extends DefinitionSummary {
  /** The draft if there is one, else the latest published definition. */
  draft: WorkflowDefinition | null;
  published: WorkflowDefinition | null;
  problems: Problem[];
}
export interface VersionView {
  version: number;
  publishedAt: string;
  publishedBy: string | null;
  definition: WorkflowDefinition;
}

export interface FormSummary {
  key: string;
  title: string;
  description?: string;
  latestVersion: number | null;
  hasDraft: boolean;
  updatedAt: string;
}
export interface FormView extends FormSummary {
  draft: FormDefinition | null;
  published: FormVersion | null;
}

export interface TaskView {
  id: string;
  instanceId: string;
  workflowKey: string;
  /** The workflow's name, in task lists (the inbox). */
  workflowName?: string;
  businessKey: string | null;
  name: string;
  state: string;
  status: TaskStatus;
  outcomes: string[];
  assignee: string | null;
  owner: string | null;
  candidateUsers: string[];
  candidateRoles: string[];
  storeId: string | null;
  formKey: string | null;
  formVersion: number | null;
  dueAt: string | null;
  createdAt: string;
  completedAt: string | null;
  completedBy: string | null;
  outcome: string | null;
  comment: string | null;
}
export interface TaskDetail extends TaskView {
  fields: Record<string, FieldPermission>;
  /** The form projected for this step: hidden fields absent from schema and data. */
  form: {
    key: string;
    version: number;
    title: string;
    schema: JSONSchema;
    uiSchema: UISchema;
    data: JsonObject;
  } | null;
  instance: { id: string; workflowKey: string; workflowVersion: number; state: Json; status: InstanceStatus };
  /** What the task page needs for its action buttons (workflows/README.md task actions). */
  actions: TaskActionInfo;
}

/** A task's action state and the step's rules for actions. */
export interface TaskActionInfo {
  /** 委托: pending while the delegate works on it, resolved once back with the owner to confirm. */
  delegation: 'pending' | 'resolved' | null;
  /** What the delegate proposed. */
  proposal: { by: string; outcome: string; comment?: string; at: string } | null;
  /** When the approvers were last reminded (催办 again from an hour later). */
  remindedAt: string | null;
  /** Outcomes and actions that need a comment (`meta.task.commentRequired`). */
  commentRequired: string[];
  signature: 'optional' | 'required' | null;
  /** `meta.task.returnTo` (null: the submitter or any earlier step). */
  returnTo: string[] | null;
  mode: 'any' | 'all' | 'sequential' | 'vote';
}

export interface HistoryView extends HistoryEntry {
  seq: number;
}
export interface InstanceView {
  id: string;
  workflowKey: string;
  workflowVersion: number;
  businessKey: string | null;
  storeId: string | null;
  status: InstanceStatus;
  state: Json;
  context: JsonObject;
  revision: number;
  startedBy: string | null;
  startedAt: string;
  updatedAt: string;
  endedAt: string | null;
  tasks: TaskView[];
  history: HistoryView[];
}

export type TaskScope = 'mine' | 'candidate' | 'all';
export interface TaskQuery extends PageQuery {
  scope?: TaskScope;
  status?: TaskStatus | 'any';
  workflowKey?: string;
  instanceId?: string;
  q?: string;
  /** Only open tasks past their due time. */
  overdue?: boolean;
}

/**
 * The business record an instance is about (an order, a leave request): the application names it when it
 * starts the instance and links its lists to it; the engine only stores and returns it.
 */
export interface RecordLink {
  type: string;
  id: string;
}

export interface StartInput {
  workflowKey: string;
  input?: JsonObject;
  businessKey?: string | null;
  /** The business record it is about; a `workflow.start` child inherits its parent's. */
  record?: RecordLink | null;
  /** Defaults to the actor's store. */
  storeId?: string | null;
}
export interface CompleteInput {
  outcome: string;
  data?: JsonObject;
  comment?: string;
  /** A handwritten signature: a file id or an image data URL (`meta.task.signature`). */
  signature?: string;
  /** Form error messages' language. */
  locale?: 'zh-CN' | 'en';
}

/** An open task as an instance summary shows it. */
export interface OpenTaskSummary {
  id: string;
  name: string;
  state: string;
  assignee: string | null;
  assigneeName: string | null;
  candidateRoles: string[];
  dueAt: string | null;
}
/** An instance in a list (我发起的): no context, no history. */
export interface InstanceSummary {
  id: string;
  workflowKey: string;
  workflowName: string;
  workflowVersion: number;
  businessKey: string | null;
  storeId: string | null;
  status: InstanceStatus;
  state: Json;
  /** Active leaf states (`a.b` for nested ones); empty once the instance ended. */
  currentStates: string[];
  /** The business record it is about (the application's link, set at start), e.g. `{ type: 'order', id }`. */
  record: RecordLink | null;
  /** Its open task, else its latest: the task page to open for details. */
  linkTaskId: string | null;
  startedBy: string | null;
  startedAt: string;
  updatedAt: string;
  endedAt: string | null;
  openTasks: OpenTaskSummary[];
}
export interface InstanceQuery extends PageQuery {
  /** `me` or a user id; non-admins may list only their own (the default for them). */
  startedBy?: string;
  status?: InstanceStatus | 'any';
  workflowKey?: string;
  /** Matches the business key or the workflow's name. */
  q?: string;
}

/** One CC (抄送) as its recipient sees it. */
export interface CcView {
  id: string;
  instanceId: string;
  workflowKey: string;
  workflowName: string;
  businessKey: string | null;
  instanceStatus: InstanceStatus;
  currentStates: string[];
  /** The business record the instance is about. */
  record: RecordLink | null;
  /** The task it was CC'd from (`POST /api/tasks/:id/cc`), or null for a CC node. */
  taskId: string | null;
  taskName: string | null;
  /** The state it came from (the CC node's, or the task's). */
  state: string | null;
  /** A task of the instance to open for details: `taskId`, else its open (or latest) task. */
  linkTaskId: string | null;
  ccBy: string;
  ccByName: string | null;
  comment: string | null;
  createdAt: string;
  readAt: string | null;
}
export interface CcQuery extends PageQuery {
  status?: 'unread' | 'read' | 'all';
  workflowKey?: string;
  q?: string;
}
/** `POST /api/tasks/:id/cc` body. */
export interface CcInput {
  /** User ids. */
  users: string[];
  comment?: string;
}
