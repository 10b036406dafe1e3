/** Inventory shapes as the API answers them (types taken from the typed contract). */
import type { ApiData } from '../api/client.ts';

/** `GET /api/vehicles`: a page of vehicles plus the scope's per-model stock warnings. */
export type VehiclePage = ApiData<'/api/vehicles', 'get'>;
/** One vehicle of `GET /api/vehicles`, with its age in days and aging level. */
export type VehicleView = VehiclePage['items'][number];
export type ModelStock = VehiclePage['models'][number];

export { VEHICLE_STATUSES } from '../../dealer-rules/labels.ts';

export const STATUS_COLOR: Record<string, string> = {
  in_stock: 'green',
  reserved: 'orange',
  sold: 'default',
  in_transit: 'blue',
  transferring: 'purple',
};

/** Aging levels (docs/dealership.md: warn 61–90, alert 91–180, critical > 180 days). */
export const AGING_COLOR: Record<string, string> = {
  ok: 'green',
  warn: 'gold',
  alert: 'orange',
  critical: 'red',
};

/** One problem of a rejected import: the file's line, the column and what is wrong. */
export interface ImportProblem {
  key: string;
  row: number | null;
  field: string;
  message: string;
}

/**
 * The server's 422 details (`/rows/<line>/<field>`) as table rows.
 *
 * @example
 * toImportProblems([{ path: '/rows/3/vin', message: 'bad check digit' }]);
 * // [{ key: '0', row: 3, field: 'vin', message: 'bad check digit' }]
 */
export function toImportProblems(details: readonly { path: string; message: string }[]): ImportProblem[] {
  return details.map((d, i) => {
    const match = /^\/rows\/(\d+)(?:\/(.+))?$/.exec(d.path);
    return {
      key: String(i),
      row: match ? Number(match[1]) : null,
      field: match?.[2] ?? (match ? '' : d.path.slice(1)),
      message: d.message,
    };
  });
}

/** `POST /api/stock-takes`: the record with its gain and loss VINs. */
export type StockTakeResult = ApiData<'/api/stock-takes', 'post'>;

/**
 * The VINs of a pasted or scanned list (any whitespace, comma or semicolon between them),
 * upper-cased, duplicates dropped.
 *
 * @example
 * parseVins('lsvau2189n2000001\nLSVAU2189N2000001, LFV2A21KXP3000123'); // two VINs
 */
export function parseVins(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[\s,;，；]+/)
        .map((v) => v.trim().toUpperCase())
        .filter((v) => v.length > 0),
    ),
  ];
}
