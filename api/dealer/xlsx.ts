/**
 * Excel export helpers (exceljs): one sheet, a bold header row, amounts shown in yuan while the
 * data stays exact (fen are divided only for display, as the cell number format).
 */
import { Readable } from 'node:stream';
import type ExcelJSModule from 'exceljs';
import { AppError } from '../../engine/errors.ts';
import { checkZipExpansion, reorderZip } from './zip-budget.ts';

/** exceljs takes ~1 s to load: only on the first export or import, not at every server start. */
let excel: Promise<typeof ExcelJSModule> | undefined;
const loadExcel = () => {
  excel ??= import('exceljs').then((m) => m.default);
  return excel;
};

/**
 * One column of an export. `fen: true` writes the amount in yuan with two decimals; `date: true`
 * writes a `YYYY-MM-DD` value as a date cell (Excel sorts and filters it as a date).
 */
export interface XlsxColumn<T> {
  header: string;
  value: (row: T) => string | number | null;
  width?: number;
  fen?: boolean;
  date?: boolean;
}

/** A `YYYY-MM-DD` day as the Date exceljs writes as that day (midnight UTC: no time-zone shift). */
function dayCell(value: string | number | null): Date | string | number | null {
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)
    ? new Date(`${value}T00:00:00Z`)
    : value;
}

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * Builds an .xlsx file of `rows`.
 *
 * @example
 * const bytes = await toXlsx('订单', [{ header: '订单号', value: (o) => o.orderNo }], orders);
 */
export async function toXlsx<T>(sheetName: string, columns: XlsxColumn<T>[], rows: T[]): Promise<Uint8Array> {
  const workbook = new (await loadExcel()).Workbook();
  const sheet = workbook.addWorksheet(sheetName);
  sheet.columns = columns.map((c, i) => ({ header: c.header, key: String(i), width: c.width ?? 16 }));
  sheet.getRow(1).font = { bold: true };
  for (const row of rows) {
    sheet.addRow(
      columns.map((c) => {
        const v = c.value(row);
        if (c.date) return dayCell(v);
        return c.fen && typeof v === 'number' ? v / 100 : v;
      }),
    );
  }
  columns.forEach((c, i) => {
    if (c.fen) sheet.getColumn(i + 1).numFmt = '#,##0.00';
    if (c.date) sheet.getColumn(i + 1).numFmt = 'yyyy-mm-dd';
  });
  const buffer = await workbook.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}

/** Limits of reading an uploaded .xlsx file. */
export interface ReadXlsxOptions {
  /** Data rows (after the header row) past which reading stops with 422. */
  maxRows: number;
  /** Bytes all the file's parts may expand to (a zip bomb's defence), checked before reading. */
  maxExpandedBytes: number;
}

/** The parts exceljs's streaming reader must have seen before it reads a sheet. */
const WORKBOOK_FIRST = ['xl/_rels/workbook.xml.rels', 'xl/workbook.xml', 'xl/sharedStrings.xml'];

export const DEFAULT_READ_XLSX: ReadXlsxOptions = { maxRows: 5_000, maxExpandedBytes: 32 * 1024 * 1024 };

function cellTexts(row: ExcelJSModule.Row, headers: string[]): Record<string, string> {
  const record: Record<string, string> = {};
  headers.forEach((h, col) => {
    if (!h) return;
    const cell = row.getCell(col);
    // A date cell (as the exports write) reads back as its day, not as Date.toString().
    record[h] = cell.value instanceof Date ? cell.value.toISOString().slice(0, 10) : cell.text.trim();
  });
  return record;
}

/**
 * Reads the first sheet of an .xlsx file as rows of header → cell text, with exceljs's streaming
 * reader: the file's expansion is checked first (zip-budget.ts), and reading stops at the row cap
 * (the `maxRows + 2`nd row or a row numbered past `maxRows + 1`; empty rows count) rather than after
 * the whole sheet. A file
 * that is not a readable workbook answers 422.
 *
 * @example const rows = await readXlsx(bytes); // [{ vin: 'LFV…', brand: 'SAIC-VW', … }]
 */
export async function readXlsx(
  bytes: Uint8Array,
  options: ReadXlsxOptions = DEFAULT_READ_XLSX,
): Promise<Record<string, string>[]> {
  await checkZipExpansion(bytes, options.maxExpandedBytes);
  const ordered = reorderZip(bytes, WORKBOOK_FIRST);
  const input = Readable.from([Buffer.from(ordered.buffer, ordered.byteOffset, ordered.byteLength)]);
  const reader = new (await loadExcel()).stream.xlsx.WorkbookReader(input, {
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'ignore',
    worksheets: 'emit',
    entries: 'ignore',
  });
  const rows: Record<string, string>[] = [];
  try {
    for await (const sheet of reader) {
      const headers: string[] = [];
      let seen = 0;
      for await (const row of sheet) {
        // Empty rows count: a sheet of a million `<row/>` must not be read to its end.
        seen++;
        if (seen === 1)
          row.eachCell((cell, col) => {
            headers[col] = cell.text.trim();
          });
        else if (seen > options.maxRows + 1 || row.number > options.maxRows + 1)
          throw new AppError('invalid', `At most ${options.maxRows.toLocaleString('en')} rows per import`, [
            { path: '/rows', message: 'too many' },
          ]);
        else if (row.hasValues) rows.push(cellTexts(row, headers));
      }
      break; // the first sheet only
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('invalid', `Not a readable .xlsx file (${(error as Error).message})`, [
      { path: '/file', message: 'corrupt' },
    ]);
  }
  return rows;
}
