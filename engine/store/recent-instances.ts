/**
 * Instances as this process last wrote them on the fast path (fast-step.ts), found by the ids of their
 * open tasks: a completion that finds its task here skips its read — one statement instead of two.
 *
 * Never trusted on its own. The fast write is guarded by the revision the remembered row holds, and every
 * change to an instance moves its revision, so a row some other writer made stale (another process, the
 * general path, an admin's move) updates nothing and the completion reads the instance as before; an
 * answer refused on what was remembered is judged again on what is stored. Rows are kept as their JSON
 * text, so each use parses its own copy (as a read would) and nothing the engine does to one can leak
 * into the next. Bounded by size, the least recently written out first — the idea of Temporal's
 * "sticky" workflow cache.
 */
import type { HistoryRow, InstanceRow } from './schema.ts';

/** An instance row with its history, as the fast path reads it (history ids aside: views do not show them). */
export type InstanceWithHistory = InstanceRow & { history: Omit<HistoryRow, 'id'>[] };

interface Entry {
  text: string;
  taskIds: readonly string[];
}

/**
 * @example
 * const recent = new RecentInstances(64 * 2 ** 20);
 * recent.remember(row); // after its write committed
 * recent.ofTask(taskId); // a copy of the row, or undefined
 */
export class RecentInstances {
  /** Bound on the remembered text, in bytes as V8 may hold it (two per character). */
  readonly #maxBytes: number;
  #bytes = 0;
  /** In the order written (a re-written instance moves to the end): the first is evicted first. */
  readonly #byInstance = new Map<string, Entry>();
  readonly #instanceOfTask = new Map<string, string>();

  constructor(maxBytes: number) {
    this.#maxBytes = maxBytes;
  }

  /** How many instances are remembered (for tests and metrics). */
  get size(): number {
    return this.#byInstance.size;
  }

  /**
   * Remembers `row` as just committed, under its open tasks; forgets it when it has none (an ended
   * instance is never completed again).
   */
  remember(row: InstanceWithHistory): void {
    this.forget(row.id);
    if (this.#maxBytes === 0 || row.status !== 'active') return;
    const taskIds: string[] = [];
    for (const task of Object.values(row.engineState.tasks))
      if (task.status === 'open') taskIds.push(task.id);
    if (taskIds.length === 0) return;
    const text = JSON.stringify(row);
    if (text.length * 2 > this.#maxBytes) return;
    this.#byInstance.set(row.id, { text, taskIds });
    for (const id of taskIds) this.#instanceOfTask.set(id, row.id);
    this.#bytes += text.length * 2;
    for (const oldest of this.#byInstance.keys()) {
      if (this.#bytes <= this.#maxBytes) break;
      this.forget(oldest);
    }
  }

  /** A fresh copy of the remembered instance `taskId` is open in, if any. */
  ofTask(taskId: string): InstanceWithHistory | undefined {
    const instanceId = this.#instanceOfTask.get(taskId);
    const entry = instanceId === undefined ? undefined : this.#byInstance.get(instanceId);
    return entry ? (JSON.parse(entry.text) as InstanceWithHistory) : undefined;
  }

  forget(instanceId: string): void {
    const entry = this.#byInstance.get(instanceId);
    if (!entry) return;
    this.#byInstance.delete(instanceId);
    for (const id of entry.taskIds) this.#instanceOfTask.delete(id);
    this.#bytes -= entry.text.length * 2;
  }
}
