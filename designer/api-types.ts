/**
 * The JSON shapes the designer reads from the API (docs/architecture.md "The HTTP contract"). They mirror the server's views
 * (engine/store/types.ts) because the designer may not import engine/store/; the pure engine and
 * forms types they are built from are shared, so a renamed core field still breaks the build.
 */

import type { z } from 'zod';
import type { TaskDetailSchema } from '../api/schemas/instances.ts';
import type {
  FieldPermission,
  HistoryEntry,
  InstanceStatus,
  Json,
  JsonObject,
  TaskStatus,
} from '../engine/types.ts';
import type { JSONSchema, UISchema } from '../forms/types.ts';

/** Every paginated list: `{ items, total }`. */
export interface Page<T> {
  items: T[];
  total: number;
}

/** The logged-in user (`POST /api/auth/login` → `user`, `GET /api/auth/me`). */
export interface SessionUser {
  id: string;
  username: string;
  displayName: string;
  roles: string[];
  storeId: string | null;
  team?: string | null;
}

export interface TaskView {
  id: string;
  instanceId: string;
  workflowKey: string;
  /** The workflow's name, in task lists. */
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

/** The form of a task, projected for its step: hidden fields are absent from schema and data. */
export interface ProjectedForm {
  key: string;
  version: number;
  title: string;
  schema: JSONSchema;
  uiSchema: UISchema;
  data: JsonObject;
}

export interface TaskDetail extends TaskView {
  fields: Record<string, FieldPermission>;
  form: ProjectedForm | null;
  instance: { id: string; workflowKey: string; workflowVersion: number; state: Json; status: InstanceStatus };
  /** The step's action rules and the task's 委托 state, where `GET /api/tasks/:id` puts them. */
  actions: TaskActionInfo;
}

/**
 * `TaskDetail.actions`, typed from the route schema: 委托 state (`resolved`: back with its owner,
 * with the delegate's `proposal`), when 催办 last happened, and the step's `commentRequired`,
 * `signature` (null: the step does not ask) and `returnTo` (null: the submitter or the flow's own).
 */
export type TaskActionInfo = z.infer<typeof TaskDetailSchema>['actions'];

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

export interface DefinitionSummary {
  key: string;
  name: string;
  description?: string;
  latestVersion: number | null;
  hasDraft: boolean;
  updatedAt: string;
}

export interface FormSummary {
  key: string;
  title: string;
  description?: string;
  latestVersion: number | null;
  hasDraft: boolean;
  updatedAt: string;
}

/** A row of records the designer shows without a dedicated type (orders, customers, vehicles...). */
export type Row = Record<string, unknown>;

/** An open task in an instance summary. */
export interface OpenTaskSummary {
  id: string;
  name: string;
  state: string;
  assignee: string | null;
  assigneeName: string | null;
  candidateRoles: string[];
  dueAt: string | null;
}

/** `GET /api/instances` (我发起的): an instance without context or history. */
/** The business record an instance is about, named by the application that started it. */
export interface RecordLink {
  type: string;
  id: string;
}

export interface InstanceSummary {
  id: string;
  workflowKey: string;
  workflowName: string;
  workflowVersion: number;
  businessKey: string | null;
  storeId: string | null;
  status: InstanceStatus;
  state: Json;
  currentStates: string[];
  /** The business record it is about (`{ type: 'order', id }` links to `/orders/:id`). */
  record: RecordLink | null;
  /** Its open (else latest) task, for a link to `/tasks/:id`. */
  linkTaskId: string | null;
  startedBy: string | null;
  startedAt: string;
  updatedAt: string;
  endedAt: string | null;
  openTasks: OpenTaskSummary[];
}

/** `GET /api/cc` (抄送我的): one CC as its recipient sees it. */
export interface CcView {
  id: string;
  instanceId: string;
  workflowKey: string;
  workflowName: string;
  businessKey: string | null;
  instanceStatus: InstanceStatus;
  currentStates: string[];
  record: RecordLink | null;
  taskId: string | null;
  taskName: string | null;
  state: string | null;
  linkTaskId: string | null;
  ccBy: string;
  ccByName: string | null;
  comment: string | null;
  createdAt: string;
  readAt: string | null;
}

/** `GET /api/cc`: a page with the unread count. */
export interface CcPage extends Page<CcView> {
  unread: number;
}

// ---------------------------------------------------------------------------------------------
// 发起申请, the generic instance page and the designer lists' create / archive (issue 9)
// ---------------------------------------------------------------------------------------------

/** The published start form of a flow, as `GET /api/workflows?startable=me` sends it. */
export interface StartFormView {
  key: string;
  version: number;
  title: string;
  schema: JSONSchema;
  uiSchema: UISchema;
}

/** `GET /api/workflows?startable=me`: a published flow the user may start. */
export interface StartableWorkflow {
  key: string;
  name: string;
  description?: string;
  category?: string;
  icon?: string;
  version: number;
  startForm: StartFormView | null;
}

/** What the lists of flows and forms add for create / archive (fields optional for older servers). */
export interface DefinitionListFields {
  category?: string | null;
  icon?: string | null;
  archived?: boolean;
  /** The display name of whoever last changed it. */
  updatedByName?: string | null;
}

/** A task of the instance page: the server adds who acts next by name. */
export interface InstanceTaskView extends TaskView {
  assigneeName?: string | null;
  /** Display names of the people who may act (candidates of an unclaimed task). */
  candidateNames?: string[];
}

/** An attachment of an instance: a file some form field of it holds. */
export interface InstanceAttachment {
  id: string;
  name: string;
  mime?: string;
  size?: number;
  url?: string;
  /** Where in the data it is referenced. */
  path?: string;
  uploadedByName?: string | null;
}

/** A person by id and display name. */
export interface PersonRef {
  id: string;
  name: string;
}

/** An open step of an instance and who acts on it (`GET /api/instances/:id` → `nextSteps`). */
export interface NextStep {
  taskId: string;
  name: string;
  state: string;
  dueAt: string | null;
  assignee: PersonRef | null;
  candidateRoles: { code: string; label: string }[];
  /** The people who may act (candidates of an unclaimed task). */
  people: PersonRef[];
}

/** `GET /api/instances/:id` as the generic instance page reads it. */
export interface InstanceDetail extends Omit<InstanceView, 'tasks'> {
  workflowName?: string;
  startedByName?: string | null;
  tasks: InstanceTaskView[];
  startForm?: StartFormView | null;
  attachments?: InstanceAttachment[];
  nextSteps?: NextStep[];
}
