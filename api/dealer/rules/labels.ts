/**
 * Status codes and their labels (codes in English in code, Chinese in the UI).
 */

export const ORDER_STATUSES = [
  'pending',
  'approved',
  'paid',
  'in_transit',
  'arrived',
  'delivered',
  'returned',
  'cancelled',
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

const ORDER_STATUS_LABELS: Record<OrderStatus, { zh: string; en: string }> = {
  pending: { zh: '未处理', en: 'Pending' },
  approved: { zh: '已审核', en: 'Approved' },
  paid: { zh: '已收款', en: 'Paid' },
  in_transit: { zh: '车辆在途', en: 'In transit' },
  arrived: { zh: '车辆已到店', en: 'Arrived' },
  delivered: { zh: '已交付', en: 'Delivered' },
  returned: { zh: '已退回', en: 'Returned' },
  cancelled: { zh: '已取消', en: 'Cancelled' },
};

export type Lang = 'zh-CN' | 'en';

/** Whether a string is an order status code. */
export function isOrderStatus(value: string): value is OrderStatus {
  return (ORDER_STATUSES as readonly string[]).includes(value);
}

/** The label of an order status; unknown codes are returned as they are. */
export function orderStatusLabel(status: string, lang: Lang = 'zh-CN'): string {
  if (!isOrderStatus(status)) return status;
  return lang === 'en' ? ORDER_STATUS_LABELS[status].en : ORDER_STATUS_LABELS[status].zh;
}

/** Picks the label language from an `Accept-Language` header: English only when asked first. */
export function langFromHeader(header: string | undefined | null): Lang {
  const first = (header ?? '').split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'zh-CN';
}

export const SOURCES = ['walk_in', 'phone', 'online', 'portal', 'auto_show', 'referral', 'existing'] as const;
export const PAYMENT_METHODS = ['cash', 'bank_transfer', 'card', 'wechat_alipay', 'loan'] as const;
export const CUSTOMER_GRADES = ['potential', 'intent', 'deal', 'lost'] as const;
export const INTENT_LEVELS = ['H', 'A', 'B', 'C', 'N', 'O', 'D', 'T'] as const;
export const VEHICLE_STATUSES = ['in_transit', 'in_stock', 'reserved', 'sold', 'transferring'] as const;
