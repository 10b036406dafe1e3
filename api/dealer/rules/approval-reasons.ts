/**
 * Why an order needs the approvals it gets (docs/dealership.md "Approval rules"), in words for the approver:
 * "优惠 8.0% 超过门店权限 5%，需总经理审批". The same comparisons as the order-approval flow's
 * `gmCheck` guard (workflows/order-approval.workflow.json), so the page says what the flow does.
 */

import type { Lang } from '../../../dealer-rules/labels.ts';
import { formatYuan } from '../../../dealer-rules/money.ts';
import type { ApprovalThresholds } from './thresholds.ts';

/** The figures the flow routes on (fen and 0..1 ratios), as in the flow's context. */
export interface ApprovalFigures {
  concession: number;
  concessionRate: number;
  /** Null while the vehicle cost is unknown: routes like a non-negative margin. */
  grossProfit: number | null;
  accessoryDiscountRate: number;
  queueJump: boolean;
}

export type ApprovalReasonCode =
  | 'concession_amount'
  | 'concession_rate'
  | 'negative_profit'
  | 'queue_jump'
  | 'accessory_gm'
  | 'accessory_manager'
  | 'within_limits';

export interface ApprovalReason {
  code: ApprovalReasonCode;
  /** Who the rule calls for. */
  level: 'sales_manager' | 'general_manager';
  text: string;
}

/** What the order's approval needs and why. */
export interface ApprovalNeeds {
  /** The highest approver the rules call for. */
  level: 'sales_manager' | 'general_manager';
  reasons: ApprovalReason[];
  thresholds: ApprovalThresholds;
}

const percent = (rate: number) => `${(rate * 100).toFixed(1)}%`;
/** A threshold as people write it: 5%, not 5.0%. */
const limit = (rate: number) => `${Number((rate * 100).toFixed(1))}%`;

type Texts = Record<ApprovalReasonCode, (f: ApprovalFigures, t: ApprovalThresholds) => string>;

const ZH: Texts = {
  concession_amount: (f, t) =>
    `优惠 ${formatYuan(f.concession)} 超过门店权限 ${formatYuan(t.amount)}，需总经理审批`,
  concession_rate: (f, t) => `优惠 ${percent(f.concessionRate)} 超过门店权限 ${limit(t.rate)}，需总经理审批`,
  // No amount: the reason is shown to people who may not see the cost.
  negative_profit: () => '单车毛利为负，需总经理审批',
  queue_jump: () => '插队提车，需总经理审批',
  accessory_gm: (f, t) =>
    `精品折扣 ${percent(f.accessoryDiscountRate)} 超过 ${limit(t.accessoryGm)}，需总经理审批`,
  accessory_manager: (f, t) =>
    `精品折扣 ${percent(f.accessoryDiscountRate)} 超过 ${limit(t.accessoryManager)}，需销售经理审批`,
  within_limits: (f, t) =>
    `优惠 ${percent(f.concessionRate)}（${formatYuan(f.concession)}）在门店权限 ${limit(t.rate)} / ${formatYuan(t.amount)} 以内，销售经理审批即可`,
};

const EN: Texts = {
  concession_amount: (f, t) =>
    `Concession ${formatYuan(f.concession)} exceeds the store limit of ${formatYuan(t.amount)}: the general manager must approve`,
  concession_rate: (f, t) =>
    `Concession ${percent(f.concessionRate)} exceeds the store limit of ${limit(t.rate)}: the general manager must approve`,
  negative_profit: () => 'Negative gross profit: the general manager must approve',
  queue_jump: () => 'Jumps the allocation queue: the general manager must approve',
  accessory_gm: (f, t) =>
    `Accessory discount ${percent(f.accessoryDiscountRate)} exceeds ${limit(t.accessoryGm)}: the general manager must approve`,
  accessory_manager: (f, t) =>
    `Accessory discount ${percent(f.accessoryDiscountRate)} exceeds ${limit(t.accessoryManager)}: the sales manager must approve`,
  within_limits: (f, t) =>
    `Concession ${percent(f.concessionRate)} (${formatYuan(f.concession)}) is within the store limits of ${limit(t.rate)} / ${formatYuan(t.amount)}: the sales manager's approval is enough`,
};

const GM_RULES: [ApprovalReasonCode, (f: ApprovalFigures, t: ApprovalThresholds) => boolean][] = [
  ['concession_rate', (f, t) => f.concessionRate > t.rate],
  ['concession_amount', (f, t) => f.concession > t.amount],
  ['negative_profit', (f) => f.grossProfit !== null && f.grossProfit < 0],
  ['queue_jump', (f) => f.queueJump],
  ['accessory_gm', (f, t) => f.accessoryDiscountRate > t.accessoryGm],
];

/**
 * The approvals an order needs and the reason for each, in the given language.
 *
 * @example
 * approvalNeeds({ concession: 1_518_400, concessionRate: 0.08, grossProfit: 100, accessoryDiscountRate: 0,
 *   queueJump: false }, DEFAULT_THRESHOLDS).reasons[0].text; // '优惠 8.0% 超过门店权限 5%，需总经理审批'
 */
export function approvalNeeds(
  figures: ApprovalFigures,
  thresholds: ApprovalThresholds,
  lang: Lang = 'zh-CN',
): ApprovalNeeds {
  const texts = lang === 'en' ? EN : ZH;
  const reason = (code: ApprovalReasonCode, level: ApprovalReason['level']): ApprovalReason => ({
    code,
    level,
    text: texts[code](figures, thresholds),
  });
  const reasons = GM_RULES.filter(([, applies]) => applies(figures, thresholds)).map(([code]) =>
    reason(code, 'general_manager'),
  );
  const accessoryForManager =
    figures.accessoryDiscountRate > thresholds.accessoryManager &&
    figures.accessoryDiscountRate <= thresholds.accessoryGm;
  if (accessoryForManager) reasons.push(reason('accessory_manager', 'sales_manager'));
  if (reasons.length === 0) reasons.push(reason('within_limits', 'sales_manager'));
  const level = reasons.some((r) => r.level === 'general_manager') ? 'general_manager' : 'sales_manager';
  return { level, reasons, thresholds };
}
