/**
 * A zip file's real expanded size, found by inflating each entry and counting the bytes, without
 * keeping them: a crafted .xlsx of a few hundred KB may expand to gigabytes (a zip bomb), and its
 * headers may lie about it. Inflating stops as soon as the total passes the budget.
 */
import { createInflateRaw } from 'node:zlib';
import { AppError } from '../../engine/errors.ts';

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

const corrupt = (why: string) =>
  new AppError('invalid', `Not a readable .xlsx file (${why})`, [{ path: '/file', message: 'corrupt' }]);

const tooLarge = (budget: number) =>
  new AppError('invalid', `The .xlsx file expands to more than ${budget} bytes`, [
    { path: '/file', message: `expands to more than ${budget} bytes` },
  ]);

interface Entry {
  name: string;
  method: number;
  data: Uint8Array;
  /** Offset of its local header. */
  local: number;
  /** Its central directory record. */
  central: Uint8Array;
}

function entries(bytes: Uint8Array): { found: Entry[]; directory: number; end: number } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let end = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 65_535); i--) {
    if (view.getUint32(i, true) === EOCD) {
      end = i;
      break;
    }
  }
  if (end < 0) throw corrupt('no end of central directory');
  const count = view.getUint16(end + 10, true);
  const offset = view.getUint32(end + 16, true);
  const found: Entry[] = [];
  let at = offset;
  for (let n = 0; n < count; n++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== CENTRAL)
      throw corrupt('bad central directory');
    const method = view.getUint16(at + 10, true);
    const size = view.getUint32(at + 20, true);
    const local = view.getUint32(at + 42, true);
    if (local + 30 > bytes.length || view.getUint32(local, true) !== LOCAL) throw corrupt('bad local header');
    const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    if (start + size > bytes.length) throw corrupt('entry past the end of the file');
    const nameLength = view.getUint16(at + 28, true);
    const next = at + 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
    const name = new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLength));
    found.push({
      name,
      method,
      data: bytes.subarray(start, start + size),
      local,
      central: bytes.subarray(at, next),
    });
    at = next;
  }
  return { found, directory: offset, end };
}

/**
 * The same zip with the entries named in `first` moved to its front (in that order). exceljs's
 * streaming reader needs the workbook and its relationships before a sheet, and some writers put
 * them after.
 */
export function reorderZip(bytes: Uint8Array, first: readonly string[]): Uint8Array {
  const { found, directory, end } = entries(bytes);
  // Each entry's bytes run from its local header to the next one's (a data descriptor included).
  const starts = [...found.map((e) => e.local), directory].sort((a, b) => a - b);
  const span = (e: Entry) => bytes.subarray(e.local, starts.find((s) => s > e.local) ?? directory);
  const rank = (e: Entry) => (first.includes(e.name) ? first.indexOf(e.name) : first.length);
  const ordered = [...found].sort((a, b) => rank(a) - rank(b));
  const locals: Uint8Array[] = [];
  const centrals: Uint8Array[] = [];
  let offset = 0;
  for (const entry of ordered) {
    const central = new Uint8Array(entry.central);
    new DataView(central.buffer).setUint32(42, offset, true);
    centrals.push(central);
    const local = span(entry);
    locals.push(local);
    offset += local.length;
  }
  const tail = new Uint8Array(bytes.subarray(end));
  new DataView(tail.buffer).setUint32(16, offset, true);
  return new Uint8Array(Buffer.concat([...locals, ...centrals, tail]));
}

/** Inflates `data`, counting; rejects with 422 past `budget` bytes or on a broken stream. */
function inflatedSize(data: Uint8Array, budget: number, total: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const inflate = createInflateRaw();
    let size = 0;
    inflate.on('data', (piece: Buffer) => {
      size += piece.length;
      if (size > budget) {
        inflate.destroy();
        reject(tooLarge(total));
      }
    });
    inflate.on('end', () => resolve(size));
    inflate.on('error', () => reject(corrupt('broken compressed data')));
    inflate.end(data);
  });
}

/**
 * Checks that a zip file is whole and expands to at most `budget` bytes in all; throws 422 otherwise.
 *
 * @example await checkZipExpansion(bytes, 32 * 1024 * 1024);
 */
export async function checkZipExpansion(bytes: Uint8Array, budget: number): Promise<void> {
  let left = budget;
  for (const entry of entries(bytes).found) {
    if (entry.method === 0) left -= entry.data.length;
    else if (entry.method === 8) left -= await inflatedSize(entry.data, left, budget);
    else throw corrupt(`compression method ${entry.method}`);
    if (left < 0) throw tooLarge(budget);
  }
}
