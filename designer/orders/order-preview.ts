/**
 * The order forms' pricing: what is typed (元) → the API's pricing (fen), and the live total
 * (落地价) preview. The preview runs the server's own arithmetic (dealer-rules/pricing.ts) on the
 * very pricing the form sends, so it is the total the server will store for the default policy.
 */
import { type OrderAmounts, orderAmounts, type PricingInput as Pricing } from '../../dealer-rules/pricing.ts';
import { yuanToFen } from '../components/money.ts';

type AccessoryValue = { name?: string; price?: number | null; charged?: number | null };

/** The pricing part of the order forms, in 元 as typed. */
export interface PricingInput {
  msrp?: number | null;
  discount?: number | null;
  /** `charged`: what the customer pays for the line when less than its price (the edit form keeps it). */
  accessories?: (AccessoryValue | undefined)[];
  insurance?: number | null;
  registrationFee?: number | null;
  financeFee?: number | null;
  tradeInCredit?: number | null;
  deposit?: number | null;
}

const optionalFen = (yuan: number | null | undefined) =>
  typeof yuan === 'number' ? yuanToFen(yuan) : undefined;

/**
 * The pricing in fen as `POST /api/orders` and `PUT /api/orders/:id` take it; accessory lines
 * without a name or price are left out, and a line's charged amount is at most its price.
 *
 * @example
 * toPricing({ msrp: 189800, discount: 5000 }).discount; // 500000
 */
export function toPricing(p: PricingInput): Pricing {
  return {
    msrp: yuanToFen(p.msrp ?? 0),
    discount: optionalFen(p.discount),
    accessories: (p.accessories ?? []).flatMap((line) =>
      line?.name && typeof line.price === 'number'
        ? [
            {
              name: line.name,
              price: yuanToFen(line.price),
              ...(typeof line.charged === 'number'
                ? { charged: Math.min(yuanToFen(line.charged), yuanToFen(line.price)) }
                : {}),
            },
          ]
        : [],
    ),
    insurance: optionalFen(p.insurance),
    registrationFee: optionalFen(p.registrationFee),
    financeFee: optionalFen(p.financeFee),
    tradeInCredit: optionalFen(p.tradeInCredit),
    deposit: optionalFen(p.deposit),
  };
}

/**
 * Every amount of the order being typed (deal price, accessories, purchase tax, total, in fen), by
 * the default policy; null while an amount is too large to compute.
 *
 * @example
 * previewTotal({ msrp: 189800, discount: 5000, insurance: 6500 }, false)?.total; // 20765398
 */
export function previewTotal(p: PricingInput, newEnergy: boolean): OrderAmounts | null {
  try {
    return orderAmounts(toPricing(p), { newEnergy });
  } catch (error) {
    if (error instanceof RangeError) return null;
    throw error;
  }
}
