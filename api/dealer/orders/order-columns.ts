/**
 * The columns of an order row that come from what the consultant entered, shared by creating an
 * order and changing a returned one.
 */

import { isNewEnergy } from '../../../dealer-rules/catalogue.ts';
import { normalizeMobile } from '../../../forms/formats.ts';
import type { OrderAmounts } from '../rules/pricing.ts';
import type { OrderChange } from './order-schemas.ts';

/** Customer snapshot, vehicle spec and commercial terms (everything but amounts, people and status). */
export function orderFieldColumns(body: OrderChange) {
  return {
    customerName: body.customer.name,
    customerMobile: normalizeMobile(body.customer.mobile) ?? body.customer.mobile,
    customerEmail: body.customer.email ?? null,
    customerAddress: body.customer.address ?? null,
    brand: body.vehicle.brand,
    model: body.vehicle.model,
    trim: body.vehicle.trim,
    color: body.vehicle.color,
    interiorColor: body.vehicle.interiorColor ?? null,
    newEnergy: isNewEnergy(body.vehicle.brand, body.vehicle.model),
    paymentMethod: body.paymentMethod,
    loan: body.loan ?? null,
    source: body.source,
    queueJump: body.queueJump ?? false,
    afterSalesPackage: body.afterSalesPackage ?? null,
    note: body.note ?? null,
  };
}

/** The amount columns of an order row. */
export function amountColumns(a: OrderAmounts) {
  return {
    msrp: a.msrp,
    discount: a.discount,
    dealPrice: a.dealPrice,
    accessories: a.accessories,
    accessoriesTotal: a.accessoriesTotal,
    purchaseTax: a.purchaseTax,
    insurance: a.insurance,
    registrationFee: a.registrationFee,
    financeFee: a.financeFee,
    tradeInCredit: a.tradeInCredit,
    deposit: a.deposit,
    total: a.total,
    concession: a.concession,
    grossProfit: a.grossProfit,
  };
}
