import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../session/session.tsx';
import { type ApiArgs, type ApiData, type ApiPath, callApi } from './client.ts';

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
 * GETs the route `path` with its `params` and refetches whenever they (or the store filter, or the UI
 * language: the server words task names and labels in it) change;
 * a null path fetches nothing. Earlier answers arriving late are dropped, so the newest query wins.
 * `data` has the route's response type (designer/api/schema.d.ts).
 *
 * @example
 * const { data } = useApiQuery('/api/tasks', { params: { query: { scope: 'mine', page: 1 } } });
 */
export function useApiQuery<P extends ApiPath<'get'>>(
  path: P | null,
  ...[init]: ApiArgs<P, 'get'>
): ApiQueryResult<ApiData<P, 'get'>> {
  const { storeFilter } = useSession();
  const { i18n } = useTranslation();
  const language = i18n.language;
  const [data, setData] = useState<ApiData<P, 'get'>>();
  const [error, setError] = useState<Error>();
  const [loading, setLoading] = useState(path !== null);
  const [tick, setTick] = useState(0);
  // The options are compared by value: callers write them inline, a new object on every render.
  const key = JSON.stringify(init ?? {});
  const latest = useRef(init);
  latest.current = init;
  /** What the shown data answers: a refetch of the same thing is a background reload. */
  const answered = useRef<string | undefined>(undefined);

  useEffect(() => {
    if (path === null) return undefined;
    const controller = new AbortController();
    const asked = JSON.stringify([path, key, storeFilter, language]);
    if (answered.current !== asked) setLoading(true);
    // storeFilter, language and tick are read so a change of any refetches.
    void storeFilter;
    void language;
    void tick;
    callApi('get', path, latest.current, controller.signal).then(
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
  }, [path, key, storeFilter, language, tick]);

  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { data, error, loading, reload };
}
