/**
 * Helpers of the fuzz suite (not a test file): values past the input policy's limits. The zip and
 * .xlsx files it sends are built in test/fixtures/xlsx-files.ts, its raw HTTP/1.1 in
 * test/fixtures/raw-http.ts.
 */

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
