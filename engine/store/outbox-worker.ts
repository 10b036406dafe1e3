/**
 * The outbox worker (docs/architecture.md "The life of a step", docs/operations.md "Several
 * processes"): what effects leave the process through. Rows are claimed in batches with
 * `FOR UPDATE SKIP LOCKED` and leased (their `available_at` moved past the delivery time) in one
 * short transaction, delivered outside any transaction through the channel of their topic (all of a
 * topic's rows in one call when the channel has `deliverMany`), then marked `delivered`, or
 * rescheduled with exponential backoff and jitter, or `dead` after `maxAttempts`. Several processes
 * may run it on one database: a claimed row is invisible to the others until its lease runs out, so
 * each row is delivered once (a process that dies mid-delivery leaves the row to be delivered again
 * after the lease: at least once, never lost).
 *
 * Channels are pluggable by topic and know nothing of each other; a topic without a channel stays
 * pending (another release's worker may deliver it).
 */
import { and, eq } from 'drizzle-orm';
import type { JsonObject } from '../types.ts';
import type { StoreLogger } from './context.ts';
import { type Database, queryRows } from './db.ts';
import { outbox } from './schema.ts';

/** One row as a channel sees it. */
export interface OutboxMessage {
  id: number;
  topic: string;
  payload: JsonObject;
  instanceId: string | null;
  /** This delivery's number, from 1. */
  attempt: number;
  createdAt: string;
}

/** What a channel may use while delivering. */
export interface DeliveryContext {
  database: Database;
  /** The worker's clock at the claim. */
  now: Date;
  logger: StoreLogger;
}

/** Delivers the messages of one topic; throws to have the row retried (or `PermanentDeliveryError`). */
export interface OutboxChannel {
  deliver(message: OutboxMessage, ctx: DeliveryContext): Promise<void>;
  /**
   * Optional: delivers several messages of the topic at once (one statement instead of one each),
   * answering each one's failure in order (undefined: delivered). When it throws, the worker delivers
   * the messages one by one with `deliver`, so a bad message fails alone.
   */
  deliverMany?(messages: OutboxMessage[], ctx: DeliveryContext): Promise<unknown[]>;
}

/** A failure retrying cannot mend (a malformed payload, a refused address): the row goes dead at once. */
export class PermanentDeliveryError extends Error {
  override readonly name = 'PermanentDeliveryError';
}

/** Settings of the worker; every one has a default. */
export interface OutboxWorkerOptions {
  database: Database;
  /** Channels by topic (`webhook`, `notify`, `sms.customer`, ...). */
  channels: Record<string, OutboxChannel>;
  clock?: () => Date;
  logger?: StoreLogger;
  /** Identifies this process in `claimed_by`. */
  workerId?: string;
  /** Rows claimed per batch (default 20). */
  batchSize?: number;
  /** Deliveries before a row is dead (default 8). */
  maxAttempts?: number;
  /** The first retry's delay in ms (default 10 s); doubled per attempt. */
  baseDelayMs?: number;
  /** The longest retry delay in ms (default 1 h). */
  maxDelayMs?: number;
  /** How long a claimed row stays invisible to other workers, in ms (default 2 min). */
  leaseMs?: number;
  /** A number in [0, 1); injected so tests control the jitter. */
  random?: () => number;
}

/** What one `deliverDue` call did. */
export interface DeliveryReport {
  delivered: number;
  retried: number;
  dead: number;
}

const SILENT: StoreLogger = { info() {}, warn() {}, error() {} };
const ERROR_MAX = 1_000;

/**
 * The delay before retry number `attempt` (1 = after the first failure): `base * 2^(attempt-1)`,
 * capped at `max`, of which the upper half is random ("equal jitter"), so retries of many rows that
 * failed together spread out instead of arriving together.
 *
 * @example
 * backoffMs(3, { baseMs: 10_000, maxMs: 3_600_000, random: () => 0 }); // 20_000
 */
