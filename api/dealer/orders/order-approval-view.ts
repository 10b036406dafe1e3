/**
 * The approval side of an order for the approver's decision page: why the order needs the
 * approvals it gets (rules/approval-reasons.ts) and, after a return, what the consultant changed
 * and their note (kept in the order-approval flow's context by update-order.ts and the resubmit task).
 */

import type { Lang } from '../../../dealer-rules/labels.ts';
import { ratio, sumFen } from '../../../dealer-rules/money.ts';
import type { JsonObject } from '../../../engine/types.ts';
import { type ApprovalNeeds, approvalNeeds } from '../rules/approval-reasons.ts';
import { thresholdsForStore } from '../rules/thresholds.ts';
import type { OrderRow } from '../schema.ts';
import { changesFrom, type OrderChangeEntry } from './order-diff.ts';

export interface OrderApprovalView extends ApprovalNeeds {
  concessionRate: number;
  /** Changes since the last return, against what the approver saw (empty before any return). */
  changes: OrderChangeEntry[];
  /** The consultant's note when they resubmitted; null before any resubmission. */
  changeNote: string | null;
}

/**
 * @example
 * orderApprovalView(order, flow.context, 'zh-CN').reasons[0].text; // '优惠 8.0% 超过门店权限 5%，需总经理审批'
 */
export function orderApprovalView(
  o: OrderRow,
  flowContext: JsonObject | null,
  lang: Lang,
): OrderApprovalView {
  const listTotal = sumFen(o.accessories.map((a) => a.price));
  const concessionRate = ratio(o.concession, o.msrp);
  const needs = approvalNeeds(
    {
      concession: o.concession,
      concessionRate,
      grossProfit: o.grossProfit,
      accessoryDiscountRate: ratio(listTotal - o.accessoriesTotal, listTotal),
      queueJump: o.queueJump,
    },
    thresholdsForStore(o.storeId),
    lang,
  );
  const note = flowContext?.changeNote;
  return {
    ...needs,
    concessionRate,
    changes: changesFrom(flowContext?.changes),
    changeNote: typeof note === 'string' && note.trim() !== '' ? note : null,
  };
}
