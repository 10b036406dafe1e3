/**
 * `WorkflowService`: what the API calls to manage definitions and forms and to run instances and
 * tasks on the database (docs/architecture.md "The life of a step"). Each state change is one transaction around the pure
 * engine; the modules beside this file hold the parts.
 *
 * @example
 * // ports: the API's directory, CC and file references (api/store/ports.ts apiPorts)
 * const service = new WorkflowService({ database, ports, effects: { 'order.setStatus': setOrderStatus } });
 * const instance = await service.startInstance({ workflowKey: 'order-approval', input: { orderId } }, actor);
 */
import { randomUUID } from 'node:crypto';
import type { FormVersion, Locale } from '../../forms/types.ts';
import { AppError, notFound } from '../errors.ts';
import type { Actor, BusinessCalendar, JsonObject, Problem } from '../types.ts';
import * as byHand from './by-hand.ts';
import * as calendars from './calendars.ts';
import type { CatalogueFields } from './catalogue.ts';
import * as catalogue from './catalogue.ts';
import * as ccRepo from './cc.ts';
import {
  type EffectContext,
  type EffectHandler,
  type InstanceHooks,
  isUuid,
  NO_OVERSIGHT,
  nowIso,
  type StoreContext,
  type StoreLogger,
  type TaskOversight,
} from './context.ts';
import type { Database, Tx } from './db.ts';
import { mapDbError } from './db-errors.ts';
import * as definitions from './definitions-repo.ts';
import { DirectoryCache } from './directory-cache.ts';
import { builtinEffects } from './effects.ts';
import * as formsRepo from './forms-repo.ts';
import type { InstanceDetails } from './instance-details.ts';
import * as details from './instance-details.ts';
import * as instanceList from './instance-list.ts';
import * as instances from './instances.ts';
import { flowTranslator } from './localize.ts';
import type { EnginePorts } from './ports.ts';
import { RecentInstances } from './recent-instances.ts';
import { builtinReferenceCheckers, type ReferenceCheckers } from './references.ts';
import * as relocations from './relocations.ts';
import type { StartableWorkflow } from './startable.ts';
import * as startable from './startable.ts';
import * as taskActions from './task-actions.ts';
import { taskEventBus } from './task-bus.ts';
import * as taskQueries from './tasks-query.ts';
import * as timerWorker from './timers.ts';
import type {
  CcInput,
  CcQuery,
  CcView,
  CompleteInput,
  DefinitionSummary,
  DefinitionView,
  FormSummary,
  FormView,
  InstanceQuery,
  InstanceSummary,
  InstanceView,
  Page,
  StartInput,
  TaskDetail,
  TaskQuery,
  TaskView,
  VersionView,
} from './types.ts';
import { loadInstanceView } from './views.ts';

/** Effect handlers get the transaction, the instance, the actor and this service. */
export type ServiceEffectContext = EffectContext<WorkflowService>;
export type ServiceEffectRegistry = Record<string, EffectHandler<WorkflowService>>;
/** The brief's name for the same registry. */
export type EffectRegistry = ServiceEffectRegistry;

export interface WorkflowServiceOptions {
  database: Database;
  /** The directory, CC and file references the API supplies (api/store/ports.ts `apiPorts`). */
  ports: EnginePorts;
  /** Injected clock; every timestamp the service writes and every due check uses it. */
  clock?: () => Date;
  /** Extra effect handlers (`order.setStatus`, ...), merged over the built-ins. */
  effects?: ServiceEffectRegistry;
  logger?: StoreLogger;
  /**
   * Checkers of the references task data holds (`ui:widget` file, user, customer, vehicle), merged over
   * the built-in user check; a kind without one is checked for its format only (references.ts).
   */
  references?: ReferenceCheckers;
  /** How long the user directory is cached (ms). */
  directoryTtlMs?: number;
  /** The application's hooks on instances an admin cancels or moves (api/dealer registers the order's). */
  hooks?: InstanceHooks<WorkflowService>;
  /** Roles whose holders may read any task, of every store or of their own (default: none but admin). */
  oversight?: TaskOversight;
  /**
   * How much memory (MB) instances recently written here may take, so completing their tasks skips a
   * read (recent-instances.ts); 0 turns it off. Default 64.
   */
  recentInstancesMb?: number;
}