export function backoffMs(
  attempt: number,
  o: { baseMs: number; maxMs: number; random: () => number },
): number {
  const full = Math.min(o.maxMs, o.baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(full / 2 + o.random() * (full / 2));
}

const describeError = (error: unknown): string =>
  (error instanceof Error ? `${error.name}: ${error.message}` : String(error)).slice(0, ERROR_MAX);

/**
 * Claims a batch in one statement: the due rows of the topics (`$4`), locked and skipped by any other
 * worker, leased to this one (`$3`) until `$2`, each with its attempt counted.
 */
const CLAIM = `UPDATE outbox SET attempts = attempts + 1, available_at = $2::timestamptz, claimed_by = $3
WHERE id IN (
  SELECT id FROM outbox
  WHERE status = 'pending' AND available_at <= $1::timestamptz
    AND topic IN (SELECT jsonb_array_elements_text($4::jsonb))
  ORDER BY available_at, id LIMIT $5::int
  FOR UPDATE SKIP LOCKED
)
RETURNING id::float8 AS id, topic, payload, instance_id AS "instanceId", attempts AS attempt,
  created_at::text AS "createdAt"`;

/** Marks rows delivered, each only while still this worker's claim of that attempt (as `#mine`). */
const MARK_DELIVERED = `UPDATE outbox o SET status = 'delivered', delivered_at = $2::timestamptz, last_error = NULL
FROM jsonb_to_recordset($1::jsonb) AS m(id bigint, attempts int)
WHERE o.id = m.id AND o.status = 'pending' AND o.attempts = m.attempts AND o.claimed_by = $3`;

/**
 * Claims and delivers due outbox rows.
 *
 * @example
 * const worker = new OutboxWorker({ database, channels: { webhook: webhookChannel(settings) } });
 * const loop = worker.start(1000); // ... await loop.stop();
 */
export class OutboxWorker {
  readonly #o: Required<Omit<OutboxWorkerOptions, 'channels' | 'database'>>;
  readonly #database: Database;
  readonly #channels: Record<string, OutboxChannel>;

  constructor(options: OutboxWorkerOptions) {
    this.#database = options.database;
    this.#channels = options.channels;
    this.#o = {
      clock: options.clock ?? (() => new Date()),
      logger: options.logger ?? SILENT,
      workerId: options.workerId ?? crypto.randomUUID(),
      batchSize: options.batchSize ?? 20,
      maxAttempts: options.maxAttempts ?? 8,
      baseDelayMs: options.baseDelayMs ?? 10_000,
      maxDelayMs: options.maxDelayMs ?? 3_600_000,
      leaseMs: options.leaseMs ?? 120_000,
      random: options.random ?? Math.random,
    };
  }

  /** The topics this worker delivers. */
  get topics(): string[] {
    return Object.keys(this.#channels);
  }

  /** Claims up to one batch of due rows and leases them to this worker. */
  async #claim(now: Date): Promise<OutboxMessage[]> {
    const topics = this.topics;
    if (topics.length === 0) return [];
    const nowIso = now.toISOString();
    const leased = new Date(now.getTime() + this.#o.leaseMs).toISOString();
    const rows = await queryRows<OutboxMessage>(this.#database, CLAIM, [
      nowIso,
      leased,
      this.#o.workerId,
      JSON.stringify(topics),
      this.#o.batchSize,
    ]);
    return rows.sort((a, b) => a.id - b.id);
  }

  /** The row as this worker claimed it: a lease taken over by another worker is not ours to settle. */
  #mine(message: OutboxMessage) {
    return and(
      eq(outbox.id, message.id),
      eq(outbox.status, 'pending'),
      eq(outbox.attempts, message.attempt),
      eq(outbox.claimedBy, this.#o.workerId),
    );
  }

  async #deliverOne(message: OutboxMessage, now: Date): Promise<keyof DeliveryReport> {
    const channel = this.#channels[message.topic];
    try {
      if (!channel) throw new PermanentDeliveryError(`No channel for topic ${message.topic}`);
      await channel.deliver(message, this.#context(now));
    } catch (error) {
      return this.#failed(message, error);
    }
    // Marked delivered by deliverBatch, one statement for the whole batch.
    return 'delivered';
  }

  #context(now: Date): DeliveryContext {
    return { database: this.#database, now, logger: this.#o.logger };
  }

  /** Reschedules a failed delivery with backoff, or dead-letters it; answers which. */
  async #failed(message: OutboxMessage, error: unknown): Promise<'retried' | 'dead'> {
    const lastError = describeError(error);
    const dead = error instanceof PermanentDeliveryError || message.attempt >= this.#o.maxAttempts;
    const at = this.#o.clock();
    const delay = backoffMs(message.attempt, {
      baseMs: this.#o.baseDelayMs,
      maxMs: this.#o.maxDelayMs,
      random: this.#o.random,
    });
    await this.#database.db
      .update(outbox)
      .set(
        dead
          ? { status: 'dead', lastError }
          : { availableAt: new Date(at.getTime() + delay).toISOString(), lastError },
      )
      .where(this.#mine(message));
    this.#o.logger.warn(
      { outboxId: message.id, topic: message.topic, attempt: message.attempt, dead, err: lastError },
      dead ? 'outbox: delivery failed, dead-lettered' : 'outbox: delivery failed, will retry',
    );
    return dead ? 'dead' : 'retried';
  }

  /**
   * What became of each claimed message: a topic whose channel takes several at once gets its
   * messages in one call (one by one when that call fails as a whole), the others one by one.
   */
  async #deliverAll(claimed: OutboxMessage[], now: Date): Promise<(keyof DeliveryReport)[]> {
    const outcomes: (keyof DeliveryReport)[] = [];
    const byTopic = new Map<string, number[]>();
    for (const [i, message] of claimed.entries()) {
      const indexes = byTopic.get(message.topic) ?? [];
      indexes.push(i);
      byTopic.set(message.topic, indexes);
    }
    const one = async (i: number) => {
      outcomes[i] = await this.#deliverOne(claimed[i]!, now);
    };
    await Promise.all(
      [...byTopic].map(async ([topic, indexes]) => {
        const channel = this.#channels[topic];
        if (!channel?.deliverMany || indexes.length < 2) return Promise.all(indexes.map(one));
        const messages = indexes.map((i) => claimed[i]!);
        const failures = await channel.deliverMany(messages, this.#context(now)).catch((error: unknown) => {
          this.#o.logger.warn(
            { topic, messages: messages.length, err: describeError(error) },
            'outbox: batch failed, one by one',
          );
          return undefined;
        });
        if (!failures) return Promise.all(indexes.map(one));
        return Promise.all(
          indexes.map(async (i, k) => {
            const failure = failures[k];
            outcomes[i] = failure === undefined ? 'delivered' : await this.#failed(claimed[i]!, failure);
          }),
        );
      }),
    );
    return outcomes;
  }

  /** Delivers one batch of due rows (in parallel) and reports what became of them. */
  async deliverBatch(): Promise<DeliveryReport & { claimed: number }> {
    const now = this.#o.clock();
    const claimed = await this.#claim(now);
    const report = { claimed: claimed.length, delivered: 0, retried: 0, dead: 0 };
    const outcomes = await this.#deliverAll(claimed, now);
    for (const outcome of outcomes) report[outcome] += 1;
    const delivered = claimed.filter((_, i) => outcomes[i] === 'delivered');
    if (delivered.length > 0) {
      // Each row only while still this worker's claim of that attempt (as #mine), in one statement.
      await queryRows(this.#database, MARK_DELIVERED, [
        JSON.stringify(delivered.map((m) => ({ id: m.id, attempts: m.attempt }))),
        this.#o.clock().toISOString(),
        this.#o.workerId,
      ]);
    }
    return report;
  }

  /**
   * Delivers batch after batch while batches come back full (a backlog drains in one run); a row
   * rescheduled for later is not due again within the run. `stopped()` ends it between batches.
   */
  async deliverDue(stopped: () => boolean = () => false): Promise<DeliveryReport> {
    const total = { delivered: 0, retried: 0, dead: 0 };
    let claimed = this.#o.batchSize;
    while (claimed === this.#o.batchSize && !stopped()) {
      const batch = await this.deliverBatch();
      claimed = batch.claimed;
      total.delivered += batch.delivered;
      total.retried += batch.retried;
      total.dead += batch.dead;
    }
    return total;
  }

  /** Runs `deliverDue` every `intervalMs` (never two runs at once); `stop()` ends it after the current batch. */
  start(intervalMs: number): { stop(): Promise<void> } {
    let running: Promise<unknown> = Promise.resolve();
    let busy = false;
    let stopping = false;
    const handle = setInterval(() => {
      if (busy) return;
      busy = true;
      running = this.deliverDue(() => stopping)
        .catch((error: unknown) => this.#o.logger.error({ err: error }, 'outbox loop failed'))
        .finally(() => {
          busy = false;
        });
    }, intervalMs);
    return {
      async stop() {
        stopping = true;
        clearInterval(handle);
        await running;
      },
    };
  }
}
