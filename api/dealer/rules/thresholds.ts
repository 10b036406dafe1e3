/** Per-store approval policy defaults (the catalogue itself is dealer-rules/catalogue.ts). */

/** Approval thresholds passed to the order-approval flow (workflows/README.md); per store, *defaults*. */
export interface ApprovalThresholds {
  amount: number;
  rate: number;
  accessoryManager: number;
  accessoryGm: number;
}
export const DEFAULT_THRESHOLDS: ApprovalThresholds = {
  amount: 1_000_000,
  rate: 0.05,
  accessoryManager: 0.1,
  accessoryGm: 0.15,
};

/** The thresholds of a store (one set for every store until stores carry their own policy). */
export function thresholdsForStore(_storeId: string): ApprovalThresholds {
  return DEFAULT_THRESHOLDS;
}
