/**
 * The new-order form's live total (落地价) preview, in fen. For display only: the server computes
 * the real total with the store's policy; this uses the defaults of api/dealer/rules/pricing.ts.
 */
import { yuanToFen } from '../components/money.ts';

/** The pricing part of the new-order form, in 元 as typed. */
export interface PricingInput {
  msrp?: number | null;
  discount?: number | null;
  accessories?: ({ name?: string; price?: number | null } | undefined)[];
  insurance?: number | null;
  registrationFee?: number | null;
  financeFee?: number | null;
  tradeInCredit?: number | null;
}

export interface PricePreview {
  dealPrice: number;
  accessories: number;
  purchaseTax: number;
  total: number;
}

/** Default new-energy purchase-tax exemption (15,000 元), as the server's default policy. */
export const NEW_ENERGY_TAX_CAP = 1_500_000;

const fen = (yuan: number | null | undefined) => (typeof yuan === 'number' ? yuanToFen(yuan) : 0);

/**
 * Deal price, accessories, purchase tax (deal price ÷ 1.13 × 10%; new-energy exempt up to the cap) and total.
 *
 * @example
 * previewTotal({ msrp: 189800, discount: 5000, insurance: 6500 }, false).total; // 20765398
 */
export function previewTotal(p: PricingInput, newEnergy: boolean): PricePreview {
  const dealPrice = fen(p.msrp) - fen(p.discount);
  const accessories = (p.accessories ?? []).reduce((sum, line) => sum + fen(line?.price), 0);
  const tax = Math.round((dealPrice * 10) / 113);
  const purchaseTax = newEnergy ? Math.max(0, tax - NEW_ENERGY_TAX_CAP) : tax;
  const total =
    dealPrice +
    accessories +
    purchaseTax +
    fen(p.insurance) +
    fen(p.registrationFee) +
    fen(p.financeFee) -
    fen(p.tradeInCredit);
  return { dealPrice, accessories, purchaseTax, total };
}
