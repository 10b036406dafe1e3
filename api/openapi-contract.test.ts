/**
 * The designer's committed contract (`designer/api/schema.d.ts`) is what the routes generate today, and
 * the generator reads only schemas: no database and no service are touched to build it.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CONTRACT_FILE, contractDocument, contractSource, readContract } from './openapi-contract.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

describe('the typed contract', () => {
  it('is committed as the routes generate it (else run `npm run typecheck`)', async () => {
    expect(readContract(join(ROOT, CONTRACT_FILE))).toBe(await contractSource());
  }, 60_000);

  it('covers the core and the dealership routes', () => {
    const paths = Object.keys(contractDocument().paths ?? {});
    expect(paths).toEqual(expect.arrayContaining(['/api/tasks/{id}', '/api/orders/{id}']));
  });
});
