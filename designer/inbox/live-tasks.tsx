/**
 * One live task stream for the whole logged-in app: the shell opens it once, and pages that show
 * tasks subscribe to a debounced "something changed" signal instead of opening streams of their own.
 * A CC (抄送) to the user also counts as a change (the inbox refetches 抄送我的) and shows a short
 * "新的抄送" message wherever the user is.
 */
import { App } from 'antd';
import {
  createContext,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useEffectEvent,
  useMemo,
  useRef,
  useState,
} from 'react';
import { useTranslation } from 'react-i18next';
import { useTaskEvents } from '../live/use-task-events.ts';

/** Bursts of events (a completion closes one task and opens the next) refetch once. */
export const LIVE_DEBOUNCE_MS = 300;

interface LiveTasksValue {
  /** Whether the event stream is connected (pages poll only while it is not). */
  streamUp: boolean;
  subscribe(listener: () => void): () => void;
}

const LiveTasksContext = createContext<LiveTasksValue | null>(null);

/** Opens `/api/events` while mounted and tells subscribers, debounced, when tasks changed. */
export function LiveTasksProvider({ children }: { children: ReactNode }) {
  const [streamUp, setStreamUp] = useState(false);
  const listeners = useRef(new Set<() => void>());
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const { t } = useTranslation();
  const { message } = App.useApp();

  useEffect(() => () => clearTimeout(timer.current), []);
  useTaskEvents(
    (event) => {
      // One message for a burst of CCs (a CC node may copy the user on several rows at once).
      if (event.type === 'cc') void message.info({ key: 'live-cc', content: t('inbox.newCc') });
      clearTimeout(timer.current);
      timer.current = setTimeout(() => {
        for (const listener of listeners.current) listener();
      }, LIVE_DEBOUNCE_MS);
    },
    { onConnectionChange: setStreamUp },
  );

  const subscribe = useCallback((listener: () => void) => {
    listeners.current.add(listener);
    return () => {
      listeners.current.delete(listener);
    };
  }, []);
  const value = useMemo(() => ({ streamUp, subscribe }), [streamUp, subscribe]);
  return <LiveTasksContext.Provider value={value}>{children}</LiveTasksContext.Provider>;
}

/**
 * Calls `onChange` after live task events (debounced); answers whether the stream is up. Outside
 * a `LiveTasksProvider` nothing is pushed and the stream counts as down, so callers keep polling.
 *
 * @example
 * const live = useLiveTasks(refresh);
 * useInterval(() => { if (!live) refresh(); }, INBOX_POLL_MS);
 */
export function useLiveTasks(onChange: () => void): boolean {
  const context = useContext(LiveTasksContext);
  const notify = useEffectEvent(onChange);
  useEffect(() => context?.subscribe(() => notify()), [context]);
  return context?.streamUp ?? false;
}
