import { codesOf, namesOf, PAYMENT_METHOD, STORE } from '../../../workflows/vocabulary.ts';
import { localeFromHeader } from '../../locale.ts';

/**
 * Status codes and their labels (codes in English in code, Chinese in the UI).
 */

export const ORDER_STATUSES = [
  'draft',
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
  draft: { zh: '草稿', en: 'Draft' },
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
  return localeFromHeader(header);
}

/** The notes the application writes on an order's timeline, in English. */
const ORDER_NOTES_EN: Record<string, string> = {
  创建订单: 'Order created',
  保存草稿: 'Draft saved',
  提交订单: 'Order submitted',
};

/** A timeline note in `lang` (the application's own notes; a person's note is shown as written). */
export function orderNoteText(note: string | null, lang: Lang): string | null {
  if (note === null || lang !== 'en') return note;
  return ORDER_NOTES_EN[note] ?? note;
}

/** How the system (timers, the flows) is named where an actor is shown. */
export function systemName(lang: Lang): string {
  return lang === 'en' ? 'System' : '系统';
}

/** The stores' names as staff say them (exports print them instead of codes). */
export const STORE_NAMES: Record<string, string> = namesOf(STORE, 'zh');

export const SOURCES = ['walk_in', 'phone', 'online', 'portal', 'auto_show', 'referral', 'existing'] as const;

type Labels = Record<string, { zh: string; en: string }>;

/** Lead sources as staff name them (the same words as the browser's). */
export const SOURCE_LABELS: Labels = {
  walk_in: { zh: '展厅自然到店', en: 'Walk-in' },
  phone: { zh: '电话', en: 'Phone' },
  online: { zh: '网销/DCC', en: 'Online / DCC' },
  portal: { zh: '汽车之家/懂车帝', en: 'Portals' },
  auto_show: { zh: '车展', en: 'Auto show' },
  referral: { zh: '转介绍', en: 'Referral' },
  existing: { zh: '保客', en: 'Existing customer' },
};

export const PAYMENT_METHOD_LABELS: Labels = Object.fromEntries(PAYMENT_METHOD);

export const VEHICLE_STATUS_LABELS: Labels = {
  in_transit: { zh: '在途', en: 'In transit' },
  in_stock: { zh: '在库', en: 'In stock' },
  reserved: { zh: '已预留', en: 'Reserved' },
  sold: { zh: '已售', en: 'Sold' },
  transferring: { zh: '调拨中', en: 'Transferring' },
};

/**
 * The label of `code` in `labels`; an unknown code (or none) is returned as it is.
 *
 * @example
 * labelOf(PAYMENT_METHOD_LABELS, 'bank_transfer', 'zh-CN'); // '银行转账'
 */
export function labelOf(labels: Labels, code: string | null, lang: Lang): string | null {
  if (code === null) return null;
  const label = labels[code];
  return label ? (lang === 'en' ? label.en : label.zh) : code;
}
export const PAYMENT_METHODS = codesOf(PAYMENT_METHOD);
export const CUSTOMER_GRADES = ['potential', 'intent', 'deal', 'lost'] as const;
export const INTENT_LEVELS = ['H', 'A', 'B', 'C', 'N', 'O', 'D', 'T'] as const;
export const VEHICLE_STATUSES = ['in_transit', 'in_stock', 'reserved', 'sold', 'transferring'] as const;
