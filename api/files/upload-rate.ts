/**
 * The per-user upload rate (`UPLOAD_RATE_MB_PER_MIN`): a token bucket of bytes per user, full at one
 * minute's allowance and refilled continuously. An upload is admitted while the bucket holds what it
 * announces (its Content-Length, at most a full bucket); the bytes it actually sends are charged, so
 * a bucket may go below zero and the next upload waits. Kept in the process: with several processes
 * each allows the rate.
 */
import { AppError } from '../../engine/errors.ts';

interface Bucket {
  tokens: number;
  at: number;
}

/** Per-user byte allowance for uploads. */
export class UploadRate {
  readonly #perMinute: number;
  readonly #now: () => number;
  readonly #buckets = new Map<string, Bucket>();

  /** `bytesPerMinute` per user; `now` in milliseconds (a test's clock). */
  constructor(bytesPerMinute: number, now: () => number = Date.now) {
    this.#perMinute = bytesPerMinute;
    this.#now = now;
  }

  #bucket(userId: string): Bucket {
    const now = this.#now();
    const bucket = this.#buckets.get(userId) ?? { tokens: this.#perMinute, at: now };
    bucket.tokens = Math.min(this.#perMinute, bucket.tokens + ((now - bucket.at) * this.#perMinute) / 60_000);
    bucket.at = now;
    this.#buckets.set(userId, bucket);
    return bucket;
  }

  /**
   * Throws 429 with `Retry-After` when the user's allowance does not cover `expected` bytes.
   *
   * @example rate.admit(actor.id, Number(c.req.header('content-length') ?? 0));
   */
  admit(userId: string, expected: number): void {
    const bucket = this.#bucket(userId);
    const need = Math.min(Math.max(expected, 1), this.#perMinute);
    if (bucket.tokens >= need) return;
    const seconds = Math.max(1, Math.ceil(((need - bucket.tokens) * 60) / this.#perMinute));
    throw new AppError(
      'too_many_requests',
      `Upload rate exceeded (${this.#perMinute} bytes per minute); retry in ${seconds} s`,
      [{ path: '/file', message: 'upload rate exceeded' }],
      { retryAfterSeconds: seconds },
    );
  }

  /** Charges bytes received for the user. */
  charge(userId: string, bytes: number): void {
    this.#bucket(userId).tokens -= bytes;
    if (this.#buckets.size > 10_000) this.#forgetFull();
  }

  /** Drops users whose bucket is full again, so the map does not grow without end. */
  #forgetFull(): void {
    for (const userId of [...this.#buckets.keys()])
      if (this.#bucket(userId).tokens >= this.#perMinute) this.#buckets.delete(userId);
  }
}
