/**
 * The new-order form's live total (designer/orders/order-preview.ts, in the browser) against the
 * server's order amounts (api/dealer/rules/pricing.ts) for the body the form sends: both run
 * dealer-rules/pricing.ts, and this holds them to the same answer for any amounts and discounts.
 * (Here and not under designer/: the designer may not import the server, not even in a test.)
 */
import fc from 'fast-check';
import { computeOrderAmounts } from '../../api/dealer/rules/pricing.ts';
import { CATALOGUE, isNewEnergy } from '../../dealer-rules/catalogue.ts';
import { type NewOrderValues, toNewOrder } from '../../designer/orders/new-order-body.ts';
import { toOrderChange } from '../../designer/orders/order-change-body.ts';
import { previewTotal } from '../../designer/orders/order-preview.ts';
import { AppError } from '../../engine/errors.ts';

/** An amount as typed into the form: 元 with up to two decimals, or nothing. */
const yuan = (maxYuan: number) =>
  fc.option(
    fc.integer({ min: 0, max: maxYuan * 100 }).map((fen) => fen / 100),
    { nil: undefined, freq: 4 },
  );

const orderValues: fc.Arbitrary<NewOrderValues> = fc.record({
  customer: fc.constant({ name: '张伟', mobile: '13800138000' }),
  vehicle: fc
    .constantFrom(...CATALOGUE)
    .map((m) => ({ brand: m.brand, model: m.model, trim: '豪华版', color: '珍珠白' })),
  pricing: fc.record({
    msrp: fc.integer({ min: 0, max: 100_000_000 }).map((fen) => fen / 100),
    discount: yuan(200_000),
    accessories: fc.array(
      fc.record({
        name: fc.constantFrom('基础包', '尊享包', ''),
        price: fc.option(
          fc.integer({ min: 0, max: 3_000_000 }).map((fen) => fen / 100),
          { nil: undefined },
        ),
        charged: yuan(30_000),
      }),
      { maxLength: 3 },
    ),
    insurance: yuan(20_000),
    registrationFee: yuan(2_000),
    financeFee: yuan(10_000),
    tradeInCredit: yuan(300_000),
    deposit: yuan(100_000),
  }),
  paymentMethod: fc.constant('bank_transfer' as const),
  source: fc.constant('walk_in' as const),
});

/** The server's amounts for the body the form sends, or null when the server refuses it (422). */
function serverAmounts(body: ReturnType<typeof toNewOrder>) {
  try {
    return computeOrderAmounts(body.pricing, {
      newEnergy: isNewEnergy(body.vehicle.brand, body.vehicle.model),
    });
  } catch (error) {
    if (error instanceof AppError && error.code === 'invalid') return null;
    throw error;
  }
}

describe('the live total preview', () => {
  it('is the total the server computes for the order the form sends, for any amounts and discounts', () => {
    let compared = 0;
    fc.assert(
      fc.property(orderValues, (values) => {
        const newEnergy = isNewEnergy(values.vehicle.brand, values.vehicle.model);
        for (const body of [toNewOrder(values), { ...toOrderChange(values), storeId: undefined }]) {
          const server = serverAmounts(body);
          if (server === null) continue;
          compared += 1;
          expect(previewTotal(values.pricing, newEnergy)).toEqual(server);
        }
      }),
      { numRuns: 500 },
    );
    // Most generated orders are ones the server accepts, so the comparison is not vacuous.
    expect(compared).toBeGreaterThan(250);
  });
});