/** Rejects with driver errors mapped to AppErrors (unique → 409, foreign key → 422). */
function mapped<T>(promise: Promise<T>): Promise<T> {
  return promise.catch((error: unknown) => {
    throw mapDbError(error);
  });
}

const SILENT: StoreLogger = { info: () => {}, warn: () => {}, error: () => {} };

export class WorkflowService {
  private readonly ctx: StoreContext;
  private loop: { stop(): Promise<void> } | undefined;

  constructor(options: WorkflowServiceOptions) {
    const clock = options.clock ?? (() => new Date());
    const logger = options.logger ?? SILENT;
    this.ctx = {
      database: options.database,
      clock,
      effects: {
        ...builtinEffects(clock, logger, options.ports.cc),
        ...(options.effects as StoreContext['effects'] | undefined),
      },
      logger,
      directory: new DirectoryCache(options.ports.directory, clock, options.directoryTtlMs),
      service: this,
      workerId: randomUUID(),
      versions: new Map(),
      calendars: new Map(),
      hooks: (options.hooks ?? {}) as InstanceHooks,
      references: { ...builtinReferenceCheckers(options.ports.directory), ...options.references },
      oversight: options.oversight ?? NO_OVERSIGHT,
      ports: options.ports,
      recent: new RecentInstances((options.recentInstancesMb ?? 64) * 2 ** 20),
    };
  }

  /** Names of the effects this service can run (the validator's effect catalogue). */
  effectNames(): string[] {
    return Object.keys(this.ctx.effects).sort();
  }

  /** Drops the cached user directory; call after users or their roles change. */
  invalidateDirectory(): void {
    this.ctx.directory.invalidate();
  }

  // Definitions ------------------------------------------------------------------------------

  /** Every flow by key, with category, icon, archive state and who last changed it. */
  async listDefinitions(): Promise<(DefinitionSummary & CatalogueFields)[]> {
    const db = this.ctx.database.db;
    const [items, fields] = await mapped(
      Promise.all([
        definitions.listDefinitions(db),
        catalogue.workflowCatalogue(this.ctx.ports.directory, db),
      ]),
    );
    return catalogue.withCatalogue(items, fields);
  }
  async getDefinition(key: string): Promise<DefinitionView & CatalogueFields> {
    const db = this.ctx.database.db;
    const view = await mapped(definitions.getDefinition(this.ctx, db, key));
    const [withFields] = catalogue.withCatalogue(
      [view],
      await mapped(catalogue.workflowCatalogue(this.ctx.ports.directory, db, key)),
    );
    return withFields!;
  }
  /** Creates a new flow from a document (its first draft): 201; 409 when the key exists; 422 with `/key`. */
  async createWorkflow(def: unknown, actor: Actor): Promise<DefinitionView & CatalogueFields> {
    const view = await mapped(catalogue.createWorkflow(this.ctx, def, actor));
    return this.getDefinition(view.key);
  }
  /** Archives (no new starts; running instances go on) or restores a flow. */
  async setWorkflowArchived(
    key: string,
    archived: boolean,
    actor: Actor,
  ): Promise<DefinitionView & CatalogueFields> {
    await mapped(catalogue.setWorkflowArchived(this.ctx, key, archived, actor));
    return this.getDefinition(key);
  }
  /** Deletes a flow that was never published (409 once published). */
  deleteWorkflow(key: string): Promise<void> {
    return mapped(catalogue.deleteWorkflow(this.ctx, key));
  }
  /** The published, non-archived flows `actor` may start by hand, each with its start form. */
  startableWorkflows(actor: Actor): Promise<StartableWorkflow[]> {
    return mapped(startable.startableWorkflows(this.ctx, actor));
  }
  /** Stores the draft even when it has problems; the view lists them. 422 only for a malformed document. */
  async saveDraft(def: unknown, actor: Actor): Promise<DefinitionView & CatalogueFields> {
    const view = await mapped(definitions.saveDraft(this.ctx, def, actor));
    const fields = await mapped(
      catalogue.workflowCatalogue(this.ctx.ports.directory, this.ctx.database.db, view.key),
    );
    return catalogue.withCatalogue([view], fields)[0]!;
  }
  /** Problems of a definition against this database's forms, roles and effects (empty: valid). */
  validate(def: unknown): Promise<Problem[]> {
    return mapped(definitions.validateWithDatabase(this.ctx, this.ctx.database.db, def));
  }
  /** Publishes the draft as the next version; 422 with problems, 409 when there is no draft. */
  publish(key: string, actor: Actor): Promise<{ version: number }> {
    return mapped(definitions.publish(this.ctx, key, actor));
  }
  async listVersions(key: string): Promise<(VersionView & { publishedByName: string | null })[]> {
    const db = this.ctx.database.db;
    return mapped(
      definitions
        .listVersions(db, key)
        .then((v) => catalogue.withPublisherNames(this.ctx.ports.directory, db, v)),
    );
  }
  async getVersion(key: string, version: number): Promise<VersionView & { publishedByName: string | null }> {
    const db = this.ctx.database.db;
    const one = await mapped(definitions.getVersion(db, key, version));
    const [named] = await mapped(catalogue.withPublisherNames(this.ctx.ports.directory, db, [one]));
    return named!;
  }

