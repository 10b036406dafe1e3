/**
 * Live task events for the inbox: an `EventSource` on `GET /api/events` (the session cookie
 * authenticates it), reconnecting after drops, so new and closed tasks show without a reload.
 */
import { useEffect, useEffectEvent } from 'react';

/** A task opened (or claimed) or closed that the user may act on, as the server sends it. */
export interface TaskEventData {
  taskId: string;
  instanceId: string;
  name: string;
  /** The state node id of the task. */
  state: string;
  status: 'opened' | 'closed';
  assignee: string | null;
  owner: string | null;
  candidateUsers: string[];
  candidateRoles: string[];
  storeId: string | null;
}

/** The user was CC'd (抄送) on an instance, as the server sends it (only to that user). */
export interface CcEventData {
  ccId: string;
  instanceId: string;
  userId: string;
}

/**
 * What the hook reports. `ready` after each (re)connection and `resync` when the server may have
 * missed notifications: refetch on both, as on `task`.
 */
export type TaskLiveEvent =
  | { type: 'task'; task: TaskEventData }
  | { type: 'cc'; cc: CcEventData }
  | { type: 'notification'; id: string }
  | { type: 'ready'; reconnected: boolean }
  | { type: 'resync' };

/** Options of `useTaskEvents`. */
export interface UseTaskEventsOptions {
  /** Off while nobody is logged in (default true). */
  enabled?: boolean;
  /** Default `/api/events`. */
  url?: string;
  /** First wait before reopening a stream the browser gave up on (doubles up to 30 s; default 1 s). */
  retryMs?: number;
  /**
   * Told `true` on each (re)connection and `false` when the stream drops, so a caller may poll
   * only while it is down.
   */
  onConnectionChange?: (open: boolean) => void;
}

const MAX_RETRY_MS = 30_000;

function parseTask(data: unknown): TaskEventData | undefined {
  if (typeof data !== 'string') return undefined;
  try {
    const value: unknown = JSON.parse(data);
    if (typeof value !== 'object' || value === null) return undefined;
    const task = value as Partial<TaskEventData>;
    const ok = typeof task.taskId === 'string' && (task.status === 'opened' || task.status === 'closed');
    return ok ? (value as TaskEventData) : undefined;
  } catch {
    return undefined;
  }
}

function parseCc(data: unknown): CcEventData | undefined {
  if (typeof data !== 'string') return undefined;
  try {
    const value: unknown = JSON.parse(data);
    if (typeof value !== 'object' || value === null) return undefined;
    const cc = value as Partial<CcEventData>;
    const ok =
      typeof cc.ccId === 'string' && typeof cc.instanceId === 'string' && typeof cc.userId === 'string';
    return ok ? (value as CcEventData) : undefined;
  } catch {
    return undefined;
  }
}

/** The id of a message-centre entry event (`{ id }`). */
function parseNotificationId(data: unknown): string | undefined {
  if (typeof data !== 'string') return undefined;
  try {
    const value: unknown = JSON.parse(data);
    const id = typeof value === 'object' && value !== null ? (value as { id?: unknown }).id : undefined;
    return typeof id === 'string' ? id : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Calls `onEvent` for each live task event until unmount. The browser's EventSource retries a
 * dropped connection by itself; when it gives up (an error status such as 503, or 401 after the
 * session expired) the hook reopens it with a growing delay. `onEvent` may change on every render.
 *
 * @example
 * // in the inbox: refetch the counts and the list when anything changes
 * useTaskEvents(() => void refetch(), { enabled: user !== null });
 */
export function useTaskEvents(
  onEvent: (event: TaskLiveEvent) => void,
  options: UseTaskEventsOptions = {},
): void {
  const { enabled = true, url = '/api/events', retryMs = 1_000 } = options;
  // Always the latest callback, without reopening the stream when it changes.
  const emit = useEffectEvent(onEvent);
  const connection = useEffectEvent((open: boolean) => options.onConnectionChange?.(open));

  useEffect(() => {
    if (!enabled || typeof EventSource === 'undefined') return;
    let source: EventSource | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let delay = retryMs;
    let connections = 0;
    let stopped = false;

    const open = () => {
      const current = new EventSource(url, { withCredentials: true });
      source = current;
      current.addEventListener('ready', () => {
        delay = retryMs;
        connections += 1;
        connection(true);
        emit({ type: 'ready', reconnected: connections > 1 });
      });
      current.addEventListener('task', (e) => {
        const task = parseTask((e as MessageEvent).data);
        if (task) emit({ type: 'task', task });
      });
      current.addEventListener('cc', (e) => {
        const cc = parseCc((e as MessageEvent).data);
        if (cc) emit({ type: 'cc', cc });
      });
      current.addEventListener('notification', (e) => {
        const id = parseNotificationId((e as MessageEvent).data);
        if (id) emit({ type: 'notification', id });
      });
      current.addEventListener('resync', () => emit({ type: 'resync' }));
      current.addEventListener('error', () => {
        if (!stopped) connection(false);
        // CONNECTING: the browser retries by itself. CLOSED: it gave up, so we try again later.
        if (current.readyState !== EventSource.CLOSED || stopped) return;
        timer = setTimeout(open, delay);
        delay = Math.min(delay * 2, MAX_RETRY_MS);
      });
    };
    open();
    return () => {
      stopped = true;
      clearTimeout(timer);
      source?.close();
    };
  }, [enabled, url, retryMs]);
}
