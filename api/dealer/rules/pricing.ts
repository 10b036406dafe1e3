/**
 * The server's order amounts: the shared rules (dealer-rules/pricing.ts) with the API's error, so a
 * broken rule answers 422 with field paths under `/pricing`.
 */
import {
  amountRuleProblems,
  type OrderAmounts,
  orderAmounts,
  type PricingInput,
  type PricingPolicy,
  wholeFenProblems,
} from '../../../dealer-rules/pricing.ts';
import { AppError } from '../../../engine/errors.ts';

export type { OrderAmounts, PricingInput, PricingPolicy } from '../../../dealer-rules/pricing.ts';

/**
 * Computes every amount of an order; throws `AppError('invalid')` with field paths under
 * `/pricing` when the input breaks a rule (non-integer fen, discount above MSRP, deposit too high).
 *
 * @example
 * computeOrderAmounts({ msrp: 18_980_000, discount: 500_000 }).dealPrice; // 18480000
 */
export function computeOrderAmounts(input: PricingInput, policy: PricingPolicy = {}): OrderAmounts {
  const problems = wholeFenProblems(input);
  if (problems.length > 0) throw new AppError('invalid', 'Amounts must be whole fen', problems);
  const amounts = orderAmounts(input, policy);
  const broken = amountRuleProblems(amounts, input, policy);
  if (broken.length > 0) throw new AppError('invalid', 'The order amounts break a rule', broken);
  return amounts;
}
