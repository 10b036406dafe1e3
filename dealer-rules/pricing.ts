/**
 * Order amounts from what the consultant entered (docs/dealership.md "The order"), in integer fen;
 * the only division (purchase tax) is rounded explicitly. The server computes an order's amounts
 * with these functions (api/dealer/rules/pricing.ts adds its error type); the new-order form's live
 * preview calls the same `orderAmounts`, so the preview is the total the server will store.
 */
import { divRound, ratio, sumFen } from './money.ts';

/** A problem with an amount, at a JSON pointer under `/pricing`. */
export type PricingProblem = { path: string; message: string };

/** An accessory line as entered; `charged` defaults to `price`, `free` means charged 0. */
export interface AccessoryInput {
  name: string;
  price: number;
  charged?: number;
  free?: boolean;
  /** Dealer's cost of the accessory, for gross profit; unknown → 0. */
  cost?: number;
}

/** What the consultant enters (fen). */
export interface PricingInput {
  msrp: number;
  discount?: number;
  accessories?: AccessoryInput[];
  insurance?: number;
  registrationFee?: number;
  financeFee?: number;
  tradeInCredit?: number;
  deposit?: number;
}

/** Store policy and catalogue facts that the amounts depend on. */
export interface PricingPolicy {
  /** New-energy vehicles are exempt from purchase tax up to `newEnergyTaxCap`. */
  newEnergy?: boolean;
  /** Largest exemption per vehicle in fen; *default* ¥15,000 (the 2026–2027 level). */
  newEnergyTaxCap?: number;
  /** Purchase cost of the vehicle when known (gross profit). */
  vehicleCost?: number | null;
  /** Largest deposit as a share of the contract value, in percent; *default* 20. */
  maxDepositPercent?: number;
}

/** Every amount of an order, in fen, plus the ratios the approval flow routes on. */
export interface OrderAmounts {
  msrp: number;
  discount: number;
  dealPrice: number;
  accessories: Required<Pick<AccessoryInput, 'name' | 'price' | 'charged'>>[];
  accessoriesTotal: number;
  /** Value of accessories given away (free or discounted lines). */
  accessoryDiscount: number;
  purchaseTax: number;
  insurance: number;
  registrationFee: number;
  financeFee: number;
  tradeInCredit: number;
  deposit: number;
  /** Vehicle + accessories: what the sales contract covers (deposit limit base). */
  contractValue: number;
  /** 落地价. */
  total: number;
  /** MSRP − deal price + value of free accessories. */
  concession: number;
  concessionRate: number;
  accessoryDiscountRate: number;
  /** Null while the vehicle cost is unknown. */
  grossProfit: number | null;
}

export const DEFAULT_NEW_ENERGY_TAX_CAP = 1_500_000;
export const DEFAULT_MAX_DEPOSIT_PERCENT = 20;

/**
 * Purchase tax (购置税): deal price ÷ 1.13 × 10%, i.e. dealPrice × 10 / 113 rounded to the fen;
 * new-energy vehicles are exempt up to the cap.
 *
 * @example
 * purchaseTax(18_480_000); // 1635398
 */
export function purchaseTax(dealPrice: number, policy: PricingPolicy = {}): number {
  const tax = divRound(dealPrice * 10, 113);
  if (!policy.newEnergy) return tax;
  const cap = policy.newEnergyTaxCap ?? DEFAULT_NEW_ENERGY_TAX_CAP;
  return Math.max(0, tax - cap);
}

/**
 * Every amount of an order. Checks nothing: the server first refuses what `wholeFenProblems` finds
 * and afterwards what `amountRuleProblems` finds; a preview shows the amounts of whatever is typed.
 *
 * @example
 * orderAmounts({ msrp: 18_980_000, discount: 500_000 }).dealPrice; // 18480000
 */
