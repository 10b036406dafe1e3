/**
 * What a consultant changed on a returned order, as a diff the next approver reads: one entry per
 * changed fact, named by a JSON pointer into the order body (`/pricing/discount`), amounts in fen.
 */
import type { OrderRow } from '../schema.ts';

export type FactValue = string | number | boolean | null;

/** One changed fact of an order (a type, not an interface: it must fit the flow context's JSON). */
export type OrderChangeEntry = {
  path: string;
  from: FactValue;
  to: FactValue;
};

const accessoryText = (lines: OrderRow['accessories']) =>
  lines.map((a) => `${a.name} ${a.charged ?? (a.free ? 0 : a.price)}/${a.price}`).join('; ');

const FACTS: [string, (o: OrderRow) => FactValue][] = [
  ['/customer/name', (o) => o.customerName],
  ['/customer/mobile', (o) => o.customerMobile],
  ['/customer/email', (o) => o.customerEmail],
  ['/customer/address', (o) => o.customerAddress],
  ['/vehicle/brand', (o) => o.brand],
  ['/vehicle/model', (o) => o.model],
  ['/vehicle/trim', (o) => o.trim],
  ['/vehicle/color', (o) => o.color],
  ['/vehicle/vin', (o) => o.vin],
  ['/pricing/msrp', (o) => o.msrp],
  ['/pricing/discount', (o) => o.discount],
  ['/pricing/dealPrice', (o) => o.dealPrice],
  ['/pricing/accessories', (o) => accessoryText(o.accessories)],
  ['/pricing/accessoriesTotal', (o) => o.accessoriesTotal],
  ['/pricing/insurance', (o) => o.insurance],
  ['/pricing/registrationFee', (o) => o.registrationFee],
  ['/pricing/financeFee', (o) => o.financeFee],
  ['/pricing/tradeInCredit', (o) => o.tradeInCredit],
  ['/pricing/deposit', (o) => o.deposit],
  ['/pricing/total', (o) => o.total],
  ['/paymentMethod', (o) => o.paymentMethod],
  ['/source', (o) => o.source],
];
const FACT_PATHS = FACTS.map(([path]) => path);

/** The facts of an order a consultant can change, keyed by JSON pointer, in the order form's order. */
export function orderFacts(o: OrderRow): Record<string, FactValue> {
  return Object.fromEntries(FACTS.map(([path, read]) => [path, read(o)]));
}

/**
 * The facts that differ between two versions of an order.
 *
 * @example
 * diffOrder(before, { ...before, discount: 200_000 }); // [{ path: '/pricing/discount', from: 500000, to: 200000 }]
 */
export function diffOrder(before: OrderRow, after: OrderRow): OrderChangeEntry[] {
  const a = orderFacts(before);
  const b = orderFacts(after);
  return Object.keys(b)
    .filter((path) => a[path] !== b[path])
    .map((path) => ({ path, from: a[path] ?? null, to: b[path] ?? null }));
}

/** Orders a diff as the order form reads: customer, vehicle, pricing, payment. */
const rank = (path: string) => {
  const i = FACT_PATHS.indexOf(path);
  return i < 0 ? FACT_PATHS.length : i;
};
/**
 * Folds a new diff into the changes made since the order was returned: the approver compares with
 * what they saw, so each path keeps its first `from` and takes the latest `to`; a fact changed back
 * disappears.
 */
export function mergeChanges(
  earlier: readonly OrderChangeEntry[],
  later: readonly OrderChangeEntry[],
): OrderChangeEntry[] {
  const merged = new Map(earlier.map((c) => [c.path, { ...c }]));
  for (const change of later) {
    const seen = merged.get(change.path);
    merged.set(change.path, seen ? { ...seen, to: change.to } : { ...change });
  }
  return [...merged.values()].filter((c) => c.from !== c.to).sort((x, y) => rank(x.path) - rank(y.path));
}

/** Reads the changes kept in a flow context, ignoring anything malformed. */
export function changesFrom(value: unknown): OrderChangeEntry[] {
  if (!Array.isArray(value)) return [];
  const scalar = (v: unknown): v is FactValue =>
    v === null || ['string', 'number', 'boolean'].includes(typeof v);
  return value.flatMap((c) => {
    if (typeof c !== 'object' || c === null) return [];
    const { path, from, to } = c as Record<string, unknown>;
    return typeof path === 'string' && scalar(from) && scalar(to) ? [{ path, from, to }] : [];
  });
}
