import { useEffect, useState } from 'react';
import { normalizeMobile } from '../../forms/formats.ts';
import { api } from '../api/client.ts';
import type { CustomerView } from './crm-types.ts';

/** Wait after the last keystroke before asking the server. */
export const DUPLICATE_CHECK_MS = 400;

/**
 * The existing customer with this mobile number in the store, looked up as the user types
 * (`GET /api/customers?q=<mobile>`, a prefix search) once the number is complete; undefined when
 * there is none or the number is not complete. The server's 409 stays the final word.
 */
export function useDuplicateMobile(mobile: string | undefined, storeId: string | undefined) {
  const [found, setFound] = useState<CustomerView>();
  const normalized = normalizeMobile(mobile ?? '');
  useEffect(() => {
    setFound(undefined);
    if (!normalized) return undefined;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      api
        .get('/api/customers', {
          params: { query: { q: normalized, storeId, page: 1, pageSize: 5 } },
          signal: controller.signal,
        })
        .then(
          (page) => {
            if (controller.signal.aborted) return;
            setFound(page.items.find((c) => c.mobile === normalized && (!storeId || c.storeId === storeId)));
          },
          () => undefined,
        );
    }, DUPLICATE_CHECK_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [normalized, storeId]);
  return found;
}
