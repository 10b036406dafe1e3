/**
 * `GET /api/events`: Server-Sent Events that keep an inbox live without a reload. Each stream gets
 * `ready` once it is subscribed (refetch then: it may follow a reconnect), `task` for each task
 * opened, claimed or closed that the user may act on, `cc` for each CC (抄送) of the user's, `resync` when the server's LISTEN connection
 * came back (notifications may have been lost), and a comment line every 25 s so proxies and the
 * browser keep the connection open.
 */
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { type SSEMessage, type SSEStreamingApi, streamSSE } from 'hono/streaming';
import { AppError } from '../../engine/errors.ts';
import type { CcEvent, NotificationEvent, TaskEvent, TaskEvents } from '../../engine/store/task-events.ts';
import type { Actor } from '../../engine/types.ts';
import type { AppEnv } from '../context.ts';
import { validationHook } from '../errors.ts';
import { allowAnyUser, currentActor } from '../rbac.ts';
import { ERRORS } from '../schemas/common.ts';
import { mayActOn } from './audience.ts';

/** Options of the events stream. */
export interface EventRoutesOptions {
  /** Milliseconds between heartbeat comments (default 25 000). */
  heartbeatMs?: number;
  /** Writes a client may leave unread before its stream is dropped (default 256); it reconnects. */
  maxPendingWrites?: number;
}

/** How long the browser waits before reconnecting after a drop, sent with `ready`. */
const RETRY_MS = 3_000;

const eventsRoute = createRoute({
  method: 'get',
  path: '/events',
  tags: ['live'],
  summary:
    'Live task events (Server-Sent Events): ready, task, cc, notification, resync; a comment heartbeat every 25 s',
  description:
    'A `text/event-stream`. `event: task` carries `{ taskId, instanceId, name, state, status: "opened"|"closed", ' +
    'assignee, owner, candidateUsers, candidateRoles, storeId }` for tasks the caller may act on; ' +
    "`event: cc` carries `{ ccId, instanceId, userId }` when the caller was CC'd (抄送); " +
    '`event: notification` carries `{ id }` when a message-centre entry arrived for the caller. ' +
    'Browsers authenticate with the session cookie (EventSource sends no headers); Bearer works too.',
  ...allowAnyUser(),
  responses: {
    200: { description: 'The event stream', content: { 'text/event-stream': { schema: z.string() } } },
    401: ERRORS[401],
    503: { description: 'Live events unavailable (database cannot LISTEN)' },
  },
});

/**
 * The events route over a per-process hub; without a hub it answers 503.
 *
 * @example
 * api.route('/', eventRoutes(new TaskEvents(database)));
 */
export function eventRoutes(hub: TaskEvents | undefined, options: EventRoutesOptions = {}) {
  const heartbeatMs = options.heartbeatMs ?? 25_000;
  const maxPending = options.maxPendingWrites ?? 256;
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook }).openapi(eventsRoute, async (c) => {
    const actor = currentActor(c);
    if (!hub) throw new AppError('unavailable', 'Live task events are not enabled');
    // LISTEN first, so a 503 can still be an ordinary JSON error.
    await hub.start();
    // Tells nginx-style proxies not to buffer the stream.
    c.header('X-Accel-Buffering', 'no');
    return streamSSE(c, (stream) => serveStream(c, stream, { hub, actor, heartbeatMs, maxPending }));
  });
}

interface StreamDeps {
  hub: TaskEvents;
  actor: Actor;
  heartbeatMs: number;
  maxPending: number;
}

/** Runs one subscriber until the client goes away (or falls too far behind). */
async function serveStream(c: Context<AppEnv>, stream: SSEStreamingApi, deps: StreamDeps): Promise<void> {
  const { hub, actor } = deps;
  let pending = 0;
  let queue = Promise.resolve();
  let finish = () => {};
  const finished = new Promise<void>((resolve) => {
    finish = resolve;
  });
  stream.onAbort(finish);
  c.req.raw.signal.addEventListener('abort', finish, { once: true });

  // Writes wait for the client to read; a client that stops reading is dropped, not buffered forever.
  const send = (write: () => Promise<unknown>) => {
    if (pending >= deps.maxPending) {
      c.get('logger').warn({ user: actor.username, pending }, 'events: client too slow, closing stream');
      // Cancels the response body: queued writes fail and the connection ends; the client reconnects.
      stream.abort();
      return;
    }
    pending += 1;
    queue = queue.then(write).then(
      () => {
        pending -= 1;
      },
      () => {
        pending -= 1;
      },
    );
  };
  const message = (m: SSEMessage) => send(() => stream.writeSSE(m));

  const unsubscribe = hub.subscribe({
    onTask: (event: TaskEvent) => {
      if (mayActOn(actor, event)) message({ event: 'task', data: JSON.stringify(publicEvent(event)) });
    },
    // A CC is the recipient's business only.
    onCc: (event: CcEvent) => {
      if (event.userId !== actor.id) return;
      const { ccId, instanceId, userId } = event;
      message({ event: 'cc', data: JSON.stringify({ ccId, instanceId, userId }) });
    },
    // A message-centre entry likewise (the bell refetches its count).
    onNotification: (event: NotificationEvent) => {
      if (event.userId !== actor.id) return;
      message({ event: 'notification', data: JSON.stringify({ id: event.notificationId }) });
    },
    onResync: () => message({ event: 'resync', data: '{}' }),
    onClose: finish,
  });
  const heartbeat = setInterval(() => send(() => stream.write(': heartbeat\n\n')), deps.heartbeatMs);
  try {
    message({ event: 'ready', data: '{}', retry: RETRY_MS });
    await finished;
  } finally {
    clearInterval(heartbeat);
    unsubscribe();
  }
}

/** The event as clients see it (the internal `partial` flag never leaves). */
function publicEvent(event: TaskEvent): Omit<TaskEvent, 'partial' | 'kind'> {
  const { partial: _partial, kind: _kind, ...rest } = event;
  return rest;
}
