import { useCallback, useEffect, useRef, useState } from 'react';
import { api, type Query } from '../api-client.ts';
import { useSession } from '../session/session.tsx';

export interface ApiQueryResult<T> {
  data: T | undefined;
  error: Error | undefined;
  /**
   * True until the current path and query have an answer. A `reload()` of the same query keeps the
   * shown data and does not set it: a live refresh must not cover the rows (a click on a row being
   * masked by the spinner is lost).
   */
  loading: boolean;
  /** Fetches again (e.g. after an action or on a polling tick). */
  reload(): void;
}

/**
 * GETs `path` with `query` and refetches whenever either (or the store filter) changes; a null path
 * fetches nothing. Earlier answers arriving late are dropped, so the newest query wins; `reload()`
 * refetches in the background (see `loading`).
 *
 * @example
 * const { data } = useApiQuery<Page<TaskView>>('/api/tasks', { scope: 'mine', page: 1 });
 */
export function useApiQuery<T>(path: string | null, query: Query = {}): ApiQueryResult<T> {
  const { storeFilter } = useSession();
  const [data, setData] = useState<T>();
  const [error, setError] = useState<Error>();
  const [loading, setLoading] = useState(path !== null);
  const [tick, setTick] = useState(0);
  const key = JSON.stringify(query);
  /** What the shown data answers: a refetch of the same thing is a background reload. */
  const answered = useRef<string | undefined>(undefined);

  useEffect(() => {
    if (path === null) return undefined;
    const controller = new AbortController();
    const asked = JSON.stringify([path, key, storeFilter]);
    if (answered.current !== asked) setLoading(true);
    // storeFilter and tick are read so a change of either refetches.
    void storeFilter;
    void tick;
    api.get<T>(path, JSON.parse(key) as Query, controller.signal).then(
      (result) => {
        if (controller.signal.aborted) return;
        answered.current = asked;
        setData(result);
        setError(undefined);
        setLoading(false);
      },
      (e: unknown) => {
        if (controller.signal.aborted) return;
        setError(e instanceof Error ? e : new Error(String(e)));
        setLoading(false);
      },
    );
    return () => controller.abort();
  }, [path, key, storeFilter, tick]);

  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { data, error, loading, reload };
}
