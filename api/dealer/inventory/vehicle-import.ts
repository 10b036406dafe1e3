/**
 * `POST /api/vehicles/import`: a CSV or .xlsx file of vehicles, all or nothing. Every row is checked
 * first (required fields, VIN, dates, amounts, duplicates in the file and in the inventory); any
 * problem answers 422 with one detail per problem (`/rows/<n>/<field>`, n = the file's line number)
 * and writes nothing. Otherwise every row is inserted in one transaction.
 *
 * Columns (header row, English names): vin, brand, model, trim, exteriorColor, interiorColor,
 * productionDate, stockInDate, engineNo, certificateNo, location, cost, listPrice (yuan, up to two
 * decimals), status (in_stock | in_transit), vinOverride (true to accept a wrong check digit).
 */
import { AppError, type ErrorDetail } from '../../../engine/errors.ts';
import type { Db } from '../../../engine/store/db.ts';
import { sqlState } from '../../../engine/store/db-errors.ts';
import type { Actor } from '../../../engine/types.ts';
import { vehicles } from '../schema.ts';
import { readXlsx } from '../xlsx.ts';
import { existingVins, type NewVehicle, vehicleValues } from './vehicle-repo.ts';

/**
 * Parses CSV text (RFC 4180: quoted fields, doubled quotes, CRLF or LF) into rows of header → value.
 *
 * @example
 * parseCsv('vin,brand\nLSVAU2189N2000001,SAIC-VW'); // [{ vin: 'LSVAU2189N2000001', brand: 'SAIC-VW' }]
 */
export function parseCsv(text: string): Record<string, string>[] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  const source = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < source.length; i++) {
    const ch = source[i]!;
    if (quoted) {
      if (ch === '"' && source[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      record.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && source[i + 1] === '\n') i++;
      record.push(field);
      records.push(record);
      record = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || record.length > 0) records.push([...record, field]);
  const [header, ...rows] = records.filter((r) => r.some((cell) => cell.trim() !== ''));
  if (!header) return [];
  return rows.map((r) => Object.fromEntries(header.map((h, i) => [h.trim(), (r[i] ?? '').trim()])));
}

/** Yuan as typed in a spreadsheet (`189800`, `189,800.50`) to fen, without floats; null if malformed. */
export function parseYuan(text: string): number | null {
  const m = /^(\d+)(?:\.(\d{1,2}))?$/.exec(text.replace(/[,¥\s]/g, ''));
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

const REQUIRED = ['vin', 'brand', 'model', 'trim', 'exteriorColor', 'productionDate', 'listPrice'] as const;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function rowToVehicle(raw: Record<string, string>, line: number, problems: ErrorDetail[]): NewVehicle | null {
  const at = (field: string, message: string) =>
    problems.push({ path: `/rows/${line}/${field}`, message, row: line });
  const before = problems.length;
  for (const field of REQUIRED) if (!raw[field]) at(field, 'required');
  for (const field of ['productionDate', 'stockInDate']) {
    if (raw[field] && (!DATE.test(raw[field]!) || Number.isNaN(Date.parse(raw[field]!))))
      at(field, 'must be YYYY-MM-DD');
  }
  const listPrice = raw.listPrice ? parseYuan(raw.listPrice) : null;
  if (raw.listPrice && listPrice === null) at('listPrice', 'must be an amount in yuan');
  const cost = raw.cost ? parseYuan(raw.cost) : null;
  if (raw.cost && cost === null) at('cost', 'must be an amount in yuan');
  const status = raw.status || 'in_stock';
  if (status !== 'in_stock' && status !== 'in_transit') at('status', 'must be in_stock or in_transit');
  if (problems.length > before) return null;
  const opt = (k: string) => raw[k] || undefined;
  return {
    vin: raw.vin!,
    brand: raw.brand!,
    model: raw.model!,
    trim: raw.trim!,
    exteriorColor: raw.exteriorColor!,
    interiorColor: opt('interiorColor'),
    productionDate: raw.productionDate!,
    stockInDate: opt('stockInDate'),
    engineNo: opt('engineNo'),
    certificateNo: opt('certificateNo'),
    location: opt('location'),
    cost: cost ?? undefined,
    listPrice: listPrice!,
    status: status as 'in_stock' | 'in_transit',
    vinOverride: ['true', '1', 'yes', '是'].includes((raw.vinOverride ?? '').toLowerCase()),
  };
}

/** Reads the upload: xlsx by content type or magic number (zip), otherwise CSV text. */
export async function readUpload(bytes: Uint8Array, contentType: string): Promise<Record<string, string>[]> {
  const zip = bytes[0] === 0x50 && bytes[1] === 0x4b;
  if (contentType.includes('spreadsheetml') || zip) return readXlsx(bytes);
  return parseCsv(new TextDecoder().decode(bytes));
}

/**
 * Imports vehicles all or nothing; returns how many were added.
 *
 * @example
 * await importVehicles(db, actor, parseCsv(text), undefined); // { imported: 12 }
 */
export async function importVehicles(
  db: Db,
  actor: Actor,
  raws: Record<string, string>[],
  storeId: string | undefined,
) {
  if (raws.length === 0)
    throw new AppError('invalid', 'The file has no rows', [{ path: '/rows', message: 'empty' }]);
  if (raws.length > 5000)
    throw new AppError('invalid', 'At most 5,000 rows per import', [{ path: '/rows', message: 'too many' }]);
  const problems: ErrorDetail[] = [];
  const values: ReturnType<typeof vehicleValues>[] = [];
  const seen = new Map<string, number>();
  raws.forEach((raw, i) => {
    const line = i + 2; // line 1 is the header
    const vehicle = rowToVehicle(raw, line, problems);
    if (!vehicle) return;
    try {
      const row = vehicleValues(actor, { ...vehicle, storeId }, `/rows/${line}/vin`);
      const first = seen.get(row.vin);
      if (first !== undefined)
        problems.push({ path: `/rows/${line}/vin`, message: `duplicate of line ${first}`, row: line });
      else seen.set(row.vin, line);
      values.push(row);
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== 'invalid') throw error;
      problems.push(...(error.details ?? []).map((d) => ({ ...d, row: line })));
    }
  });
  const taken = await existingVins(db, [...seen.keys()]);
  for (const [vin, line] of seen) {
    if (taken.has(vin))
      problems.push({ path: `/rows/${line}/vin`, message: 'already in the inventory', row: line });
  }
  if (problems.length > 0)
    throw new AppError('invalid', `${problems.length} problem(s); nothing was imported`, problems);
  try {
    await db.transaction(async (tx) => {
      for (let i = 0; i < values.length; i += 500) await tx.insert(vehicles).values(values.slice(i, i + 500));
    });
  } catch (error) {
    if (sqlState(error) === '23505')
      throw new AppError('conflict', 'A VIN was added meanwhile; nothing was imported');
    throw error;
  }
  return { imported: values.length };
}
