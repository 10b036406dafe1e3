/**
 * The vehicle import's .xlsx reading under hostile files: a zip bomb (a few hundred KB that expands
 * to hundreds of MB) and a sheet of a million empty rows are refused quickly with 422, reading stops
 * at the row cap, and a corrupt file is 422, never 500.
 */
import { inflateRawSync } from 'node:zlib';
import { DATABASES, type TestDatabase } from '../../test/fixtures/databases.ts';
import { emptyRows, sharedStringBomb, workbook, zip } from '../../test/fixtures/xlsx-files.ts';
import { createDealerTestApp, type DealerTestApp } from './testing.ts';
import { readXlsx, toXlsx, XLSX_MIME } from './xlsx.ts';

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

const corrupt = (why: string) =>
  expect.objectContaining({ code: 'invalid', details: [{ path: why, message: expect.any(String) }] });

describe('reading an uploaded .xlsx file', () => {
  it('refuses a zip bomb before reading it', async () => {
    const bomb = sharedStringBomb(700);
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const before = process.memoryUsage().rss;
    await expect(readXlsx(bomb)).rejects.toEqual(corrupt('/file'));
    await expect(readXlsx(bomb)).rejects.toThrow(/expands to more than/);
    // Counted, not kept: the process grew by far less than the 700 MB the file expands to.
    expect(process.memoryUsage().rss - before).toBeLessThan(150 * 1024 * 1024);
  });

  it('stops at the row cap while reading a million empty rows', async () => {
    await expect(readXlsx(emptyRows(1_000_000))).rejects.toEqual(
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
    const bomb = sharedStringBomb(700);
    const started = performance.now();
    const res = await post(bomb);
    expect(res.status).toBe(422);
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('refuses a million empty rows with 422 and a corrupt file with 422', async () => {
    expect((await post(emptyRows(1_000_000))).status).toBe(422);
    expect((await post(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0, 0]))).status).toBe(422);
  });
});
