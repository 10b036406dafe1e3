/**
 * Excel export helpers (exceljs): one sheet, a bold header row, amounts shown in yuan while the
 * data stays exact (fen are divided only for display, as the cell number format).
 */
import type ExcelJSModule from 'exceljs';

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

/** Reads the first sheet of an .xlsx file as rows of header → cell text. */
export async function readXlsx(bytes: Uint8Array): Promise<Record<string, string>[]> {
  const workbook = new (await loadExcel()).Workbook();
  await workbook.xlsx.load(
    bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
  );
  const sheet = workbook.worksheets[0];
  if (!sheet) return [];
  const headers: string[] = [];
  sheet.getRow(1).eachCell((cell, col) => {
    headers[col] = cell.text.trim();
  });
  const rows: Record<string, string>[] = [];
  sheet.eachRow((row, n) => {
    if (n === 1) return;
    const record: Record<string, string> = {};
    headers.forEach((h, col) => {
      if (!h) return;
      const cell = row.getCell(col);
      // A date cell (as the exports write) reads back as its day, not as Date.toString().
      record[h] = cell.value instanceof Date ? cell.value.toISOString().slice(0, 10) : cell.text.trim();
    });
    rows.push(record);
  });
  return rows;
}
