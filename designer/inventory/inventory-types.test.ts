import { parseVins, toImportProblems } from './inventory-types.ts';

describe('import error report', () => {
  it('turns /rows/<line>/<field> details into line, column and message, keeping other paths whole', () => {
    expect(
      toImportProblems([
        { path: '/rows/4/vin', message: 'duplicate of line 2' },
        { path: '/rows/7', message: 'empty row' },
        { path: '/rows', message: 'empty' },
      ]),
    ).toEqual([
      { key: '0', row: 4, field: 'vin', message: 'duplicate of line 2' },
      { key: '1', row: 7, field: '', message: 'empty row' },
      { key: '2', row: null, field: 'rows', message: 'empty' },
    ]);
  });
});

describe('stock-take VIN list', () => {
  it('splits pasted or scanned VINs on any separator, upper-cases them and drops repeats', () => {
    expect(parseVins(' lsvau2189n2000001\nLSVAU2189N2000001, LFV2A21KXP3000123；\t\n')).toEqual([
      'LSVAU2189N2000001',
      'LFV2A21KXP3000123',
    ]);
  });
});
