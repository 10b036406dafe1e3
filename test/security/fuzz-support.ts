/**
 * Helpers of the fuzz suite (not a test file): values past the input policy's limits, zip and .xlsx
 * files built byte by byte (corrupt, truncated, or claiming or holding a huge expansion, all small),
 * and an HTTP/1.1 response reader for a raw socket that sends several requests on one connection.
 */
import type { Socket } from 'node:net';
import { constants, crc32, deflateRawSync } from 'node:zlib';

/** `levels` objects and arrays nested in one another around a string. */
export function deep(levels: number): unknown {
  let v: unknown = 'x';
  for (let i = 0; i < levels; i++) v = i % 2 ? [v] : { a: v };
  return v;
}

/** `length` CJK characters that do not compress (a repeated letter would fit an index row; this does not). */
export function incompressible(length: number, seed = 2026): string {
  let x = seed;
  return Array.from({ length }, () => {
    x = (x * 1_103_515_245 + 12_345) % 2 ** 31;
    return String.fromCharCode(0x4e00 + (x % 20_000));
  }).join('');
}

/**
 * Values the input policy (api/middleware/input-policy.ts) refuses wherever they are in a JSON body:
 * each a defect of issue #12 (a NUL reaching PostgreSQL, a year PostgreSQL cannot store, input nested
 * 2,000 levels deep, 10,000-item arrays and 500 KB strings saved into an instance).
 */
export const OVER_LIMIT: readonly { what: string; value: unknown; query?: string }[] = [
  { what: 'a NUL character', value: 'nul\u0000inside', query: 'nul\u0000inside' },
  { what: 'a key with a NUL character', value: { 'k\u0000': 1 } },
  { what: 'a date in the year 0', value: '0000-01-01', query: '0000-01-01' },
  { what: 'a date-time in a negative year', value: '-000001-01-01T00:00:00Z', query: '-000001-01-01' },
  { what: 'a date-time in the year 0', value: '0000-01-01T00:00:00Z' },
  { what: 'input nested 2,000 levels deep', value: deep(2001) },
  { what: 'input nested 40 levels deep', value: deep(41) },
  { what: 'an array of 10,000 items', value: Array.from({ length: 10_000 }, (_, i) => i) },
  { what: 'a 500 KB string', value: 'x'.repeat(500_000), query: 'x'.repeat(200_001) },
];

/** An entry compressed beforehand, with the size its headers claim. */
export interface Deflated {
  deflated: Buffer;
  size: number;
}

/** A zip of `files` (deflated; a `Deflated` entry as given, its checksum left 0). */
export function zip(files: Record<string, string | Buffer | Deflated>): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of Object.entries(files)) {
    const raw = typeof content === 'string' ? Buffer.from(content) : content;
    const data = Buffer.isBuffer(raw) ? deflateRawSync(raw) : raw.deflated;
    const size = Buffer.isBuffer(raw) ? raw.length : raw.size;
    const crc = Buffer.isBuffer(raw) ? crc32(raw) : 0;
    const nameBytes = Buffer.from(name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(centrals.length / 2, 8);
  end.writeUInt16LE(centrals.length / 2, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, directory, end]));
}

const SHEET_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** A one-sheet workbook with the given rows (`<row>` XML) and, optionally, shared strings. */
export function workbook(rows: string, sharedStrings?: string | Deflated): Uint8Array {
  return zip({
    '[Content_Types].xml':
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>',
    '_rels/.rels': `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    'xl/workbook.xml': `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${SHEET_NS}" xmlns:r="${REL_NS}"><sheets><sheet name="import" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    'xl/_rels/workbook.xml.rels': `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL_NS}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
    ...(sharedStrings !== undefined ? { 'xl/sharedStrings.xml': sharedStrings } : {}),
    'xl/worksheets/sheet1.xml': `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${SHEET_NS}"><sheetData>${rows}</sheetData></worksheet>`,
  });
}

/**
 * A workbook of ~`megabytes` KB whose shared string expands to `megabytes` MB of one letter (a zip
 * bomb): one compressed megabyte repeated (sync-flushed deflate blocks concatenate).
 */
export function sharedStringBomb(megabytes: number): Uint8Array {
  const flushed = (text: Buffer) => deflateRawSync(text, { finishFlush: constants.Z_SYNC_FLUSH });
  const open = Buffer.from(`<?xml version="1.0"?><sst xmlns="${SHEET_NS}" count="1" uniqueCount="1"><si><t>`);
  const close = Buffer.from('</t></si></sst>');
  const megabyte = flushed(Buffer.alloc(1024 * 1024, 'A'));
  const deflated = Buffer.concat([flushed(open), ...Array(megabytes).fill(megabyte), deflateRawSync(close)]);
  return workbook('<row r="1"><c r="A1" t="s"><v>0</v></c></row>', {
    deflated,
    size: open.length + megabytes * 1024 * 1024 + close.length,
  });
}

/** A workbook whose shared strings claim 4 GB in the zip's headers but hold a few bytes. */
export function claimsHugeSize(): Uint8Array {
  return workbook('<row r="1"><c r="A1" t="s"><v>0</v></c></row>', {
    deflated: deflateRawSync(Buffer.from(`<sst xmlns="${SHEET_NS}"><si><t>vin</t></si></sst>`)),
    size: 0xffff_fff0,
  });
}

/** A header row, then `count` empty rows (`<row/>`, numbered in order): a few KB compressed. */
export function emptyRows(count: number): Uint8Array {
  const header = '<row r="1"><c r="A1" t="inlineStr"><is><t>vin</t></is></c></row>';
  return workbook(header + '<row/>'.repeat(count));
}

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Reads HTTP/1.1 responses off a socket, in order; `closed` resolves when the server ends it. */
export function responses(socket: Socket): { next: () => Promise<RawResponse>; closed: Promise<void> } {
  let buffer = '';
  const waiting: (() => void)[] = [];
  socket.setEncoding('latin1');
  socket.on('data', (text: string) => {
    buffer += text;
    for (const wake of waiting.splice(0)) wake();
  });
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  async function next(): Promise<RawResponse> {
    for (;;) {
      const end = buffer.indexOf('\r\n\r\n');
      if (end >= 0) {
        const [statusLine, ...lines] = buffer.slice(0, end).split('\r\n');
        const headers = Object.fromEntries(
          lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]),
        );
        const length = Number(headers['content-length'] ?? 0);
        if (buffer.length >= end + 4 + length) {
          const body = buffer.slice(end + 4, end + 4 + length);
          buffer = buffer.slice(end + 4 + length);
          return { status: Number(statusLine?.split(' ')[1]), headers, body };
        }
      }
      await Promise.race([new Promise<void>((resolve) => waiting.push(resolve)), closed]);
      if (socket.destroyed && buffer.indexOf('\r\n\r\n') < 0) throw new Error('connection closed');
    }
  }
  return { next, closed };
}

/**
 * One HTTP/1.1 request as raw bytes (latin1 text): `body` sent whole, its length declared as
 * `declaredLength` when given (a client that announces more than it sends, or sends more).
 */
export function rawRequest(
  method: string,
  path: string,
  headers: Record<string, string>,
  body = '',
  declaredLength?: number,
): string {
  const lines = Object.entries({ host: 'fuzz', ...headers }).map(([k, v]) => `${k}: ${v}`);
  if (body !== '' || declaredLength !== undefined)
    lines.push(`content-length: ${declaredLength ?? Buffer.byteLength(body, 'latin1')}`);
  return `${method} ${path} HTTP/1.1\r\n${lines.join('\r\n')}\r\n\r\n${body}`;
}