  // Forms ------------------------------------------------------------------------------------

  /** Every form by key, with archive state and who last changed it. */
  async listForms(): Promise<(FormSummary & CatalogueFields)[]> {
    const db = this.ctx.database.db;
    const [items, fields] = await mapped(
      Promise.all([formsRepo.listForms(db), catalogue.formCatalogue(this.ctx.ports.directory, db)]),
    );
    return catalogue.withCatalogue(items, fields);
  }
  async getForm(key: string): Promise<FormView & CatalogueFields> {
    const db = this.ctx.database.db;
    const view = await mapped(formsRepo.getForm(db, key));
    const [withFields] = catalogue.withCatalogue(
      [view],
      await mapped(catalogue.formCatalogue(this.ctx.ports.directory, db, key)),
    );
    return withFields!;
  }
  /** Creates a new form from a document (its first draft): 409 when the key exists; 422 with `/key`. */
  async createForm(form: unknown, actor: Actor): Promise<FormView & CatalogueFields> {
    const view = await mapped(catalogue.createForm(this.ctx, form, actor));
    return this.getForm(view.key);
  }
  /** Archives (no new references by a publish) or restores a form. */
  async setFormArchived(key: string, archived: boolean, actor: Actor): Promise<FormView & CatalogueFields> {
    await mapped(catalogue.setFormArchived(this.ctx, key, archived, actor));
    return this.getForm(key);
  }
  /** Deletes a form that was never published (409 once published). */
  deleteForm(key: string): Promise<void> {
    return mapped(catalogue.deleteForm(this.ctx, key));
  }
  async saveFormDraft(form: unknown, actor: Actor): Promise<FormView & CatalogueFields> {
    const view = await mapped(formsRepo.saveFormDraft(this.ctx, form, actor));
    const fields = await mapped(
      catalogue.formCatalogue(this.ctx.ports.directory, this.ctx.database.db, view.key),
    );
    return catalogue.withCatalogue([view], fields)[0]!;
  }
  publishForm(key: string, actor: Actor): Promise<{ version: number }> {
    return mapped(formsRepo.publishForm(this.ctx, key, actor));
  }
  /** Published versions of a form, each with who published it (id and display name). */
  listFormVersions(
    key: string,
  ): Promise<(FormVersion & { publishedBy: string | null; publishedByName: string | null })[]> {
    const db = this.ctx.database.db;
    return mapped(
      Promise.all([formsRepo.listFormVersions(db, key), catalogue.formPublishers(db, key)]).then(
        async ([versions, publishers]) =>
          catalogue.withPublisherNames(
            this.ctx.ports.directory,
            db,
            versions.map((v) => ({ ...v, publishedBy: publishers.get(v.version) ?? null })),
          ),
      ),
    );
  }
  getFormVersion(key: string, version: number): Promise<FormVersion> {
    return mapped(formsRepo.getFormVersion(this.ctx.database.db, key, version));
  }
  latestFormVersion(key: string): Promise<FormVersion | undefined> {
    return mapped(formsRepo.latestFormVersion(this.ctx.database.db, key));
  }

