/**
 * Stock-takes (盘点): the VINs counted on the lot against the system's stock of the store (vehicles
 * `in_stock` or `reserved` — a reserved car is still physically there). Gains are counted but not in
 * the system, losses are in the system but not counted. Recorded with who and when.
 */
import { and, desc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../../engine/store/db.ts';
import type { Actor } from '../../../engine/types.ts';
import { listScope, writeStore } from '../access.ts';
import { stockTakeLines, stockTakes, vehicles } from '../schema.ts';

/** The statuses of a vehicle the store should find on its lot. */
export const ON_LOT = ['in_stock', 'reserved'];

export interface NewStockTake {
  storeId?: string | undefined;
  counted: string[];
  note?: string | undefined;
}

/** The gains and losses of a count against the system list (both upper-cased, duplicates ignored). */
export function compareCount(counted: string[], system: string[]) {
  const seen = new Set(counted.map((v) => v.trim().toUpperCase()).filter((v) => v.length > 0));
  const known = new Set(system);
  return {
    counted: seen.size,
    gains: [...seen].filter((v) => !known.has(v)).sort(),
    losses: [...known].filter((v) => !seen.has(v)).sort(),
  };
}

/** Records a stock-take of the actor's store (group users name one) in one transaction. */
export async function createStockTake(db: Db, actor: Actor, body: NewStockTake, now: Date) {
  const storeId = writeStore(actor, body.storeId);
  return db.transaction(async (tx) => {
    const system = await tx
      .select({ vin: vehicles.vin })
      .from(vehicles)
      .where(and(eq(vehicles.storeId, storeId), inArray(vehicles.status, ON_LOT)));
    const result = compareCount(
      body.counted,
      system.map((r) => r.vin),
    );
    const [take] = await tx
      .insert(stockTakes)
      .values({
        storeId,
        countedCount: result.counted,
        systemCount: system.length,
        gains: result.gains.length,
        losses: result.losses.length,
        note: body.note ?? null,
        createdBy: actor.id,
        createdByName: actor.displayName ?? actor.username,
        createdAt: now.toISOString(),
      })
      .returning();
    const lines = [
      ...result.gains.map((vin) => ({ stockTakeId: take!.id, vin, kind: 'gain' as const })),
      ...result.losses.map((vin) => ({ stockTakeId: take!.id, vin, kind: 'loss' as const })),
    ];
    if (lines.length > 0) await tx.insert(stockTakeLines).values(lines);
    return { ...take!, gainVins: result.gains, lossVins: result.losses };
  });
}

/** The latest stock-takes in scope (newest first) with their gain and loss VINs. */
export async function listStockTakes(db: Db, actor: Actor, requestedStore: string | undefined) {
  const store = listScope(actor, requestedStore);
  const takes = await db
    .select()
    .from(stockTakes)
    .where(store ? eq(stockTakes.storeId, store) : undefined)
    .orderBy(desc(stockTakes.createdAt))
    .limit(50);
  if (takes.length === 0) return { items: [] };
  const lines = await db
    .select()
    .from(stockTakeLines)
    .where(
      inArray(
        stockTakeLines.stockTakeId,
        takes.map((t) => t.id),
      ),
    );
  const vinsOf = (id: string, kind: 'gain' | 'loss') =>
    lines.filter((l) => l.stockTakeId === id && l.kind === kind).map((l) => l.vin);
  return {
    items: takes.map((t) => ({ ...t, gainVins: vinsOf(t.id, 'gain'), lossVins: vinsOf(t.id, 'loss') })),
  };
}
