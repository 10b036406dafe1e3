/**
 * Inventory rules (docs/dealership.md "Vehicles and inventory"): age from the production date, aging buckets, stock
 * coefficient, low stock and overstock.
 */

export type AgingBucket = '0-30' | '31-60' | '61-90' | '91-180' | '180+';
export type AgingLevel = 'ok' | 'warn' | 'alert' | 'critical';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Whole days from a `YYYY-MM-DD` date to `now` (never negative).
 *
 * @example
 * ageDays('2026-10-01', new Date('2026-11-01T00:00:00Z')); // 31
 */
export function ageDays(fromDay: string, now: Date): number {
  const start = Date.parse(`${fromDay}T00:00:00Z`);
  return Math.max(0, Math.floor((now.getTime() - start) / DAY_MS));
}

/** The aging bucket and its warning level: 61–90 warn, 91–180 alert, > 180 critical. */
export function agingBucket(days: number): { bucket: AgingBucket; level: AgingLevel } {
  if (days <= 30) return { bucket: '0-30', level: 'ok' };
  if (days <= 60) return { bucket: '31-60', level: 'ok' };
  if (days <= 90) return { bucket: '61-90', level: 'warn' };
  if (days <= 180) return { bucket: '91-180', level: 'alert' };
  return { bucket: '180+', level: 'critical' };
}

/** Stock thresholds per model; *defaults* from docs/dealership.md. */
export interface StockPolicy {
  minStock: number;
  warnCoefficient: number;
  overstockMonths: number;
}
export const DEFAULT_STOCK_POLICY: StockPolicy = { minStock: 2, warnCoefficient: 1.5, overstockMonths: 2 };

export type StockWarning = 'low_stock' | 'stock_high' | 'overstock';

/**
 * Warnings for one model: below the minimum is low stock; stock ÷ monthly sales above 2 is
 * overstock (above 1.5 a warning). No sales at all with stock on hand counts as overstock.
 *
 * @example
 * stockWarnings(1, 3); // ['low_stock']
 */
export function stockWarnings(
  stock: number,
  monthlySales: number,
  policy = DEFAULT_STOCK_POLICY,
): StockWarning[] {
  const warnings: StockWarning[] = [];
  if (stock < policy.minStock) warnings.push('low_stock');
  const coefficient = stockCoefficient(stock, monthlySales);
  if (coefficient !== null && coefficient > policy.overstockMonths) warnings.push('overstock');
  else if (coefficient !== null && coefficient > policy.warnCoefficient) warnings.push('stock_high');
  else if (coefficient === null && stock > policy.minStock) warnings.push('overstock');
  return warnings;
}

/** Stock ÷ monthly sales, or null when nothing sold. */
export function stockCoefficient(stock: number, monthlySales: number): number | null {
  if (monthlySales <= 0) return null;
  return Math.round((stock / monthlySales) * 100) / 100;
}
