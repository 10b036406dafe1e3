/** The demo catalogue (docs/dealership.md) the new-order form offers; prices in 元 as people think of them. */

import { codesOf, PAYMENT_METHOD } from '../../workflows/vocabulary.ts';

export interface CatalogueModel {
  brand: string;
  model: string;
  /** MSRP in 元. */
  msrp: number;
  newEnergy: boolean;
}

export const CATALOGUE: readonly CatalogueModel[] = [
  { brand: 'BYD', model: '秦PLUS DM-i', msrp: 99_900, newEnergy: true },
  { brand: 'BYD', model: '海豹', msrp: 189_800, newEnergy: true },
  { brand: 'BYD', model: '汉', msrp: 189_800, newEnergy: true },
  { brand: 'Tesla', model: 'Model 3', msrp: 245_900, newEnergy: true },
  { brand: 'Tesla', model: 'Model Y', msrp: 258_900, newEnergy: true },
  { brand: 'GAC Toyota', model: '凯美瑞 2.0 HEV', msrp: 202_800, newEnergy: false },
  { brand: 'SAIC-VW', model: '朗逸', msrp: 119_900, newEnergy: false },
  { brand: 'SAIC-VW', model: '途观L', msrp: 219_900, newEnergy: false },
  { brand: 'Dongfeng Honda', model: 'CR-V', msrp: 189_900, newEnergy: false },
  { brand: 'BMW', model: '325Li', msrp: 349_900, newEnergy: false },
  { brand: 'BMW', model: 'X3', msrp: 409_900, newEnergy: false },
  { brand: 'Li Auto', model: 'L7', msrp: 319_800, newEnergy: true },
];

export const TRIMS = ['舒适版', '豪华版', '尊贵版', '旗舰版'] as const;
export const COLORS = ['珍珠白', '极地白', '曜石黑', '星空灰', '冰川蓝', '熔岩红'] as const;

/** Accessory packages with their price in 元. */
export const ACCESSORY_PACKAGES = [
  { name: '基础包', price: 3_000 },
  { name: '舒适包', price: 5_000 },
  { name: '尊享包', price: 15_000 },
] as const;

export const PAYMENT_METHODS = codesOf(PAYMENT_METHOD);
export const ORDER_SOURCES = [
  'walk_in',
  'phone',
  'online',
  'portal',
  'auto_show',
  'referral',
  'existing',
] as const;

/** The brands in catalogue order, once each. */
export function catalogueBrands(): string[] {
  return [...new Set(CATALOGUE.map((m) => m.brand))];
}

/** A brand's models. */
export function catalogueModels(brand: string | undefined): CatalogueModel[] {
  return CATALOGUE.filter((m) => m.brand === brand);
}

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
  const color = COLORS.find((c) => c === colour);
  return { ...(model ? { model } : {}), ...(color ? { color } : {}) };
}
