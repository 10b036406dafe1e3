/**
 * The engine's public data model: workflow definitions (XState v5 machine configs as JSON), the
 * persisted state of an instance, and the pure `start` / `step` contract (docs/flows.md).
 *
 * Everything here is plain JSON-serialisable data. The engine never reads the clock, the
 * environment or a database: `now`, id generation and the user directory are injected.
 */

/** A JSON value as stored in definitions, contexts and form data. */
export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

// ---------------------------------------------------------------------------------------------
// Definitions
// ---------------------------------------------------------------------------------------------

/** A guard or action referenced by name with parameters, the XState v5 way. */
export interface NamedRef {
  type: string;
  params?: JsonObject;
}

/**
 * Guards: `{ "type": "expr", "params": { "expr": "order.discountRate > 0.05" } }` (CEL).
 * Actions:
 * - `{ "type": "assign", "params": { "values": { "order.status": "'approved'" } } }` — each value a
 *   CEL expression evaluated against the context, `event` and `actor`; keys are dotted context paths.
 * - `{ "type": "effect", "params": { "name": "order.setStatus", "args": { "status": "approved" },
 *    "argExprs": { "orderId": "orderId" } } }` — a named side effect; `args` are literal JSON,
 *   `argExprs` CEL expressions evaluated when the action runs. The engine only returns effects.
 */
export type GuardRef = NamedRef;
export type ActionRef = NamedRef;

export interface TransitionConfig {
  target?: string | string[];
  guard?: GuardRef;
  actions?: ActionRef | ActionRef[];
  reenter?: boolean;
  description?: string;
  meta?: JsonObject;
}
export type TransitionsConfig = string | TransitionConfig | TransitionConfig[];

/** Who must act on a human task. Roles resolve within the instance's store; holders without a store count everywhere. */
export interface AssigneeSpec {
  roles?: string[];
  users?: string[];
  /** CEL expression yielding a username or a list of usernames, e.g. `order.consultant`. */
  expr?: string;
  /**
   * The submitter's managers: holders of `managerRole` in the submitter's store (`store`) or in the
   * submitter's store and team (`team`). The submitter is the instance's starter.
   */
  manager?: 'store' | 'team';
  /** Role code the `manager` people hold, e.g. `sales_manager`. */
  managerRole?: string;
  /** Dotted context path holding a user id (or a list of user ids) picked in a form, e.g. `reviewer.id`. */
  field?: string;
}

/** 或签 any / 会签 all / 依次 sequential / 票签 vote (a share or count of approvals decides). */
export type TaskMode = 'any' | 'all' | 'sequential' | 'vote';

/** How many approvals a `vote` step needs: a share of its voters (`0.67`: 2 of 3) or a count. */
export interface VoteSpec {
  /** Share of the voters, 0 < ratio <= 1; reached when approvals / voters, rounded to 2 decimals, is at least it. */
  ratio?: number;
  /** Number of approvals, at least 1 (capped at the number of voters). */
  count?: number;
}

/** Where a task may be returned to (退回): `previous`, `submitter`, or state ids / keys of earlier steps. */
export type ReturnTarget = 'previous' | 'submitter' | (string & {});
export type FieldPermission = 'editable' | 'readonly' | 'hidden' | 'required';