  // Instances and tasks ----------------------------------------------------------------------

  /** Starts an instance on the latest published version (404 if never published); joins `tx` when given. */
  startInstance(input: StartInput, actor: Actor, tx?: Tx): Promise<InstanceView> {
    return mapped(instances.startInstance(this.ctx, input, actor, tx));
  }
  /**
   * Starts an instance for a person (`POST /api/instances`): the flow's `starters`, its archive and its
   * `startForm` apply (403 / 409 / 422); the application's own starts use `startInstance`.
   */
  startInstanceByHand(input: StartInput, actor: Actor, locale?: 'zh-CN' | 'en'): Promise<InstanceView> {
    return mapped(byHand.startInstanceByHand(this.ctx, input, actor, locale));
  }
  /**
   * Sends an event from outside (`POST /api/instances/:id/events`): only events the flow declares, from
   * the people it names, with data fitting its schema (403 / 422); the application uses `sendEvent`.
   */
  sendEventByHand(
    instanceId: string,
    event: { type: string; data?: JsonObject },
    actor: Actor,
  ): Promise<InstanceView> {
    return mapped(byHand.sendEventByHand(this.ctx, instanceId, event, actor));
  }
  /** Sends an external event (joining `tx` when given, e.g. from an effect); 409 when the state does not accept it. */
  sendEvent(
    instanceId: string,
    event: { type: string; data?: JsonObject },
    actor: Actor,
    tx?: Tx,
  ): Promise<InstanceView> {
    return mapped(instances.sendEvent(this.ctx, instanceId, event, actor, tx));
  }
  /** Completes a task: 403 for a non-candidate, 409 when already done, 422 for bad data (with paths). */
  async completeTask(
    taskId: string,
    input: CompleteInput,
    actor: Actor,
  ): Promise<{ task: TaskView; instance: InstanceView }> {
    const instance = await mapped(instances.completeTask(this.ctx, taskId, input, actor));
    return { task: this.taskOf(instance, taskId), instance };
  }
  /** Takes a group task: the candidate becomes its assignee; 409 if someone else took it. */
  async claimTask(taskId: string, actor: Actor): Promise<TaskView> {
    const instance = await mapped(instances.claimTask(this.ctx, taskId, actor));
    return this.taskOf(instance, taskId);
  }
  /** 转交 / 委托 / 退回 / 加签 on a task (engine inputs); the instance after it. */
  actOnTask(input: taskActions.TaskActionInput, actor: Actor): Promise<InstanceView> {
    return mapped(taskActions.actOnTask(this.ctx, input, actor));
  }
  /** 催办: reminds the task's people; 403 unless starter or admin, 429 within the hour. */
  remindTask(taskId: string, comment: string | undefined, actor: Actor): Promise<InstanceView> {
    return mapped(taskActions.remindTask(this.ctx, taskId, comment, actor));
  }
  /** 评论 with @-mentions on a task's instance (the caller checks the actor may read it). */
  commentOnTask(
    taskId: string,
    input: { comment: string; mentions?: string[] },
    actor: Actor,
  ): Promise<InstanceView> {
    return mapped(taskActions.commentOnTask(this.ctx, taskId, input, actor));
  }
  /** 撤回 by the starter while nobody else has acted; 403 for others, 409 once someone acted. */
  withdrawInstance(instanceId: string, comment: string | undefined, actor: Actor): Promise<InstanceView> {
    return mapped(taskActions.withdrawInstance(this.ctx, instanceId, comment, actor));
  }
  /**
   * Completes several tasks in one call, each checked and in its own transaction; every item reports
   * its result (a refused item does not stop the others).
   */
  async batchComplete(items: taskActions.BatchItem[], actor: Actor): Promise<taskActions.BatchResult[]> {
    const results: taskActions.BatchResult[] = [];
    for (const item of items) {
      const input: CompleteInput = { outcome: item.outcome };
      if (item.comment !== undefined) input.comment = item.comment;
      try {
        const { instance } = await this.completeTask(item.taskId, input, actor);
        results.push({ taskId: item.taskId, ok: true, instanceId: instance.id, status: 'completed' });
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        const failure: taskActions.BatchResult = {
          taskId: item.taskId,
          ok: false,
          error: { code: error.code, message: error.message },
        };
        if (error.details)
          failure.error.details = error.details.map((d) => ({ path: d.path, message: d.message }));
        results.push(failure);
      }
    }
    return results;
  }
  /** Cancels a running instance (admins and its starter). */
  cancelInstance(instanceId: string, reason: string, actor: Actor): Promise<InstanceView> {
    return mapped(instances.cancelInstance(this.ctx, instanceId, reason, actor));
  }
  /** Moves a running instance to a wait state of its version (admins), with a reason; the domain hears of it. */
  moveInstance(
    instanceId: string,
    input: { state: string; reason: string },
    actor: Actor,
  ): Promise<InstanceView> {
    return mapped(relocations.moveInstance(this.ctx, instanceId, input, actor));
  }
  /**
   * Migrates running instances of `key` to another published version with a state mapping (admins): all
   * or nothing, 422 with `/mapping/<state>` paths for a mapping that does not fit; `dryRun` only plans.
   */
  migrateInstances(
    key: string,
    input: relocations.MigrateInput,
    actor: Actor,
  ): Promise<relocations.MigrationReport> {
    return mapped(relocations.migrateInstances(this.ctx, key, input, actor));
  }
  /** The store's business calendar (the default when it has none of its own); 404 for an unknown store. */
  getCalendar(storeId: string): Promise<calendars.CalendarView> {
    return mapped(calendars.getCalendar(this.ctx, this.ctx.database.db, storeId));
  }
  /** Replaces the store's business calendar (the caller checked the document and the actor). */
  putCalendar(storeId: string, calendar: BusinessCalendar, actor: Actor): Promise<calendars.CalendarView> {
    return mapped(calendars.putCalendar(this.ctx, storeId, calendar, actor));
  }
  getInstance(instanceId: string): Promise<InstanceView> {
    if (!isUuid(instanceId)) return Promise.reject(notFound('Instance', instanceId));
    return mapped(loadInstanceView(this.ctx.database.db, instanceId));
  }
  /** Names, next steps, timeline and attachments of an instance view, for a generic instance page. */
  instanceDetails(view: InstanceView, locale?: Locale): Promise<InstanceDetails> {
    return mapped(details.instanceDetails(this.ctx, view, locale));
  }
  /** The instance's task names in `locale` (its flow version's `i18n`); the view is not modified. */
  async localizeInstance(view: InstanceView, locale: Locale): Promise<InstanceView> {
    const tr = flowTranslator(this.ctx, this.ctx.database.db, locale);
    const tasks = await Promise.all(
      view.tasks.map(async (t) => ({ ...t, name: await tr(view.workflowKey, view.workflowVersion, t.name) })),
    );
    return { ...view, tasks };
  }
  /** A task with its form projected for the step (hidden fields absent). */
  getTask(taskId: string, actor: Actor, locale?: Locale): Promise<TaskDetail> {
    return mapped(taskQueries.getTask(this.ctx, this.ctx.database.db, taskId, actor, locale));
  }
  /** The inbox: `mine`, `candidate` or `all`, open by default, at most 500 a page. */
  listTasks(actor: Actor, query: TaskQuery = {}, locale?: Locale): Promise<Page<TaskView>> {
    return mapped(
      taskQueries.listTasks(
        this.ctx.database.db,
        actor,
        query,
        nowIso(this.ctx),
        locale ? { ctx: this.ctx, locale } : undefined,
      ),
    );
  }

