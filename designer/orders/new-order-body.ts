/** Turning the new-order form's values (amounts in 元) into the API's body (amounts in fen). */
import { normalizeMobile } from '../../forms/formats.ts';
import { yuanToFen } from '../components/money.ts';
import { type PricingInput, toPricing } from './order-preview.ts';
import type { NewOrder } from './order-types.ts';

/** What the new-order form holds. */
export interface NewOrderValues {
  /** Group users name the store; others' orders go to their own. */
  storeId?: string;
  /** `id`: an existing customer of the store, linked instead of created. */
  customer: { id?: string; name: string; mobile: string; email?: string; address?: string };
  /** `vin`: a vehicle in the store's stock, held for the order. */
  vehicle: { vin?: string; brand: string; model: string; trim: string; color: string };
  pricing: PricingInput;
  paymentMethod: NewOrder['paymentMethod'];
  loan?: { lender: string; downPayment: number; termMonths: number; monthlyPayment: number };
  source: NewOrder['source'];
  note?: string;
}

/**
 * The `POST /api/orders` body for the form's values.
 *
 * @example
 * toNewOrder(values).pricing.msrp; // 18980000 for 189,800 元
 */
export function toNewOrder(v: NewOrderValues): NewOrder {
  return {
    storeId: v.storeId || undefined,
    customer: {
      id: v.customer.id || undefined,
      name: v.customer.name.trim(),
      mobile: normalizeMobile(v.customer.mobile) ?? v.customer.mobile.trim(),
      email: v.customer.email || undefined,
      address: v.customer.address?.trim() || undefined,
    },
    vehicle: {
      brand: v.vehicle.brand,
      model: v.vehicle.model,
      trim: v.vehicle.trim,
      color: v.vehicle.color,
      vin: v.vehicle.vin || undefined,
    },
    pricing: toPricing(v.pricing),
    paymentMethod: v.paymentMethod,
    loan:
      v.paymentMethod === 'loan' && v.loan
        ? {
            lender: v.loan.lender,
            downPayment: yuanToFen(v.loan.downPayment),
            termMonths: v.loan.termMonths,
            monthlyPayment: yuanToFen(v.loan.monthlyPayment),
          }
        : undefined,
    source: v.source,
    note: v.note || undefined,
  };
}
