import { nextFollowUp } from './follow-up.ts';
import { ageDays, agingBucket, stockWarnings } from './inventory.ts';
import { businessDay, formatOrderNo, parseOrderNo } from './order-number.ts';

describe('order numbers', () => {
  it('joins the store code, the day and a 4-digit sequence', () => {
    expect(formatOrderNo('BJ01', '2026-11-22', 1)).toBe('BJ01202611220001');
    expect(formatOrderNo('SH01', '2026-01-05', 123)).toBe('SH01202601050123');
    // Work orders and complaints: the same rule behind their series.
    expect(formatOrderNo('BJ01', '2026-11-22', 7, 'WX')).toBe('WXBJ01202611220007');
    expect(formatOrderNo('BJ01', '2026-11-22', 7, 'TS')).toBe('TSBJ01202611220007');
  });
  it('refuses a 10,000th order of a day', () => {
    expect(() => formatOrderNo('BJ01', '2026-11-22', 10_000)).toThrow(/every order number/);
  });
  it('parses what it formats', () => {
    expect(parseOrderNo('BJ01202611220042')).toEqual({ storeId: 'BJ01', day: '2026-11-22', sequence: 42 });
    expect(parseOrderNo('BJ0120261122004')).toBeNull();
  });
  it('counts days in China Standard Time', () => {
    expect(businessDay(new Date('2026-11-22T15:59:59Z'))).toBe('2026-11-22');
    expect(businessDay(new Date('2026-11-22T16:00:00Z'))).toBe('2026-11-23');
  });
});

describe('inventory aging', () => {
  it.each([
    [0, '0-30', 'ok'],
    [30, '0-30', 'ok'],
    [31, '31-60', 'ok'],
    [61, '61-90', 'warn'],
    [90, '61-90', 'warn'],
    [91, '91-180', 'alert'],
    [180, '91-180', 'alert'],
    [181, '180+', 'critical'],
  ])('puts %i days in bucket %s (%s)', (days, bucket, level) => {
    expect(agingBucket(days)).toEqual({ bucket, level });
  });
  it('counts age in whole days from the production date', () => {
    expect(ageDays('2026-10-01', new Date('2026-11-01T12:00:00Z'))).toBe(31);
    expect(ageDays('2026-12-01', new Date('2026-11-01T00:00:00Z'))).toBe(0);
  });
});

describe('stock warnings', () => {
  it('flags low stock below the per-model minimum of 2', () => {
    expect(stockWarnings(1, 1)).toEqual(['low_stock']);
    expect(stockWarnings(2, 2)).toEqual([]);
  });
  it('flags overstock above 2 months of sales and a warning above 1.5', () => {
    expect(stockWarnings(5, 2)).toEqual(['overstock']);
    expect(stockWarnings(4, 2)).toEqual(['stock_high']);
    expect(stockWarnings(3, 2)).toEqual([]);
  });
  it('treats stock with no sales as overstock', () => {
    expect(stockWarnings(3, 0)).toEqual(['overstock']);
  });
});

describe('follow-up cadence', () => {
  it.each([
    ['H', 7],
    ['A', 15],
    ['B', 30],
    ['C', 90],
  ])('follows an %s lead up after %i days', (level, days) => {
    const from = new Date('2026-11-01T00:00:00Z');
    expect(nextFollowUp(level, from)?.getTime()).toBe(from.getTime() + days * 86_400_000);
  });
  it('has no sales follow-up for delivered customers', () => {
    expect(nextFollowUp('D', new Date('2026-11-01T00:00:00Z'))).toBeNull();
  });
});
