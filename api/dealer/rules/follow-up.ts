/**
 * Follow-up cadence per intent level (docs/dealership.md "Customers"): H weekly, A every 15 days, B monthly,
 * C every 3 months; N new contacts within a day; O/D/T have no sales follow-up.
 */
import type { INTENT_LEVELS } from '../../../dealer-rules/labels.ts';

type IntentLevel = (typeof INTENT_LEVELS)[number];

const CADENCE_DAYS: Partial<Record<IntentLevel, number>> = { H: 7, A: 15, B: 30, C: 90, N: 1 };

/**
 * When the next follow-up is due after a contact at `from`, or null when the level needs none.
 *
 * @example
 * nextFollowUp('H', new Date('2026-11-01T00:00:00Z'))?.toISOString(); // '2026-11-08T00:00:00.000Z'
 */
export function nextFollowUp(level: string, from: Date): Date | null {
  const days = CADENCE_DAYS[level as IntentLevel];
  if (days === undefined) return null;
  return new Date(from.getTime() + days * 24 * 60 * 60 * 1000);
}
