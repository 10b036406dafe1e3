/**
 * The dealership's shared lists — one place for the codes and their names in both languages, used by
 * the server (request schemas, labels), the designer's pages (the complaint drawer, order forms) and
 * checked against the shipped forms' `enum` / `ui:enumNames` / `i18n` (vocabulary.test.ts), so a
 * drawer and a flow's form never offer different lists or call one thing two names.
 */

/** A code with its names: `zh` as staff say it (docs DOMAIN), `en` for the English UI. */
export interface Term {
  zh: string;
  en: string;
}

/** Codes in display order with their names. */
export type Vocabulary<C extends string> = readonly (readonly [C, Term])[];

const vocabulary = <const C extends string>(entries: Vocabulary<C>) => entries;

/** Where a complaint came in (complaint-record form, complaint drawer, `POST /api/complaints`). */
export const COMPLAINT_CHANNEL = vocabulary([
  ['phone', { zh: '电话', en: 'Phone' }],
  ['onsite', { zh: '到店', en: 'In store' }],
  ['wechat', { zh: '微信', en: 'WeChat' }],
  ['online', { zh: '网络平台', en: 'Online platform' }],
  ['manufacturer', { zh: '厂家转办', en: 'Via the manufacturer' }],
]);

/** What a complaint is about. */
export const COMPLAINT_CATEGORY = vocabulary([
  ['purchase', { zh: '购车', en: 'Purchase' }],
  ['repair', { zh: '维修', en: 'Repair' }],
  ['maintenance', { zh: '保养', en: 'Maintenance' }],
  ['other', { zh: '其他', en: 'Other' }],
]);

/** How urgent a complaint is (its handling deadline follows). */
export const COMPLAINT_LEVEL = vocabulary([
  ['normal', { zh: '一般', en: 'Normal' }],
  ['escalated', { zh: '升级', en: 'Escalated' }],
  ['important', { zh: '重要', en: 'Important' }],
  ['urgent', { zh: '重要且紧急', en: 'Important and urgent' }],
]);

/** How a customer pays (orders, payment confirmation; settlement takes all but `loan`). */
export const PAYMENT_METHOD = vocabulary([
  ['cash', { zh: '现金', en: 'Cash' }],
  ['bank_transfer', { zh: '银行转账', en: 'Bank transfer' }],
  ['card', { zh: '刷卡/POS', en: 'Card / POS' }],
  ['wechat_alipay', { zh: '微信/支付宝', en: 'WeChat / Alipay' }],
  ['loan', { zh: '按揭', en: 'Loan' }],
]);

/** The demo dealer group's stores. */
export const STORE = vocabulary([
  ['BJ01', { zh: '北京朝阳店', en: 'Beijing Chaoyang' }],
  ['SH01', { zh: '上海浦东店', en: 'Shanghai Pudong' }],
]);

/**
 * The codes of a list, as a tuple (for `z.enum` and `as const` arrays).
 *
 * @example
 * codesOf(COMPLAINT_LEVEL); // ['normal', 'escalated', 'important', 'urgent']
 */
export function codesOf<C extends string>(list: Vocabulary<C>): [C, ...C[]] {
  return list.map(([code]) => code) as [C, ...C[]];
}

/**
 * The names of a list in one language, by code (for i18n resources and label tables).
 *
 * @example
 * namesOf(COMPLAINT_LEVEL, 'zh').urgent; // '重要且紧急'
 */
export function namesOf<C extends string>(list: Vocabulary<C>, lang: keyof Term): Record<C, string> {
  return Object.fromEntries(list.map(([code, term]) => [code, term[lang]])) as Record<C, string>;
}
