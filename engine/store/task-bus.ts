/**
 * Where committed task (and CC) events go: one bus per database handle (a pool is one process's view of the
 * database). Listeners in this process (the task-event hub) hear them at once; other processes get
 * them through `pg_notify`, batched — one statement per `delayMs` carrying every event queued
 * meanwhile — so notifying costs neither a statement nor a global lock per committed step.
 */
import { randomUUID } from 'node:crypto';
import type { StoreLogger } from './context.ts';
import type { Db } from './db.ts';
import { type LiveEvent, notifyTaskEvents } from './task-notify.ts';

/** How long events wait to be sent to other processes together. */
export const NOTIFY_DELAY_MS = 50;

type Listener = (events: readonly LiveEvent[]) => void;

const SILENT: StoreLogger = { info() {}, warn() {}, error() {} };

/**
 * Publishes committed task events in this process and, batched, to the others.
 *
 * @example
 * const bus = taskEventBus(database.db);
 * const stop = bus.listen((events) => console.log(events.length));
 * bus.publish(events); // after COMMIT
 */
export class TaskEventBus {
  /** Marks this bus's NOTIFY payloads, so the hub of this process skips what it already heard. */
  readonly origin = randomUUID();
  readonly #db: Db;
  readonly #delayMs: number;
  readonly #listeners = new Set<Listener>();
  #logger: StoreLogger = SILENT;
  #queue: LiveEvent[] = [];
  #timer: ReturnType<typeof setTimeout> | undefined;
  #sending: Promise<void> = Promise.resolve();

  constructor(db: Db, delayMs = NOTIFY_DELAY_MS) {
    this.#db = db;
    this.#delayMs = delayMs;
  }

  /** Logs failed sends here from now on. */
  setLogger(logger: StoreLogger): void {
    this.#logger = logger;
  }

  /** Adds a listener for this process's events; returns the function that removes it. */
  listen(listener: Listener): () => void {
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  }

  /** Call only once the events' transaction has committed. */
  publish(events: readonly LiveEvent[]): void {
    if (events.length === 0) return;
    for (const listener of this.#listeners) this.#tell(listener, events);
    this.#queue.push(...events);
    if (this.#timer) return;
    this.#timer = setTimeout(() => void this.flush(), this.#delayMs);
    // Pending events must not keep a process alive; shutdown flushes them (WorkflowService.stop).
    this.#timer.unref?.();
  }

  /** Sends what is queued now; resolves once every send so far is done (failures are logged). */
  flush(): Promise<void> {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    const events = this.#queue;
    this.#queue = [];
    if (events.length > 0) {
      // Chained, so batches reach the other processes in the order they were published.
      this.#sending = this.#sending.then(() =>
        notifyTaskEvents(this.#db, this.origin, events).catch((error: unknown) =>
          this.#logger.error({ err: error, events: events.length }, 'task events: NOTIFY failed'),
        ),
      );
    }
    return this.#sending;
  }

  #tell(listener: Listener, events: readonly LiveEvent[]): void {
    try {
      listener(events);
    } catch (error) {
      // A broken listener must not fail the committed request that published.
      this.#logger.error({ err: error }, 'task events: listener failed');
    }
  }
}

const buses = new WeakMap<Db, TaskEventBus>();

/** The bus of a database handle (created on first use; lives as long as the handle). */
export function taskEventBus(db: Db, logger?: StoreLogger): TaskEventBus {
  let bus = buses.get(db);
  if (!bus) {
    bus = new TaskEventBus(db);
    buses.set(db, bus);
  }
  if (logger) bus.setLogger(logger);
  return bus;
}
