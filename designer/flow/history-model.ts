/**
 * Undo / redo as a pure value: the present, what came before and what was undone.
 */

export interface UndoHistory<T> {
  past: T[];
  present: T;
  future: T[];
}

/** Steps kept for undo; older ones are dropped. */
export const UNDO_LIMIT = 100;

/** A history holding only `present`. */
export function initHistory<T>(present: T): UndoHistory<T> {
  return { past: [], present, future: [] };
}

/**
 * Records a new present; what was undone is forgotten. Pushing the same value changes nothing.
 *
 * @example
 * let h = initHistory(1); h = pushHistory(h, 2); undoHistory(h).present; // 1
 */
export function pushHistory<T>(h: UndoHistory<T>, next: T, limit = UNDO_LIMIT): UndoHistory<T> {
  if (Object.is(next, h.present)) return h;
  return { past: [...h.past, h.present].slice(-limit), present: next, future: [] };
}

/** Goes one step back (no-op at the beginning). */
export function undoHistory<T>(h: UndoHistory<T>): UndoHistory<T> {
  const prev = h.past.at(-1);
  if (h.past.length === 0) return h;
  return { past: h.past.slice(0, -1), present: prev as T, future: [h.present, ...h.future] };
}

/** Goes one step forward again (no-op when nothing was undone). */
export function redoHistory<T>(h: UndoHistory<T>): UndoHistory<T> {
  const [next, ...rest] = h.future;
  if (h.future.length === 0) return h;
  return { past: [...h.past, h.present], present: next as T, future: rest };
}
