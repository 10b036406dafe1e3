/**
 * The dealership's codes (English, in code and in the API) and the words staff see for them, in
 * Chinese and English. The server's exports and messages and the designer's i18n tables both read
 * these tables, so a label is written once.
 */

import { codesOf, namesOf, PAYMENT_METHOD, STORE } from './vocabulary.ts';

export type Lang = 'zh-CN' | 'en';
export const LANGS: readonly Lang[] = ['zh-CN', 'en'];

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

export const SOURCES = ['walk_in', 'phone', 'online', 'portal', 'auto_show', 'referral', 'existing'] as const;
export type Source = (typeof SOURCES)[number];
export const PAYMENT_METHODS = codesOf(PAYMENT_METHOD);
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];
export const VEHICLE_STATUSES = ['in_transit', 'in_stock', 'reserved', 'sold', 'transferring'] as const;
export type VehicleStatus = (typeof VEHICLE_STATUSES)[number];
export const CUSTOMER_GRADES = ['potential', 'intent', 'deal', 'lost'] as const;
export const INTENT_LEVELS = ['H', 'A', 'B', 'C', 'N', 'O', 'D', 'T'] as const;
export type IntentLevel = (typeof INTENT_LEVELS)[number];
export const STORE_IDS = codesOf(STORE);

/** A label for every code, in every language. */
export type Labels<Code extends string> = Record<Lang, Record<Code, string>>;

export const ORDER_STATUS_LABELS: Labels<OrderStatus> = {
  'zh-CN': {
    draft: '草稿',
    pending: '未处理',
    approved: '已审核',
    paid: '已收款',
    in_transit: '车辆在途',
    arrived: '车辆已到店',
    delivered: '已交付',
    returned: '已退回',
    cancelled: '已取消',
  },
  en: {
    draft: 'Draft',
    pending: 'Pending',
    approved: 'Approved',
    paid: 'Paid',
    in_transit: 'In transit',
    arrived: 'Arrived',
    delivered: 'Delivered',
    returned: 'Returned',
    cancelled: 'Cancelled',
  },
};

/** Lead sources as staff name them. */
export const SOURCE_LABELS: Labels<Source> = {
  'zh-CN': {
    walk_in: '展厅自然到店',
    phone: '电话',
    online: '网销/DCC',
    portal: '汽车之家/懂车帝',
    auto_show: '车展',
    referral: '转介绍',
    existing: '保客',
  },
  en: {
    walk_in: 'Walk-in',
    phone: 'Phone',
    online: 'Online / DCC',
    portal: 'Portals',
    auto_show: 'Auto show',
    referral: 'Referral',
    existing: 'Existing customer',
  },
};

export const PAYMENT_METHOD_LABELS: Labels<PaymentMethod> = {
  'zh-CN': namesOf(PAYMENT_METHOD, 'zh'),
  en: namesOf(PAYMENT_METHOD, 'en'),
};

export const VEHICLE_STATUS_LABELS: Labels<VehicleStatus> = {
  'zh-CN': { in_transit: '在途', in_stock: '在库', reserved: '已预留', sold: '已售', transferring: '调拨中' },
  en: {
    in_transit: 'In transit',
    in_stock: 'In stock',
    reserved: 'Reserved',
    sold: 'Sold',
    transferring: 'Transferring',
  },
};

/** The stores' names as staff say them (exports print them instead of codes). */
export const STORE_NAMES: Labels<(typeof STORE_IDS)[number]> = {
  'zh-CN': namesOf(STORE, 'zh'),
  en: namesOf(STORE, 'en'),
};

/** Whether a value is an order status code. */
export function isOrderStatus(value: unknown): value is OrderStatus {
  return ORDER_STATUSES.some((s) => s === value);
}

/**
 * The label of `code` in `labels`; an unknown code (or none) is returned as it is.
 *
 * @example
 * labelOf(PAYMENT_METHOD_LABELS, 'bank_transfer', 'zh-CN'); // '银行转账'
 */
export function labelOf<Code extends string>(labels: Labels<Code>, code: string, lang: Lang): string;
export function labelOf<Code extends string>(
  labels: Labels<Code>,
  code: string | null,
  lang: Lang,
): string | null;
export function labelOf<Code extends string>(
  labels: Labels<Code>,
  code: string | null,
  lang: Lang,
): string | null {
  if (code === null) return null;
  const table: Record<string, string> = labels[lang];
  return Object.hasOwn(table, code) ? (table[code] ?? code) : code;
}

/** The label of an order status; unknown codes are returned as they are. */
export function orderStatusLabel(status: string, lang: Lang = 'zh-CN'): string {
  return labelOf(ORDER_STATUS_LABELS, status, lang);
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

/**
 * The dealership's label tables of one language, keyed as the designer's i18n resources name them
 * (`t('orderStatus.paid')`, `t('stores.BJ01')`).
 */
export function dealerMessages(lang: Lang) {
  return {
    stores: STORE_NAMES[lang],
    orderStatus: ORDER_STATUS_LABELS[lang],
    paymentMethod: PAYMENT_METHOD_LABELS[lang],
    source: SOURCE_LABELS[lang],
    vehicleStatus: VEHICLE_STATUS_LABELS[lang],
  };
}
