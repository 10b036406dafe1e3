/**
 * The new-order form's view of the shared demo catalogue (dealer-rules/catalogue.ts, prices in fen):
 * the model and colour a customer prefers.
 */
import { CATALOGUE, type CatalogueModel, COLOURS } from '../../dealer-rules/catalogue.ts';

/**
 * The model and colour a customer prefers (`preferences.models`, `preferences.colour`, as the
 * customer drawer records them), as catalogue entries; unknown names are left out.
 *
 * @example
 * preferredVehicle({ models: ['海豹'], colour: '珍珠白' }); // { model: { brand: 'BYD', model: '海豹', … }, color: '珍珠白' }
 */
export function preferredVehicle(preferences: Record<string, unknown> | null | undefined): {
  model?: CatalogueModel;
  color?: string;
} {
  const models = preferences?.models;
  const first = Array.isArray(models) ? models.find((m): m is string => typeof m === 'string') : undefined;
  const model = CATALOGUE.find((m) => m.model === first);
  const colour = preferences?.colour;
  const color = COLOURS.find((c) => c === colour);
  return { ...(model ? { model } : {}), ...(color ? { color } : {}) };
}
