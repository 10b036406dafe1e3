/**
 * The demo catalogue (docs/dealership.md): brands, models with their MSRP in fen, trims, colours and
 * accessory packages. The server seeds and prices orders with it; the new-order form offers it.
 * `newEnergy` decides the purchase-tax exemption.
 */

export interface CatalogueModel {
  brand: string;
  model: string;
  /** MSRP in fen. */
  msrp: number;
  newEnergy: boolean;
  /** World manufacturer identifier used for demo VINs. */
  wmi: string;
}

export const CATALOGUE: readonly CatalogueModel[] = [
  { brand: 'BYD', model: '秦PLUS DM-i', msrp: 9_990_000, newEnergy: true, wmi: 'LGX' },
  { brand: 'BYD', model: '海豹', msrp: 18_980_000, newEnergy: true, wmi: 'LGX' },
  { brand: 'BYD', model: '汉', msrp: 18_980_000, newEnergy: true, wmi: 'LGX' },
  { brand: 'Tesla', model: 'Model 3', msrp: 24_590_000, newEnergy: true, wmi: 'LRW' },
  { brand: 'Tesla', model: 'Model Y', msrp: 25_890_000, newEnergy: true, wmi: 'LRW' },
  { brand: 'GAC Toyota', model: '凯美瑞 2.0 HEV', msrp: 20_280_000, newEnergy: false, wmi: 'LVG' },
  { brand: 'SAIC-VW', model: '朗逸', msrp: 11_990_000, newEnergy: false, wmi: 'LSV' },
  { brand: 'SAIC-VW', model: '途观L', msrp: 21_990_000, newEnergy: false, wmi: 'LSV' },
  { brand: 'Dongfeng Honda', model: 'CR-V', msrp: 18_990_000, newEnergy: false, wmi: 'LVH' },
  { brand: 'BMW', model: '325Li', msrp: 34_990_000, newEnergy: false, wmi: 'LBV' },
  { brand: 'BMW', model: 'X3', msrp: 40_990_000, newEnergy: false, wmi: 'LBV' },
  { brand: 'Li Auto', model: 'L7', msrp: 31_980_000, newEnergy: true, wmi: 'HLX' },
];

export const TRIMS = ['舒适版', '豪华版', '尊贵版', '旗舰版'] as const;
export const COLOURS = ['珍珠白', '极地白', '曜石黑', '星空灰', '冰川蓝', '熔岩红'] as const;

/** Accessory packages with their price in fen. */
export const ACCESSORY_PACKAGES = [
  { name: '基础包', price: 300_000 },
  { name: '舒适包', price: 500_000 },
  { name: '尊享包', price: 1_500_000 },
] as const;

/** The brands in catalogue order, once each. */
export function catalogueBrands(): string[] {
  return [...new Set(CATALOGUE.map((m) => m.brand))];
}

/** A brand's models (none for an unknown or missing brand). */
export function catalogueModels(brand: string | undefined): CatalogueModel[] {
  return CATALOGUE.filter((m) => m.brand === brand);
}

/** Whether a model is new-energy (exempt from purchase tax up to the cap); unknown models are not. */
export function isNewEnergy(brand: string, model: string): boolean {
  return CATALOGUE.some((m) => m.brand === brand && m.model === model && m.newEnergy);
}