/** `meta.task` of a state: the state waits for people. */
export interface TaskSpec {
  name: string;
  /** Form key; the latest published version is pinned when the task opens. */
  form?: string;
  assignee: AssigneeSpec;
  /** 或签 any (default) / 会签 all / 依次 sequential / 票签 vote. */
  mode?: TaskMode;
  /** Outcomes offered; completing with `approve` sends the event `APPROVE`. Default `["complete"]`. */
  outcomes?: string[];
  /** Per-field permissions for this step; fields not listed are editable. */
  fields?: Record<string, FieldPermission>;
  /** ISO-8601 duration after which the task is overdue, e.g. `PT4H` (natural time; see `deadline`). */
  sla?: string;
  /** A deadline that acts: reminders and a timeout action, in natural or working time. Wins over `sla`. */
  deadline?: TaskDeadline;
  /** Context path the accepted form data is merged into; default: the top level of the context. */
  bind?: string;
  description?: string;
  /** `mode: 'vote'`: how many approvals decide (default: more than half). */
  vote?: VoteSpec;
  /** Outcomes (and task actions: `return`, `transfer`, ...) that need a comment, e.g. `["reject", "return"]`. */
  commentRequired?: string[];
  /** A handwritten signature (a file id or an image data URL) on completion; default none. */
  signature?: 'optional' | 'required';
  /** Where `POST /api/tasks/:id/return` may send the flow; absent: the submitter or any earlier step. */
  returnTo?: ReturnTarget[];
  /** After a return, the resubmission goes through the steps again (default) or straight back here. */
  resubmit?: 'through' | 'toReturner';
  /** Nobody resolves as approver: pass the step with a note, or give it to the store's `admin`s. */
  whenEmpty?: 'autoPass' | 'admin';
  /** Someone who approved the step just before passes this one automatically (with a note). */
  dedupe?: boolean;
  /** The submitter never approves their own request here (passed automatically when it is only them). */
  skipSubmitter?: boolean;
}

/**
 * `meta.task.deadline`, as the designer's deadline picker writes it. The due time is `field` (a context
 * path holding a date or date-time) when it holds one, else `duration` after the task opens, counted in
 * the store's working time when `calendar` is `working`. Reminders go `before` / `at` / `after` it; then
 * `onTimeout` acts as the system: approve, return or escalate to `role`.
 */
export interface TaskDeadline {
  /** ISO-8601 duration, e.g. `PT8H` or `P2D` (two working days in working time). */
  duration?: string;
  /** Context path (dotted) of a date (`2026-12-01`, due at that day's end of work) or date-time. */
  field?: string;
  /** Default `natural`. */
  calendar?: 'natural' | 'working';
  remind?: { before?: string[]; at?: boolean; after?: string[] };
  onTimeout?: { action: 'none' | 'approve' | 'return' | 'escalate'; role?: string };
}

/**
 * A business calendar (per store): working hours each working day, weekends, public holidays and
 * make-up working days (调休) on weekends. Times are the store's wall clock.
 */
export interface BusinessCalendar {
  /** The store's wall clock as minutes east of UTC (China: 480). A fixed offset: no daylight saving. */
  utcOffsetMinutes: number;
  /** Working periods of a working day, `HH:mm`, ascending and not overlapping. */
  workingHours: { start: string; end: string }[];
  /** Days of the week off (0 Sunday … 6 Saturday). */
  weekend: number[];
  /** Dates off (`YYYY-MM-DD`), e.g. 国庆. */
  holidays: string[];
  /** Weekend dates worked (`YYYY-MM-DD`), e.g. 调休上班. */
  workdays: string[];
}

export interface StateMeta extends JsonObjectLike {
  task?: TaskSpec;
  /** Designer hints (labels, positions); ignored by the engine. */
  label?: string;
}
// biome-ignore lint/suspicious/noExplicitAny: meta may carry arbitrary designer data
type JsonObjectLike = { [key: string]: any };

export interface StateConfig {
  /** Custom state node id, targetable as `#id` (XState). Default: `machineId.path.to.state`. */
  id?: string;
  type?: 'atomic' | 'compound' | 'parallel' | 'final' | 'history';
  initial?: string;
  states?: Record<string, StateConfig>;
  on?: Record<string, TransitionsConfig>;
  /** Keys are ISO-8601 durations (`PT4H`, `P3D`); they become durable timers. */
  after?: Record<string, TransitionsConfig>;
  always?: TransitionsConfig;
  /** Taken when a compound state reaches a final child or every region of a parallel state is final. */
  onDone?: TransitionsConfig;
  entry?: ActionRef | ActionRef[];
  exit?: ActionRef | ActionRef[];
  meta?: StateMeta;
  description?: string;
  history?: 'shallow' | 'deep';
  target?: string;
  output?: Json;
}

