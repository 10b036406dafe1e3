/**
 * Allocating the next number of a store's day in one series (orders, work orders, complaints): the
 * order number rule of rules/order-number.ts over the `order_sequences` counters.
 */
import { sql } from 'drizzle-orm';
import type { Tx } from '../../../engine/store/db.ts';
import { businessDay, formatOrderNo, type NumberSeries } from '../rules/order-number.ts';
import { orderSequences } from '../schema.ts';

/**
 * The next number of `series` for a store's business day: `INSERT ... ON CONFLICT DO UPDATE SET
 * last = last + 1 RETURNING last`. The row lock serialises concurrent creations of one store, series
 * and day, so numbers are unique; a rolled-back creation may leave a gap, which the rule tolerates.
 *
 * @example
 * await allocateNumber(tx, 'BJ01', now, 'WX'); // { number: 'WXBJ01202611220003', day: '2026-11-22' }
 */
export async function allocateNumber(
  tx: Tx,
  storeId: string,
  now: Date,
  series: NumberSeries,
): Promise<{ number: string; day: string }> {
  const day = businessDay(now);
  const [row] = await tx
    .insert(orderSequences)
    .values({ storeId, series, day, last: 1 })
    .onConflictDoUpdate({
      target: [orderSequences.storeId, orderSequences.series, orderSequences.day],
      set: { last: sql`${orderSequences.last} + 1` },
    })
    .returning({ last: orderSequences.last });
  return { number: formatOrderNo(storeId, day, row!.last, series), day };
}
