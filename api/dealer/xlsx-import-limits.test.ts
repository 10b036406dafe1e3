/**
 * The vehicle import's .xlsx reading under hostile files: a zip bomb (a few hundred KB that expands
 * to hundreds of MB) and a sheet of a million empty rows are refused quickly with 422, reading stops
 * at the row cap, and a corrupt file is 422, never 500.
 */
import { constants, crc32, deflateRawSync, inflateRawSync } from 'node:zlib';
import { DATABASES, type TestDatabase } from '../../test/fixtures/databases.ts';
import { createDealerTestApp, type DealerTestApp } from './testing.ts';
import { readXlsx, toXlsx, XLSX_MIME } from './xlsx.ts';

/** An entry compressed beforehand; its checksum is left 0 (nothing reads that far). */
interface Deflated {
  deflated: Buffer;
  size: number;
}

/** A zip of `files` (deflated), as a spreadsheet program writes it. */
function zip(files: Record<string, string | Buffer | Deflated>): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of Object.entries(files)) {
    const raw = typeof content === 'string' ? Buffer.from(content) : content;
    const data = Buffer.isBuffer(raw) ? deflateRawSync(raw, { level: 9 }) : raw.deflated;
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

/** The entries of a zip written by `zip` (local headers in order), inflated. */
function unzipParts(bytes: Uint8Array): Record<string, Buffer> {
  const buffer = Buffer.from(bytes);
  const parts: Record<string, Buffer> = {};
  for (let at = 0; buffer.readUInt32LE(at) === 0x04034b50; ) {
    const size = buffer.readUInt32LE(at + 18);
    const nameLength = buffer.readUInt16LE(at + 26);
    const start = at + 30 + nameLength;
    parts[buffer.subarray(at + 30, start).toString()] = inflateRawSync(buffer.subarray(start, start + size));
    at = start + size;
  }
  return parts;
}

/** A one-sheet workbook with the given sheet XML and shared strings. */
function workbook(sheetData: string | Buffer, sharedStrings?: string | Buffer | Deflated): Uint8Array {
  const sheet =
    typeof sheetData === 'string'
      ? `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${sheetData}</sheetData></worksheet>`
      : sheetData;
  return zip({
    '[Content_Types].xml':
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>',
    '_rels/.rels':
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    'xl/workbook.xml':
      '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="import" sheetId="1" r:id="rId1"/></sheets></workbook>',
    'xl/_rels/workbook.xml.rels':
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
    ...(sharedStrings !== undefined ? { 'xl/sharedStrings.xml': sharedStrings } : {}),
    'xl/worksheets/sheet1.xml': sheet,
  });
}

/**
 * ~700 KB that expands to ~700 MB: one shared string of a single repeated letter. Built from one
 * compressed megabyte repeated (sync-flushed deflate blocks concatenate; each refers back one byte
 * at most), so the test does not spend seconds compressing 700 MB.
 */
function sharedStringBomb(): Uint8Array {
  const flushed = (text: Buffer) => deflateRawSync(text, { finishFlush: constants.Z_SYNC_FLUSH });
  const open = Buffer.from(
    '<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>',
  );
  const close = Buffer.from('</t></si></sst>');
  const megabyte = flushed(Buffer.alloc(1024 * 1024, 'A'));
  const deflated = Buffer.concat([flushed(open), ...Array(700).fill(megabyte), deflateRawSync(close)]);
  const size = open.length + 700 * 1024 * 1024 + close.length;
  return workbook('<row r="1"><c r="A1" t="s"><v>0</v></c></row>', { deflated, size });
}

/** A header row, then a million empty rows (`<row/>`: numbered in order), a few KB compressed. */
function millionEmptyRows(): Uint8Array {
  const header = '<row r="1"><c r="A1" t="inlineStr"><is><t>vin</t></is></c></row>';
  return workbook(header + '<row/>'.repeat(1_000_000));
}

const corrupt = (why: string) =>
  expect.objectContaining({ code: 'invalid', details: [{ path: why, message: expect.any(String) }] });

describe('reading an uploaded .xlsx file', () => {
  it('refuses a zip bomb before reading it', async () => {
    const bomb = sharedStringBomb();
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const before = process.memoryUsage().rss;
    await expect(readXlsx(bomb)).rejects.toEqual(corrupt('/file'));
    await expect(readXlsx(bomb)).rejects.toThrow(/expands to more than/);
    // Counted, not kept: the process grew by far less than the 700 MB the file expands to.
    expect(process.memoryUsage().rss - before).toBeLessThan(150 * 1024 * 1024);
  });

  it('stops at the row cap while reading a million empty rows', async () => {
    await expect(readXlsx(millionEmptyRows())).rejects.toEqual(
      expect.objectContaining({ code: 'invalid', details: [{ path: '/rows', message: 'too many' }] }),
    );
  });

  it('reads up to the row cap and refuses the row after it', async () => {
    const header = { header: 'vin', value: (n: number) => `V${n}` };
    const rows = (n: number) => Array.from({ length: n }, (_, i) => i);
    expect(
      await readXlsx(await toXlsx('s', [header], rows(3)), { maxRows: 3, maxExpandedBytes: 1e7 }),
    ).toEqual([{ vin: 'V0' }, { vin: 'V1' }, { vin: 'V2' }]);
    await expect(
      readXlsx(await toXlsx('s', [header], rows(4)), { maxRows: 3, maxExpandedBytes: 1e7 }),
    ).rejects.toEqual(expect.objectContaining({ details: [{ path: '/rows', message: 'too many' }] }));
  });

  it('reads a workbook whose sheet comes before workbook.xml in the zip', async () => {
    const sst =
      '<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>vin</t></si><si><t>LFV1</t></si></sst>';
    const sheet =
      '<row r="1"><c r="A1" t="s"><v>0</v></c></row><row r="2"><c r="A2" t="s"><v>1</v></c></row>';
    const parts = unzipParts(workbook(sheet, sst));
    // Relationships and strings first, then the sheet, the workbook last: the sheet is read inline.
    const sheetFirst = zip({
      'xl/_rels/workbook.xml.rels': parts['xl/_rels/workbook.xml.rels']!,
      'xl/sharedStrings.xml': parts['xl/sharedStrings.xml']!,
      'xl/worksheets/sheet1.xml': parts['xl/worksheets/sheet1.xml']!,
      ...parts,
    });
    expect(await readXlsx(sheetFirst)).toEqual([{ vin: 'LFV1' }]);
  });

  it.each([
    ['bytes that only start like a zip', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5, 6, 7, 8])],
    ['a zip whose sheet is not XML', workbook(Buffer.from('\u0000\u0001 not xml <<<'))],
    [
      'a zip whose compressed data is broken',
      (() => {
        const bytes = workbook('<row r="1"/>');
        bytes.fill(0xff, 40, 80);
        return bytes;
      })(),
    ],
  ])('refuses %s with 422', async (_what, bytes) => {
    await expect(readXlsx(bytes)).rejects.toEqual(expect.objectContaining({ code: 'invalid' }));
  });
});

describe.each(DATABASES.slice(0, 1))('POST /api/vehicles/import with hostile files on $name', ({ open }) => {
  let db: TestDatabase;
  let t: DealerTestApp;
  beforeAll(async () => {
    db = await open();
    t = await createDealerTestApp(db);
  });
  afterAll(() => db.close());

  const post = (bytes: Uint8Array) =>
    t.call('POST', '/api/vehicles/import', 'logistics', new Blob([bytes as Uint8Array<ArrayBuffer>]), {
      'content-type': XLSX_MIME,
    });

  it('refuses the crafted xlsx with 422 in under two seconds', async () => {
    const bomb = sharedStringBomb();
    const started = performance.now();
    const res = await post(bomb);
    expect(res.status).toBe(422);
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('refuses a million empty rows with 422 and a corrupt file with 422', async () => {
    expect((await post(millionEmptyRows())).status).toBe(422);
    expect((await post(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0, 0]))).status).toBe(422);
  });
});