export interface MachineConfig extends StateConfig {
  id: string;
  context?: JsonObject;
}

/**
 * Who may start a flow by hand. Every list that is present must admit the actor (roles AND stores);
 * `users` admits the named people whatever their role. Absent or empty: any logged-in user.
 */
export interface StarterSpec {
  /** Role codes. */
  roles?: string[];
  /** Store ids whose people may start it; absent: any store. */
  stores?: string[];
  /** Usernames admitted whatever their role or store. */
  users?: string[];
  /** Only the application starts it (a domain endpoint or a chained flow): no one by hand, 403. */
  applicationOnly?: boolean;
}

/** Who may send an external event to a running instance (`POST /api/instances/:id/events`). */
export interface EventSenders {
  roles?: string[];
  users?: string[];
  /** The person who started the instance. */
  starter?: boolean;
  /** Only the application sends it (domain endpoints, effects, timers): nobody over `/events`. */
  applicationOnly?: boolean;
}

/** One event a flow accepts from outside; undeclared events are refused over `/events`. */
export interface EventRule {
  from: EventSenders;
  /** JSON Schema (draft-07) of the event's `data`; absent: no data allowed beyond `{}`. */
  schema?: JsonObject;
  /** Label shown to people (zh-CN), e.g. `撤回`. */
  label?: string;
}

/** A workflow definition document: what the designer edits and the server stores and versions. */
export interface WorkflowDefinition {
  key: string;
  name: string;
  description?: string;
  /** Grouping on the 发起申请 page, e.g. `销售` / `行政` / `售后`. */
  category?: string;
  /** An icon name from the designer's icon set (antd icon name). */
  icon?: string;
  /** @deprecated use `starters.roles`; still honoured when `starters` is absent. */
  starterRoles?: string[];
  /** Who may start it by hand; absent: any logged-in user. */
  starters?: StarterSpec;
  /** Form key whose published version is filled to start the flow; its data becomes the input. */
  startForm?: string;
  /** External events the flow accepts over `/events`, by event type. */
  events?: Record<string, EventRule>;
  /**
   * Texts in other languages, by the text as written (forms/i18n.ts): the flow's name, its states'
   * labels, task names and transition descriptions. `{ "en": { "销售经理审批": "Sales manager review" } }`.
   */
  i18n?: import('../forms/types.ts').Translations;
  machine: MachineConfig;
}

// ---------------------------------------------------------------------------------------------
// Validation
// ---------------------------------------------------------------------------------------------

/** One problem found in a definition or form: a JSON path (`machine.states.review.on.APPROVE[0].target`) and a message. */
export interface Problem {
  path: string;
  message: string;
  /** The state node path the problem belongs to (dotted, without `machine.states`), for the designer to mark. */
  state?: string;
  code?: string;
}

/** What the validator must know about the world outside the definition. */
export interface ValidateOptions {
  /** Known form keys with their field names (top-level properties); absent: forms are not checked. */
  forms?: Record<string, { fields: string[] }>;
  /** Effect names the server can run (the effect catalogue); absent: effect names are not checked. */
  effects?: string[];
  /** Role codes that exist; absent: roles are not checked. */
  roles?: string[];
  /** Store ids that exist (for `starters.stores`); absent: stores are not checked. */
  stores?: string[];
}

// ---------------------------------------------------------------------------------------------
// Runtime
// ---------------------------------------------------------------------------------------------

/** Who acts. The system (timers, chained starts) acts as `{ id: 'system', username: 'system', roles: [] }`. */
export interface Actor {
  id: string;
  username: string;
  roles: string[];
  storeId: string | null;
  displayName?: string;
}

/** A user as the engine's directory knows them, for role → user resolution (会签 / 依次 over a role). */
export interface DirectoryUser {
  id: string;
  username: string;
  roles: string[];
  storeId: string | null;
  /** The team within the store (`一组`), for `assignee.manager: 'team'`. */
  team?: string | null;
}

