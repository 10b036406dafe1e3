/**
 * A returned order as the edit form holds it (元) and the `PUT /api/orders/:id` body it becomes
 * (fen). Accessory lines keep what the customer is charged, which the form does not edit.
 */
import { fenToYuan } from '../components/money.ts';
import { type NewOrderValues, toNewOrder } from './new-order-body.ts';
import type { NewOrder, OrderDetail } from './order-types.ts';

export type OrderEditValues = NewOrderValues;

const yuanOrUndefined = (fen: number) => (fen === 0 ? undefined : fenToYuan(fen));

/** The form's starting values for an order. */
export function toEditValues(o: OrderDetail): OrderEditValues {
  return {
    customer: {
      name: o.customerName,
      mobile: o.customerMobile,
      email: o.customerEmail ?? undefined,
      address: o.customerAddress ?? undefined,
    },
    vehicle: {
      brand: o.brand,
      model: o.model,
      trim: o.trim,
      color: o.color,
      // A draft names its stock car without holding it; a returned order keeps the one it holds.
      ...(o.status === 'draft' && o.draftVin ? { vin: o.draftVin } : {}),
    },
    pricing: {
      msrp: fenToYuan(o.msrp),
      discount: yuanOrUndefined(o.discount),
      accessories: o.accessories.map((a) => ({
        name: a.name,
        price: fenToYuan(a.price),
        ...(a.charged !== undefined ? { charged: fenToYuan(a.charged) } : {}),
      })),
      insurance: yuanOrUndefined(o.insurance),
      registrationFee: yuanOrUndefined(o.registrationFee),
      financeFee: yuanOrUndefined(o.financeFee),
      tradeInCredit: yuanOrUndefined(o.tradeInCredit),
      deposit: yuanOrUndefined(o.deposit),
    },
    paymentMethod: o.paymentMethod as NewOrderValues['paymentMethod'],
    loan: o.loan
      ? {
          lender: o.loan.lender,
          downPayment: fenToYuan(o.loan.downPayment),
          termMonths: o.loan.termMonths,
          monthlyPayment: fenToYuan(o.loan.monthlyPayment),
        }
      : undefined,
    source: o.source as NewOrderValues['source'],
    note: o.note ?? undefined,
  };
}

/**
 * The `PUT /api/orders/:id` body: the new-order body (each accessory with its charged amount)
 * without the store (an order keeps its store).
 *
 * @example toOrderChange(toEditValues(order)).pricing.msrp === order.msrp
 */
export function toOrderChange(values: OrderEditValues): Omit<NewOrder, 'storeId'> {
  const { storeId: _store, ...body } = toNewOrder(values);
  return {
    ...body,
    customer: {
      ...body.customer,
      ...(values.customer.address ? { address: values.customer.address } : {}),
    },
  };
}
