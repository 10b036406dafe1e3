/**
 * Names for the API's shapes the designer passes around, all taken from the generated contract
 * (`schema.d.ts`), so none is written twice: a field renamed on the server is renamed here too.
 */
import type { components } from './schema.d.ts';

/** A named schema of the API document (`#/components/schemas/<N>`). */
export type ApiSchema<N extends keyof components['schemas']> = components['schemas'][N];

/** Every paginated list: `{ items, total }`. */
export interface Page<T> {
  items: T[];
  total: number;
}

/** The logged-in user (`POST /api/auth/login` → `user`, `GET /api/auth/me`). */
export type SessionUser = ApiSchema<'User'>;
export type TaskView = ApiSchema<'Task'>;
export type TaskDetail = ApiSchema<'TaskDetail'>;
/** The form of a task, projected for its step: hidden fields are absent from schema and data. */
export type ProjectedForm = NonNullable<TaskDetail['form']>;
/**
 * 委托 state (`resolved`: back with its owner, with the delegate's `proposal`), when 催办 last
 * happened, and the step's `commentRequired`, `signature` and `returnTo`.
 */
export type TaskActionInfo = TaskDetail['actions'];
export type HistoryView = ApiSchema<'HistoryEntry'>;
export type InstanceView = ApiSchema<'Instance'>;
/** `GET /api/instances/:id` as the generic instance page reads it. */
export type InstanceDetail = ApiSchema<'InstanceDetail'>;
export type InstanceTaskView = InstanceDetail['tasks'][number];
export type InstanceAttachment = InstanceDetail['attachments'][number];
/** An open step of an instance and who acts on it. */
export type NextStep = InstanceDetail['nextSteps'][number];
export type DefinitionSummary = ApiSchema<'DefinitionSummary'>;
export type FormSummary = ApiSchema<'FormSummary'>;
export type OpenTaskSummary = ApiSchema<'OpenTaskSummary'>;
/** `GET /api/instances` (我发起的): an instance without context or history. */
export type InstanceSummary = ApiSchema<'InstanceSummary'>;
/** The business record an instance belongs to (`{ type: 'order', id }`), as the lists give it. */
export type RecordLink = NonNullable<InstanceSummary['record']>;
/** `GET /api/cc` (抄送我的): a page with the unread count. */
export type CcPage = ApiSchema<'CcPage'>;
export type CcView = CcPage['items'][number];
/** `GET /api/workflows?startable=me`: a published flow the user may start. */
export type StartableWorkflow = ApiSchema<'StartableWorkflow'>;
/** The published start form of a flow. */
export type StartFormView = NonNullable<StartableWorkflow['startForm']>;
