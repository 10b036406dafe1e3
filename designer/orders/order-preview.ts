/**
 * The new-order form's live total (落地价) preview, in fen. For display only: the server computes
 * the real total (and the new-energy tax exemption cap, which this ignores).
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

const fen = (yuan: number | null | undefined) => (typeof yuan === 'number' ? yuanToFen(yuan) : 0);

/**
 * Deal price, accessories, purchase tax (deal price ÷ 1.13 × 10%, none for new-energy) and total.
 *
 * @example
 * previewTotal({ msrp: 189800, discount: 5000, insurance: 6500 }, false).total; // 20765398
 */
export function previewTotal(p: PricingInput, newEnergy: boolean): PricePreview {
  const dealPrice = fen(p.msrp) - fen(p.discount);
  const accessories = (p.accessories ?? []).reduce((sum, line) => sum + fen(line?.price), 0);
  const purchaseTax = newEnergy ? 0 : Math.round((dealPrice * 10) / 113);
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