export function orderAmounts(input: PricingInput, policy: PricingPolicy = {}): OrderAmounts {
  const discount = input.discount ?? 0;
  const dealPrice = input.msrp - discount;
  const accessories = (input.accessories ?? []).map((a) => ({
    name: a.name,
    price: a.price,
    charged: a.free ? 0 : (a.charged ?? a.price),
  }));
  const accessoriesTotal = sumFen(accessories.map((a) => a.charged));
  const accessoriesListTotal = sumFen(accessories.map((a) => a.price));
  const accessoryDiscount = accessoriesListTotal - accessoriesTotal;
  const tax = purchaseTax(dealPrice, policy);
  const insurance = input.insurance ?? 0;
  const registrationFee = input.registrationFee ?? 0;
  const financeFee = input.financeFee ?? 0;
  const tradeInCredit = input.tradeInCredit ?? 0;
  const deposit = input.deposit ?? 0;
  const contractValue = dealPrice + accessoriesTotal;
  const total = contractValue + tax + insurance + registrationFee + financeFee - tradeInCredit;
  const concession = discount + accessoryDiscount;
  const accessoriesCost = sumFen((input.accessories ?? []).map((a) => a.cost ?? 0));
  const vehicleCost = policy.vehicleCost;
  const amounts: OrderAmounts = {
    msrp: input.msrp,
    discount,
    dealPrice,
    accessories,
    accessoriesTotal,
    accessoryDiscount,
    purchaseTax: tax,
    insurance,
    registrationFee,
    financeFee,
    tradeInCredit,
    deposit,
    contractValue,
    total,
    concession,
    concessionRate: ratio(concession, input.msrp),
    accessoryDiscountRate: ratio(accessoryDiscount, accessoriesListTotal),
    grossProfit:
      vehicleCost === undefined || vehicleCost === null
        ? null
        : dealPrice - vehicleCost + accessoriesTotal - accessoriesCost,
  };
  return amounts;
}

/** Amounts that are not whole, non-negative fen (with their paths under `/pricing`). */
export function wholeFenProblems(input: PricingInput): PricingProblem[] {
  const fields: [string, number | undefined][] = [
    ['/pricing/msrp', input.msrp],
    ['/pricing/discount', input.discount],
    ['/pricing/insurance', input.insurance],
    ['/pricing/registrationFee', input.registrationFee],
    ['/pricing/financeFee', input.financeFee],
    ['/pricing/tradeInCredit', input.tradeInCredit],
    ['/pricing/deposit', input.deposit],
  ];
  (input.accessories ?? []).forEach((a, i) => {
    fields.push(
      [`/pricing/accessories/${i}/price`, a.price],
      [`/pricing/accessories/${i}/charged`, a.charged],
    );
    fields.push([`/pricing/accessories/${i}/cost`, a.cost]);
  });
  return fields
    .filter(([, v]) => v !== undefined && !(Number.isSafeInteger(v) && v >= 0))
    .map(([path]) => ({ path, message: 'must be a non-negative whole number of fen' }));
}

/** The order rules the amounts break: MSRP above 0, discount up to the MSRP, charged up to the price, deposit cap, total not negative. */
export function amountRuleProblems(
  a: OrderAmounts,
  input: PricingInput,
  policy: PricingPolicy = {},
): PricingProblem[] {
  const problems: PricingProblem[] = [];
  if (a.msrp <= 0) problems.push({ path: '/pricing/msrp', message: 'must be greater than 0' });
  if (a.discount > a.msrp) problems.push({ path: '/pricing/discount', message: 'cannot exceed the MSRP' });
  (input.accessories ?? []).forEach((line, i) => {
    if ((line.charged ?? 0) > line.price) {
      problems.push({ path: `/pricing/accessories/${i}/charged`, message: 'cannot exceed the price' });
    }
  });
  const maxPercent = policy.maxDepositPercent ?? DEFAULT_MAX_DEPOSIT_PERCENT;
  const maxDeposit = Math.floor((a.contractValue * maxPercent) / 100);
  if (a.deposit > maxDeposit) {
    problems.push({
      path: '/pricing/deposit',
      message: `cannot exceed ${maxPercent}% of the contract value (${maxDeposit} fen)`,
    });
  }
  if (a.total < 0) problems.push({ path: '/pricing/tradeInCredit', message: 'makes the total negative' });
  return problems;
}