  /** Instances as summaries, newest first: non-admins only their own (`startedBy` `me`, the default). */
  listInstances(actor: Actor, query: InstanceQuery = {}, locale?: Locale): Promise<Page<InstanceSummary>> {
    return mapped(
      instanceList
        .listInstances(this.ctx.ports.directory, this.ctx.database.db, actor, query)
        .then(async (page) => {
          if (!locale) return page;
          const tr = flowTranslator(this.ctx, this.ctx.database.db, locale);
          const items = await Promise.all(
            page.items.map(async (item) => {
              const say = (text: string) => tr(item.workflowKey, item.workflowVersion, text);
              const openTasks = await Promise.all(
                item.openTasks.map(async (t) => ({ ...t, name: await say(t.name) })),
              );
              return { ...item, workflowName: await say(item.workflowName), openTasks };
            }),
          );
          return { ...page, items };
        }),
    );
  }

  // CC (抄送) ----------------------------------------------------------------------------------

  /** CCs people from a task (its assignee, or a candidate of the open task); audited in the history. */
  ccTask(
    taskId: string,
    input: CcInput,
    actor: Actor,
  ): Promise<{ users: { id: string; username: string; displayName: string }[]; instance: InstanceView }> {
    return mapped(ccRepo.ccTask(this.ctx, taskId, input, actor));
  }
  /** What was CC'd to the actor, newest first, with the unread count. */
  listCc(actor: Actor, query: CcQuery = {}): Promise<Page<CcView> & { unread: number }> {
    return mapped(this.ctx.ports.cc.list(this.ctx.database.db, actor, query));
  }
  /** Marks one of the actor's CCs read; 404 for anyone else's. */
  markCcRead(id: string, actor: Actor): Promise<{ id: string; readAt: string }> {
    return mapped(this.ctx.ports.cc.markRead(this.ctx.database.db, id, actor, nowIso(this.ctx)));
  }
  /** Whether the user was CC'd on the instance (CC'd people may read it). */
  isCcRecipient(instanceId: string, userId: string): Promise<boolean> {
    return mapped(this.ctx.ports.cc.isRecipient(this.ctx.database.db, instanceId, userId));
  }

  // Timers -----------------------------------------------------------------------------------

  /** Fires up to `limit` due timers (by the injected clock); returns how many fired. */
  fireDueTimers(limit = 20): Promise<number> {
    return mapped(timerWorker.fireDueTimers(this.ctx, limit));
  }
  /** Fires due timers batch after batch until a batch is not full (a backlog in one call); returns how many fired. */
  drainDueTimers(): Promise<number> {
    return mapped(timerWorker.drainDueTimers(this.ctx));
  }
  /** Fires due timers every `intervalMs` (draining a backlog batch after batch) until `stop()`. */
  startTimerLoop(intervalMs = 1000): void {
    this.loop ??= timerWorker.startTimerLoop(this.ctx, intervalMs);
  }
  /** Stops the timer loop and sends the task events still waiting for their batch to other processes. */
  async stop(): Promise<void> {
    const loop = this.loop;
    this.loop = undefined;
    await loop?.stop();
    await taskEventBus(this.ctx.database.db).flush();
  }

  private taskOf(instance: InstanceView, taskId: string): TaskView {
    const task = instance.tasks.find((t) => t.id === taskId);
    if (!task) throw notFound('Task', taskId);
    return task;
  }
}
