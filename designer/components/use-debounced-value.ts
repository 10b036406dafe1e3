import { useEffect, useState } from 'react';

/**
 * `value`, once it has stopped changing for `delayMs` (a search box asks the server once the typing
 * pauses, not on every key).
 *
 * @example const q = useDebouncedValue(search, 300);
 */
export function useDebouncedValue<T>(value: T, delayMs: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), delayMs);
    return () => clearTimeout(timer);
  }, [value, delayMs]);
  return settled;
}