/** Resolves people; synchronous so the engine stays pure (the service preloads it). */
export interface Directory {
  usersInRole(role: string, storeId: string | null): DirectoryUser[];
  userByUsername(username: string): DirectoryUser | undefined;
  /** An active user by id (transfer targets, form-picked approvers, the submitter). */
  userById?(id: string): DirectoryUser | undefined;
}

/** A form version the engine validates task data against (see forms/). */
export interface FormRef {
  key: string;
  version: number;
}

export interface StepOptions {
  actor: Actor;
  now: Date;
  /** Fresh unique ids for tasks, steps and timers. */
  newId: () => string;
  directory: Directory;
  /** The store the instance belongs to (role assignees resolve within it). */
  storeId: string | null;
  /** Latest published version of a form by key, for pinning and validating task data. */
  forms?: (key: string) => import('../forms/types.ts').FormVersion | undefined;
  /** The store's business calendar, for deadlines in working time; absent: natural time only. */
  calendar?: BusinessCalendar;
  /** Language of validation messages for submitted task data; default `zh-CN`. */
  locale?: import('../forms/types.ts').Locale;
  /** The instance's starter (user id): the submitter for `manager`, `skipSubmitter` and withdraw. */
  startedBy?: string | null;
}

export type TaskStatus = 'open' | 'completed' | 'cancelled';

/** One person's (or one group's) piece of work in a step. Mirrored to the `tasks` table by the service. */
export interface TaskRecord {
  id: string;
  stepId: string;
  /** State node id the step belongs to (e.g. `orderApproval.managerReview`). */
  state: string;
  name: string;
  status: TaskStatus;
  /** The user who must act (user id); null for a group task anyone among the candidates may claim. */
  assignee: string | null;
  /** The user who owns the task (differs from assignee once delegated). */
  owner: string | null;
  candidateUsers: string[];
  candidateRoles: string[];
  storeId: string | null;
  outcomes: string[];
  form: FormRef | null;
  fields: Record<string, FieldPermission>;
  dueAt: string | null;
  createdAt: string;
  outcome?: string;
  comment?: string;
  completedBy?: string;
  completedAt?: string;
  /** 委托: `pending` while the delegate works on it, `resolved` once it came back to the owner to confirm. */
  delegation?: 'pending' | 'resolved';
  /** What the delegate proposed when handing the task back. */
  proposal?: { by: string; outcome: string; comment?: string; at: string };
  /** 加签 after: people who approve after this task's approver, in order (each gets a task in turn). */
  after?: TaskPeople[];
  /** 加签 alongside: this task must be approved before an `any` step is decided. */
  required?: boolean;
  /** When the approvers were last reminded (催办). */
  remindedAt?: string;
  /** Why the engine closed it on its own (auto-pass: nobody to approve, same approver, submitter). */
  note?: string;
}

/** Who a task is for: a user, or candidates (users and roles) one of whom takes it. */
export interface TaskPeople {
  assignee: string | null;
  candidateUsers: string[];
  candidateRoles: string[];
}

/** An activation of a task state: the approvers are data, so they can change while the step waits. */
export interface StepRecord {
  id: string;
  state: string;
  mode: TaskMode;
  /** Ordered approver user ids for `all` / `sequential`; empty for a group (`any` over roles) step. */
  approvers: string[];
  /** Index of the current approver in `sequential` mode. */
  cursor: number;
  decisions: { userId: string; outcome: string; at: string; taskId: string }[];
  status: 'open' | 'decided' | 'closed';
  taskIds: string[];
  /** When the step opened (orders steps for `previous`). */
  openedAt?: string;
  /** Set when this step was entered by a return: the state returned from and who returned it. */
  returnedFrom?: { state: string; by: string; resubmit: 'through' | 'toReturner' };
}

/** What an instance persists between steps (stored as JSON beside the instance row). */
export interface InstanceState {
  /** XState persisted snapshot (`machine.getPersistedSnapshot`). */
  snapshot: JsonObject;
  steps: Record<string, StepRecord>;
  tasks: Record<string, TaskRecord>;
}

