/**
 * The per-process hub of task notifications, fanned out in memory to the subscribers (the SSE
 * streams): the tasks this process commits come straight from its bus (task-bus.ts); those of every
 * other process behind the load balancer through one LISTEN on `dealerflow_tasks` (a dedicated
 * connection on PostgreSQL), where the batches this process sent itself are skipped (docs/operations.md "Several processes").
 */
import { eq } from 'drizzle-orm';
import { AppError } from '../errors.ts';
import type { StoreLogger } from './context.ts';
import type { Database } from './db.ts';
import { tasks } from './schema.ts';
import { type TaskEventBus, taskEventBus } from './task-bus.ts';
import {
  type CcEvent,
  decodeTaskEventBatch,
  isCcEvent,
  isNotificationEvent,
  type LiveEvent,
  type NotificationEvent,
  TASK_EVENTS_CHANNEL,
  type TaskEvent,
} from './task-notify.ts';

/**
 * Who hears task events: `onTask` for each, `onCc` for each CC (every recipient's: filter by
 * `userId`), `onResync` after LISTEN came back from a dropped connection.
 */
export interface TaskEventSubscriber {
  onTask(event: TaskEvent): void;
  onCc?(event: CcEvent): void;
  /** A message-centre entry for `userId` (every recipient's: filter by `userId`). */
  onNotification?(event: NotificationEvent): void;
  /** Notifications may have been missed while disconnected: refetch what is shown. */
  onResync?(): void;
  /** The hub stopped (server shutting down): end the stream. */
  onClose?(): void;
}

/** What the hub needs of the database. */
export type ListeningDatabase = Pick<Database, 'db' | 'listen'>;

const SILENT: StoreLogger = { info() {}, warn() {}, error() {} };

/**
 * Fans task notifications out to in-process subscribers. LISTEN starts with the first `subscribe`
 * (or `start()`); `stop()` ends it. Closing the database also ends it.
 *
 * @example
 * const hub = new TaskEvents(database);
 * const unsubscribe = hub.subscribe({ onTask: (e) => console.log(e.taskId, e.status) });
 * await hub.start(); // LISTEN in effect: later commits reach the subscriber
 */
export class TaskEvents {
  readonly #database: ListeningDatabase;
  readonly #logger: StoreLogger;
  readonly #subscribers = new Set<TaskEventSubscriber>();
  readonly #bus: TaskEventBus;
  #unhearLocal: (() => void) | undefined;
  #started: Promise<() => Promise<void>> | undefined;
  #listens = 0;

  constructor(database: ListeningDatabase, options: { logger?: StoreLogger } = {}) {
    this.#database = database;
    this.#logger = options.logger ?? SILENT;
    this.#bus = taskEventBus(database.db);
  }

  /** Resolves once LISTEN is in effect (idempotent; retried after a failure). */
  async start(): Promise<void> {
    const database = this.#database;
    if (!database.listen) throw new AppError('unavailable', 'This database handle cannot LISTEN');
    this.#unhearLocal ??= this.#bus.listen((events) => {
      for (const event of events) this.#fanOut(event);
    });
    this.#started ??= database.listen(
      TASK_EVENTS_CHANNEL,
      (payload) => this.#receive(payload),
      () => this.#listening(),
    );
    try {
      await this.#started;
    } catch (error) {
      this.#started = undefined;
      this.#logger.error({ err: error }, 'task events: LISTEN failed');
      throw new AppError('unavailable', 'Live task events are unavailable');
    }
  }

  /** Adds a subscriber (and starts listening, if not yet); returns the function that removes it. */
  subscribe(subscriber: TaskEventSubscriber): () => void {
    this.#subscribers.add(subscriber);
    // A failure is logged by start(); callers that must know await start() themselves.
    this.start().catch(() => {});
    return () => {
      this.#subscribers.delete(subscriber);
    };
  }

  /** How many subscribers are connected (for tests and metrics). */
  get subscriberCount(): number {
    return this.#subscribers.size;
  }

  /** Stops listening; every subscriber hears `onClose` and is forgotten. */
  async stop(): Promise<void> {
    const started = this.#started;
    this.#started = undefined;
    this.#unhearLocal?.();
    this.#unhearLocal = undefined;
    for (const subscriber of this.#subscribers) this.#deliver(() => subscriber.onClose?.());
    this.#subscribers.clear();
    if (!started) return;
    try {
      await (await started)();
    } catch (error) {
      // Already closed with the database: nothing left to stop.
      this.#logger.warn({ err: error }, 'task events: UNLISTEN failed');
    }
  }

  #listening(): void {
    this.#listens += 1;
    if (this.#listens === 1) return;
    this.#logger.warn({ listens: this.#listens }, 'task events: LISTEN re-established');
    for (const subscriber of this.#subscribers) this.#deliver(() => subscriber.onResync?.());
  }

  #receive(payload: string): void {
    const batch = decodeTaskEventBatch(payload);
    if (!batch) {
      this.#logger.warn({ payload: payload.slice(0, 200) }, 'task events: ignored a foreign payload');
      return;
    }
    // This process's own batches: its subscribers heard them from the bus at commit.
    if (batch.origin === this.#bus.origin) return;
    for (const event of batch.events) this.#receiveEvent(event);
  }

  #receiveEvent(event: LiveEvent): void {
    if (isCcEvent(event) || isNotificationEvent(event) || !event.partial) {
      this.#fanOut(event);
      return;
    }
    this.#complete(event).then(
      (full) => this.#fanOut(full),
      (error: unknown) =>
        this.#logger.error({ err: error, taskId: event.taskId }, 'task events: reload failed'),
    );
  }

  /** Reloads the people lists that did not fit the payload; the row is committed before NOTIFY arrives. */
  async #complete(event: TaskEvent): Promise<TaskEvent> {
    const [row] = await this.#database.db
      .select({
        assignee: tasks.assignee,
        owner: tasks.owner,
        candidateUsers: tasks.candidateUsers,
        candidateRoles: tasks.candidateRoles,
        storeId: tasks.storeId,
      })
      .from(tasks)
      .where(eq(tasks.id, event.taskId));
    const { partial: _partial, ...rest } = event;
    return row ? { ...rest, ...row } : rest;
  }

  #fanOut(event: LiveEvent): void {
    for (const subscriber of this.#subscribers) {
      this.#deliver(() => {
        if (isCcEvent(event)) subscriber.onCc?.(event);
        else if (isNotificationEvent(event)) subscriber.onNotification?.(event);
        else subscriber.onTask(event);
      });
    }
  }

  #deliver(call: () => void): void {
    try {
      call();
    } catch (error) {
      // One broken subscriber must not starve the others.
      this.#logger.error({ err: error }, 'task events: subscriber failed');
    }
  }
}

export type { CcEvent, NotificationEvent, TaskEvent } from './task-notify.ts';
