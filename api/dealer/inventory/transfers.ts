/**
 * Transfers between stores (调拨): the source store sends an in-stock vehicle (`transferring`), the
 * target store receives it (`in_stock` there). One transaction each, the vehicle row locked first.
 */
import { eq } from 'drizzle-orm';
import { AppError, notFound } from '../../../engine/errors.ts';
import type { Db, Tx } from '../../../engine/store/db.ts';
import type { Actor } from '../../../engine/types.ts';
import { canAccessStore } from '../../rbac.ts';
import { stores } from '../../store/schema.ts';
import { type VehicleRow, vehicles } from '../schema.ts';
import { toVehicleView } from './vehicle-repo.ts';

async function lockVehicle(tx: Tx, actor: Actor, id: string): Promise<VehicleRow> {
  const [row] = await tx.select().from(vehicles).where(eq(vehicles.id, id)).for('update');
  // A vehicle on its way in is visible to the receiving store too.
  const visible =
    row &&
    (canAccessStore(actor, row.storeId) ||
      (row.transferToStoreId !== null && canAccessStore(actor, row.transferToStoreId)));
  if (!row || !visible) throw notFound('Vehicle', id);
  return row;
}

async function receiveLocked(tx: Tx, actor: Actor, row: VehicleRow, now: Date) {
  if (row.status !== 'transferring' || row.transferToStoreId === null)
    throw new AppError('conflict', `Vehicle ${row.vin} is not being transferred`, [
      { path: '/status', message: row.status },
    ]);
  if (!canAccessStore(actor, row.transferToStoreId))
    throw new AppError('forbidden', 'Only the receiving store takes the vehicle in');
  const [updated] = await tx
    .update(vehicles)
    .set({
      storeId: row.transferToStoreId,
      transferToStoreId: null,
      status: 'in_stock',
      location: null,
      stockInDate: now.toISOString().slice(0, 10),
      updatedAt: now.toISOString(),
    })
    .where(eq(vehicles.id, row.id))
    .returning();
  return toVehicleView(updated!, now);
}

/**
 * Sends an in-stock vehicle to `toStoreId` (status `transferring`); called again for the same target
 * by the receiving store, it receives the vehicle. 409 for reserved, sold or in-transit vehicles.
 */
export async function transferVehicle(db: Db, actor: Actor, id: string, toStoreId: string, now: Date) {
  return db.transaction(async (tx) => {
    const row = await lockVehicle(tx, actor, id);
    if (row.status === 'transferring' && row.transferToStoreId === toStoreId)
      return receiveLocked(tx, actor, row, now);
    if (!canAccessStore(actor, row.storeId)) throw notFound('Vehicle', id);
    if (row.status !== 'in_stock' || row.reservedOrderId !== null)
      throw new AppError('conflict', `Vehicle ${row.vin} cannot be transferred while ${row.status}`, [
        { path: '/status', message: row.status },
      ]);
    if (toStoreId === row.storeId)
      throw new AppError('invalid', 'The vehicle is already in that store', [
        { path: '/toStoreId', message: 'same store' },
      ]);
    const [store] = await tx.select({ id: stores.id }).from(stores).where(eq(stores.id, toStoreId));
    if (!store)
      throw new AppError('invalid', `Unknown store ${toStoreId}`, [
        { path: '/toStoreId', message: 'unknown' },
      ]);
    const [updated] = await tx
      .update(vehicles)
      .set({ status: 'transferring', transferToStoreId: toStoreId, updatedAt: now.toISOString() })
      .where(eq(vehicles.id, row.id))
      .returning();
    return toVehicleView(updated!, now);
  });
}

/** The receiving store takes a transferring vehicle in: `in_stock` there, stock-in date today. */
export async function receiveVehicle(db: Db, actor: Actor, id: string, now: Date) {
  return db.transaction(async (tx) => receiveLocked(tx, actor, await lockVehicle(tx, actor, id), now));
}
