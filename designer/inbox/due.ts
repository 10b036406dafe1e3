/** How close a task is to its deadline. */
export type DueState = 'overdue' | 'soon' | 'ok' | 'none';

/** Tasks due within this window are flagged as due soon. */
export const DUE_SOON_MS = 4 * 3_600_000;

/**
 * Classifies a due date against `now`.
 *
 * @example
 * dueState('2026-11-22T08:00:00Z', new Date('2026-11-22T09:00:00Z')); // 'overdue'
 */
export function dueState(dueAt: string | null, now: Date): DueState {
  if (!dueAt) return 'none';
  const left = new Date(dueAt).getTime() - now.getTime();
  if (left < 0) return 'overdue';
  return left <= DUE_SOON_MS ? 'soon' : 'ok';
}
