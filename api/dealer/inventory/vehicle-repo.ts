/**
 * Inventory: the vehicle list with age and warnings, per-model stock figures, and adding a vehicle
 * with its VIN checked (a failing check digit may be overridden, recording who did it).
 */
import { and, asc, count, eq, gte, ilike, inArray, like, notInArray, or, type SQL } from 'drizzle-orm';
import { AppError } from '../../../engine/errors.ts';
import type { Db, Executor } from '../../../engine/store/db.ts';
import { sqlState } from '../../../engine/store/db-errors.ts';
import type { Actor } from '../../../engine/types.ts';
import { vinProblem } from '../../../forms/vin.ts';
import { canSeeCost, listScope, writeStore } from '../access.ts';
import { prefixPattern } from '../orders/order-queries.ts';
import { ageDays, agingBucket, stockCoefficient, stockWarnings } from '../rules/inventory.ts';
import { orders, type VehicleRow, vehicles } from '../schema.ts';

export interface VehicleListQuery {
  page: number;
  pageSize: number;
  storeId?: string | undefined;
  status?: string | undefined;
  brand?: string | undefined;
  model?: string | undefined;
  q?: string | undefined;
}

/** The API shape of a vehicle, with its age (from the production date) and aging level. */
export function toVehicleView(v: VehicleRow, now: Date, showCost = true) {
  const days = ageDays(v.productionDate, now);
  const { bucket, level } = agingBucket(days);
  return {
    id: v.id,
    vin: v.vin,
    brand: v.brand,
    model: v.model,
    trim: v.trim,
    exteriorColor: v.exteriorColor,
    interiorColor: v.interiorColor,
    productionDate: v.productionDate,
    stockInDate: v.stockInDate,
    engineNo: v.engineNo,
    certificateNo: v.certificateNo,
    location: v.location,
    storeId: v.storeId,
    cost: showCost ? v.cost : null,
    listPrice: v.listPrice,
    status: v.status,
    reservedOrderId: v.reservedOrderId,
    transferToStoreId: v.transferToStoreId,
    vinOverrideBy: v.vinOverrideBy,
    ageDays: days,
    agingBucket: bucket,
    agingLevel: level,
  };
}

/** The WHERE clause of a vehicle list (store scope included). */
export function vehicleFilter(actor: Actor, q: Omit<VehicleListQuery, 'page' | 'pageSize'>): SQL | undefined {
  const conditions: (SQL | undefined)[] = [];
  const store = listScope(actor, q.storeId);
  // Vehicles on their way in from another store show up at the receiving store too.
  if (store) conditions.push(or(eq(vehicles.storeId, store), eq(vehicles.transferToStoreId, store)));
  if (q.status) conditions.push(inArray(vehicles.status, q.status.split(',')));
  if (q.brand) conditions.push(eq(vehicles.brand, q.brand));
  if (q.model) conditions.push(eq(vehicles.model, q.model));
  if (q.q) conditions.push(vehicleSearch(q.q));
  return and(...conditions);
}

