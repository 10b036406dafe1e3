/** The dealer group's stores, as `GET /api/stores` lists them (store switcher, store pickers). */
import { useEffect, useState } from 'react';
import { api } from '../api/client.ts';

/** One store of the group. */
export interface StoreView {
  id: string;
  name: string;
}

/**
 * Loads the stores once per mounting component; `enabled: false` loads nothing (users bound to
 * one store never pick). A failed load leaves the list empty: pickers then offer no store.
 *
 * @example
 * const stores = useStores(isGroupUser(user));
 */
export function useStores(enabled = true): StoreView[] {
  const [stores, setStores] = useState<StoreView[]>([]);
  useEffect(() => {
    if (!enabled) return undefined;
    const controller = new AbortController();
    api.get('/api/stores', { signal: controller.signal }).then(
      (page) => {
        if (!controller.signal.aborted) setStores(page.items);
      },
      () => undefined,
    );
    return () => controller.abort();
  }, [enabled]);
  return stores;
}
