/**
 * Signed webhooks. Each delivery is a POST of JSON `{ id, event, createdAt, data }` with
 *
 * - `X-Dealerflow-Timestamp`: seconds since the epoch when it was sent;
 * - `X-Dealerflow-Signature`: `v1=` + hex HMAC-SHA256, keyed with the shared secret, over
 *   `timestamp + "." + body` (the raw body bytes as received);
 * - `X-Dealerflow-Delivery`: the outbox row id, the same on every retry (receivers de-duplicate by it);
 * - `X-Dealerflow-Event`: the event name.
 *
 * Receivers check the signature with `verifyWebhook` and refuse timestamps outside the replay window
 * (`WEBHOOK_TOLERANCE_SECONDS`, 5 minutes either side), so a captured request cannot be replayed later.
 * Any answer but 2xx, a network error or no answer within the timeout is retried by the outbox worker.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { OutboxChannel } from '../../engine/store/outbox-worker.ts';
import { PermanentDeliveryError } from '../../engine/store/outbox-worker.ts';
import type { JsonObject } from '../../engine/types.ts';

export const TIMESTAMP_HEADER = 'x-dealerflow-timestamp';
export const SIGNATURE_HEADER = 'x-dealerflow-signature';
export const DELIVERY_HEADER = 'x-dealerflow-delivery';
export const EVENT_HEADER = 'x-dealerflow-event';

/** The replay window: a signed request older or newer than this is refused. */
export const WEBHOOK_TOLERANCE_SECONDS = 300;

/**
 * The signature header's value for a body sent at `timestamp` (seconds).
 *
 * @example
 * signWebhook('s3cret', 1796400000, '{"id":1}'); // 'v1=5c0…'
 */
export function signWebhook(secret: string, timestamp: number, body: string): string {
  return `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** What a receiver got. */
export interface WebhookRequestParts {
  /** The `X-Dealerflow-Timestamp` header. */
  timestamp: string | null | undefined;
  /** The `X-Dealerflow-Signature` header. */
  signature: string | null | undefined;
  /** The raw body, exactly as received. */
  body: string;
}

/** Why a webhook was refused, or that it is genuine. */
export type WebhookVerdict = { ok: true } | { ok: false; reason: 'malformed' | 'stale' | 'bad_signature' };

/**
 * Receiver side: whether a request was signed with `secret` within the replay window of `now`.
 *
 * @example
 * const verdict = verifyWebhook('s3cret', { timestamp: req.headers['x-dealerflow-timestamp'],
 *   signature: req.headers['x-dealerflow-signature'], body: rawBody });
 * if (!verdict.ok) res.writeHead(401).end();
 */
export function verifyWebhook(
  secret: string,
  parts: WebhookRequestParts,
  options: { now?: Date; toleranceSeconds?: number } = {},
): WebhookVerdict {
  const timestamp = Number(parts.timestamp);
  if (!parts.timestamp || !Number.isInteger(timestamp) || !parts.signature)
    return { ok: false, reason: 'malformed' };
  const now = Math.floor((options.now ?? new Date()).getTime() / 1000);
  if (Math.abs(now - timestamp) > (options.toleranceSeconds ?? WEBHOOK_TOLERANCE_SECONDS)) {
    return { ok: false, reason: 'stale' };
  }
  const expected = Buffer.from(signWebhook(secret, timestamp, parts.body));
  const given = Buffer.from(parts.signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
    return { ok: false, reason: 'bad_signature' };
  }
  return { ok: true };
}

/** Settings of the webhook channel. */
export interface WebhookSettings {
  secret: string | undefined;
  /** Where rows without their own `url` go. */
  defaultUrl?: string | undefined;
  /** Milliseconds to wait for an answer (default 10 000). */
  timeoutMs?: number;
}

const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The outbox channel of topic `webhook`. A row's payload is the `webhook` effect's args (`url`,
 * `event`, `data`, ...) plus the instance; everything but `url` is sent as `data` unless `data` is given.
 */
export function webhookChannel(settings: WebhookSettings): OutboxChannel {
  return {
    async deliver(message, { now }) {
      const { url: ownUrl, event, data, ...rest } = message.payload;
      const url = typeof ownUrl === 'string' ? ownUrl : settings.defaultUrl;
      if (!url || !/^https?:\/\//.test(url)) throw new PermanentDeliveryError('Webhook has no http(s) url');
      if (!settings.secret) throw new PermanentDeliveryError('WEBHOOK_SECRET is not set');
      const body = JSON.stringify({
        id: message.id,
        event: typeof event === 'string' ? event : 'webhook',
        createdAt: new Date(message.createdAt).toISOString(),
        data: isObject(data) ? { ...data, instance: rest.instance ?? null } : rest,
      });
      const timestamp = Math.floor(now.getTime() / 1000);
      const response = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          [TIMESTAMP_HEADER]: String(timestamp),
          [SIGNATURE_HEADER]: signWebhook(settings.secret, timestamp, body),
          [DELIVERY_HEADER]: String(message.id),
          [EVENT_HEADER]: typeof event === 'string' ? event : 'webhook',
        },
        body,
        signal: AbortSignal.timeout(settings.timeoutMs ?? 10_000),
      });
      // The body is not needed; reading it frees the connection.
      await response.arrayBuffer().catch(() => undefined);
      if (!response.ok) throw new Error(`Webhook answered ${response.status}`);
    },
  };
}