/** `%term%` for a contains match, with the wildcards of the input escaped. */
const containsPattern = (term: string) => `%${term.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;

/**
 * What people type into the stock picker: each word (`凯美瑞 白`, `LSVAU`) must match the VIN's
 * start or a part of the brand, model, trim or exterior colour. A store's stock is hundreds of cars,
 * so the contains match needs no trigram index.
 *
 * @example vehicleSearch('凯美瑞 珍珠白') // model contains 凯美瑞 AND some field contains 珍珠白
 */
export function vehicleSearch(typed: string): SQL | undefined {
  const words = typed.trim().split(/\s+/).filter(Boolean).slice(0, 5);
  return and(
    ...words.map((word) =>
      or(
        like(vehicles.vin, prefixPattern(word.toUpperCase())),
        ...[vehicles.brand, vehicles.model, vehicles.trim, vehicles.exteriorColor].map((column) =>
          ilike(column, containsPattern(word)),
        ),
      ),
    ),
  );
}

/**
 * Stock per model against its monthly sales (orders of the last 90 days ÷ 3, cancelled excluded),
 * grouped in SQL; with low-stock / overstock warnings.
 */
export async function modelStock(db: Executor, store: string | null, now: Date) {
  const since = new Date(now.getTime() - 90 * 86_400_000).toISOString().slice(0, 10);
  const stock = await db
    .select({ storeId: vehicles.storeId, brand: vehicles.brand, model: vehicles.model, stock: count() })
    .from(vehicles)
    .where(
      and(
        inArray(vehicles.status, ['in_stock', 'in_transit']),
        store ? eq(vehicles.storeId, store) : undefined,
      ),
    )
    .groupBy(vehicles.storeId, vehicles.brand, vehicles.model);
  const sales = await db
    .select({ storeId: orders.storeId, brand: orders.brand, model: orders.model, n: count() })
    .from(orders)
    .where(
      and(
        gte(orders.orderDate, since),
        notInArray(orders.status, ['cancelled', 'draft']),
        store ? eq(orders.storeId, store) : undefined,
      ),
    )
    .groupBy(orders.storeId, orders.brand, orders.model);
  const key = (r: { storeId: string; brand: string; model: string }) => `${r.storeId}|${r.brand}|${r.model}`;
  const sold = new Map(sales.map((s) => [key(s), Number(s.n)]));
  return stock.map((s) => {
    const monthlySales = Math.round(((sold.get(key(s)) ?? 0) / 3) * 100) / 100;
    const n = Number(s.stock);
    return {
      ...s,
      stock: n,
      monthlySales,
      coefficient: stockCoefficient(n, monthlySales),
      warnings: stockWarnings(n, monthlySales),
    };
  });
}

/** A page of vehicles (oldest first) and the per-model stock warnings of the scope. */
export async function listVehicles(db: Db, actor: Actor, q: VehicleListQuery, now: Date) {
  const where = vehicleFilter(actor, q);
  const [rows, [total], models] = await Promise.all([
    db
      .select()
      .from(vehicles)
      .where(where)
      .orderBy(asc(vehicles.productionDate), asc(vehicles.vin))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db.select({ n: count() }).from(vehicles).where(where),
    modelStock(db, listScope(actor, q.storeId), now),
  ]);
  return {
    items: rows.map((r) => toVehicleView(r, now, canSeeCost(actor))),
    total: Number(total?.n ?? 0),
    models,
  };
}

/** Every vehicle matching the filters (export), capped. */
export async function exportVehicles(
  db: Db,
  actor: Actor,
  q: Omit<VehicleListQuery, 'page' | 'pageSize'>,
  now: Date,
) {
  const rows = await db
    .select()
    .from(vehicles)
    .where(vehicleFilter(actor, q))
    .orderBy(asc(vehicles.productionDate))
    .limit(50_000);
  return rows.map((r) => toVehicleView(r, now, canSeeCost(actor)));
}

export interface NewVehicle {
  storeId?: string | undefined;
  vin: string;
  brand: string;
  model: string;
  trim: string;
  exteriorColor: string;
  interiorColor?: string | undefined;
  productionDate: string;
  stockInDate?: string | undefined;
  engineNo?: string | undefined;
  certificateNo?: string | undefined;
  location?: string | undefined;
  cost?: number | undefined;
  listPrice: number;
  status?: 'in_stock' | 'in_transit' | undefined;
  /** Accept a VIN whose check digit fails (old records, imports); recorded with who. */
  vinOverride?: boolean | undefined;
}

/**
 * Checks a VIN: 422 for a malformed one; a wrong check digit only with an override, which returns
 * who overrode it.
 */
export function checkVin(
  vin: string,
  override: boolean | undefined,
  actor: Actor,
  path = '/vin',
): string | null {
  const problem = vinProblem(vin);
  if (problem === undefined) return null;
  if (problem === 'check-digit' && override) return actor.username;
  const message = problem === 'check-digit' ? 'wrong check digit (position 9)' : `invalid VIN (${problem})`;
  throw new AppError('invalid', 'Invalid VIN', [{ path, message }]);
}

/** The insert row of a new vehicle (VIN upper-cased and checked). */
export function vehicleValues(actor: Actor, body: NewVehicle, path = '/vin') {
  const vin = body.vin.toUpperCase();
  return {
    vin,
    vinOverrideBy: checkVin(vin, body.vinOverride, actor, path),
    storeId: writeStore(actor, body.storeId),
    brand: body.brand,
    model: body.model,
    trim: body.trim,
    exteriorColor: body.exteriorColor,
    interiorColor: body.interiorColor ?? null,
    productionDate: body.productionDate,
    stockInDate: body.stockInDate ?? null,
    engineNo: body.engineNo ?? null,
    certificateNo: body.certificateNo ?? null,
    location: body.location ?? null,
    cost: body.cost ?? null,
    listPrice: body.listPrice,
    status: body.status ?? 'in_stock',
  };
}

/** Adds a vehicle; 409 when the VIN is already in the inventory. */
export async function createVehicle(db: Db, actor: Actor, body: NewVehicle, now: Date) {
  const values = vehicleValues(actor, body);
  try {
    const [row] = await db.insert(vehicles).values(values).returning();
    return toVehicleView(row!, now);
  } catch (error) {
    if (sqlState(error) === '23505')
      throw new AppError('conflict', `VIN ${values.vin} already exists`, [
        { path: '/vin', message: 'duplicate' },
      ]);
    throw error;
  }
}

/** VINs among `vins` already in the inventory. */
export async function existingVins(db: Executor, vins: string[]): Promise<Set<string>> {
  if (vins.length === 0) return new Set();
  const rows = await db.select({ vin: vehicles.vin }).from(vehicles).where(inArray(vehicles.vin, vins));
  return new Set(rows.map((r) => r.vin));
}
