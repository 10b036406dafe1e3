/**
 * Writes the designer's typed contract (`designer/api/schema.d.ts`) when the routes changed it;
 * `--check` writes nothing and exits 1 when the committed file is stale. See api/openapi-contract.ts.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CONTRACT_FILE, contractSource, readContract } from '../api/openapi-contract.ts';

const file = join(fileURLToPath(new URL('..', import.meta.url)), CONTRACT_FILE);
const fresh = await contractSource();
if (readContract(file) === fresh) process.exit(0);
if (process.argv.includes('--check')) {
  console.error(`${CONTRACT_FILE} is out of date: run \`npm run typecheck\` and commit it.`);
  process.exit(1);
}
writeFileSync(file, fresh);
console.log(`${CONTRACT_FILE} updated from the routes.`);
