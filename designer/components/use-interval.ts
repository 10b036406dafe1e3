import { useEffect, useRef } from 'react';

/**
 * Calls `callback` every `ms` while mounted (the inbox's 10 s refresh); the latest callback is
 * used without restarting the timer.
 */
export function useInterval(callback: () => void, ms: number): void {
  const latest = useRef(callback);
  latest.current = callback;
  useEffect(() => {
    const id = setInterval(() => latest.current(), ms);
    return () => clearInterval(id);
  }, [ms]);
}
