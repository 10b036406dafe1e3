import {
  dealerMessages,
  LANGS,
  labelOf,
  ORDER_STATUSES,
  orderStatusLabel,
  PAYMENT_METHOD_LABELS,
  STORE_NAMES,
} from './labels.ts';

describe('labels', () => {
  it('labels statuses in Chinese by default and English on request', () => {
    expect(orderStatusLabel('in_transit')).toBe('车辆在途');
    expect(orderStatusLabel('in_transit', 'en')).toBe('In transit');
  });

  it('returns a code it does not know as it is, and nothing for nothing', () => {
    expect(labelOf(PAYMENT_METHOD_LABELS, 'barter', 'en')).toBe('barter');
    expect(labelOf(PAYMENT_METHOD_LABELS, 'toString', 'zh-CN')).toBe('toString');
    expect(labelOf(STORE_NAMES, null, 'zh-CN')).toBeNull();
    expect(labelOf(STORE_NAMES, 'SH01', 'en')).toBe('Shanghai Pudong');
  });

  it('gives the designer one table per language with a distinct word for every order status', () => {
    for (const lang of LANGS) {
      const words = ORDER_STATUSES.map((s) => dealerMessages(lang).orderStatus[s]);
      expect(new Set(words).size).toBe(ORDER_STATUSES.length);
    }
    expect(dealerMessages('zh-CN').stores.BJ01).toBe('北京朝阳店');
  });
});
