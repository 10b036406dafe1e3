/**
 * The dealership's reference checkers (engine/store/references.ts): a `ui:widget: customer` field must
 * name a customer of the instance's store, a `ui:widget: vehicle` field a VIN in its inventory. An
 * instance without a store (a group-level flow) accepts any store's. One query each.
 */
import { and, eq, inArray, type SQL } from 'drizzle-orm';
import type { ReferenceChecker, ReferenceCheckers } from '../../engine/store/references.ts';
import { customers, vehicles } from './schema.ts';

function inStore(column: typeof customers.storeId | typeof vehicles.storeId, storeId: string | null) {
  return storeId === null ? undefined : (eq(column, storeId) as SQL);
}

/** Customers of the instance's store. */
export const storeCustomers: ReferenceChecker = async (ids, { tx, instance }) => {
  const rows = await tx
    .select({ id: customers.id })
    .from(customers)
    .where(and(inArray(customers.id, [...ids]), inStore(customers.storeId, instance.storeId)));
  return new Set(rows.map((r) => r.id));
};

/** Vehicles (by VIN) of the instance's store. */
export const storeVehicles: ReferenceChecker = async (vins, { tx, instance }) => {
  const rows = await tx
    .select({ vin: vehicles.vin })
    .from(vehicles)
    .where(and(inArray(vehicles.vin, [...vins]), inStore(vehicles.storeId, instance.storeId)));
  return new Set(rows.map((r) => r.vin));
};

/** Both, for `WorkflowServiceOptions.references`. */
export const dealerReferenceCheckers: ReferenceCheckers = {
  customer: storeCustomers,
  vehicle: storeVehicles,
};