export type InstanceStatus = 'active' | 'done' | 'cancelled' | 'error';

export interface TimerSpec {
  /** Unique within the instance (XState's send id). */
  key: string;
  /** The event to send when due. */
  event: { type: string };
  dueAt: string;
}

export interface Effect {
  name: string;
  args: JsonObject;
  /** The state node that ran it, for the audit trail. */
  state?: string;
}

export interface DiffEntry {
  path: string;
  from?: Json;
  to?: Json;
}

export interface HistoryEntry {
  at: string;
  actor: { id: string; username: string };
  action:
    | 'start'
    | 'complete'
    | 'event'
    | 'timer'
    | 'claim'
    | 'cancel'
    | 'cc'
    | 'transfer'
    | 'delegate'
    | 'resolve'
    | 'return'
    | 'withdraw'
    | 'add-approver'
    | 'remind'
    | 'comment'
    // An admin put the instance at another state (`move`) or version (`migrate`); a deadline escalated.
    | 'move'
    | 'migrate'
    | 'escalate';
  event?: string;
  from: Json | null;
  to: Json;
  taskId?: string;
  outcome?: string;
  comment?: string;
  diff: DiffEntry[];
  /**
   * What the action was about beyond the outcome: `to` (user id or state), `users` and `position` (加签),
   * `signature`, `mentions`, `autoPassed` (`[{ taskId, state, note }]`) ...
   */
  details?: JsonObject;
}

/** 加签 position: before, after or alongside the current approver. */
export type AddApproverPosition = 'before' | 'after' | 'parallel';

/**
 * Input to `step`. Task actions that change who works on what are engine inputs, so the snapshot, the
 * task records and the history entry stay one consistent result:
 * - `transfer` (转交): the task goes to `to` (user id) for good;
 * - `delegate` (委托): `to` works on it, and completing hands it back to the delegator to confirm;
 * - `return` (退回): the flow goes back to `to` (`previous`, `submitter` or a state id / key);
 * - `addApprover` (加签): `users` approve before, after or alongside the current approver;
 * - `withdraw` (撤回): the starter takes the request back while nobody else has acted since.
 */
export type EngineInput =
  | { kind: 'event'; type: string; data?: JsonObject }
  | {
      kind: 'complete';
      taskId: string;
      outcome: string;
      data?: JsonObject;
      comment?: string;
      /** A file id or an image data URL (`meta.task.signature`). */
      signature?: string;
    }
  | { kind: 'timer'; key: string; event: { type: string } }
  | { kind: 'transfer'; taskId: string; to: string; comment?: string }
  | { kind: 'delegate'; taskId: string; to: string; comment?: string }
  | { kind: 'return'; taskId: string; to?: ReturnTarget; comment?: string }
  | {
      kind: 'addApprover';
      taskId: string;
      users: string[];
      position: AddApproverPosition;
      comment?: string;
    }
  | { kind: 'withdraw'; comment?: string };

/** Everything durable a step produced; the service writes it in one transaction. */
export interface StepResult {
  state: InstanceState;
  status: InstanceStatus;
  /** XState state value, e.g. `"managerReview"` or `{ "delivery": "inTransit" }`. */
  value: Json;
  context: JsonObject;
  tasksOpened: TaskRecord[];
  /** Tasks that changed (completed or cancelled), with their new status. */
  tasksClosed: TaskRecord[];
  timersSet: TimerSpec[];
  timersCleared: string[];
  effects: Effect[];
  history: HistoryEntry;
  /** Whether the input changed anything (an event the current state ignores gives false). */
  changed: boolean;
}

/** A rejected input: an expected outcome, not an exception. */
export interface StepRejection {
  code: 'forbidden' | 'conflict' | 'invalid' | 'not_found';
  message: string;
  details?: Problem[];
}

export type StepOutcome = ({ ok: true } & StepResult) | { ok: false; error: StepRejection };
