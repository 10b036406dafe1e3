import { existsSync } from 'node:fs';
import { defineConfig } from 'drizzle-kit';

/**
 * One schema, one migrations folder for both drivers (PGlite and PostgreSQL, docs/architecture.md).
 * The dealership schema joins in once api/dealer/schema.ts exists.
 */
const schema = [
  './engine/store/schema.ts',
  './api/store/schema.ts',
  './api/auth/throttle.ts',
  './api/dealer/schema.ts',
].filter((file) => existsSync(file));

export default defineConfig({
  dialect: 'postgresql',
  schema,
  out: './engine/store/migrations',
  casing: 'snake_case',
});
