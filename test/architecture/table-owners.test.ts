/**
 * Each owner declares its own tables (docs/architecture.md, "Who owns which tables"): the engine only
 * in engine/store/schema.ts, none of the API's. Together with the import rule
 * `engine-not-to-api-tables` this keeps the API's tables from creeping back into the engine.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { getTableName, is } from 'drizzle-orm';
import { PgTable } from 'drizzle-orm/pg-core';
import * as apiSchema from '../../api/store/schema.ts';
import * as engineSchema from '../../engine/store/schema.ts';

const ROOT = join(import.meta.dirname, '../..');

const tableNames = (module: Record<string, unknown>): string[] =>
  Object.values(module)
    .filter((value): value is PgTable => is(value, PgTable))
    .map((table) => getTableName(table))
    .sort();

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'migrations' ? [] : sources(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

describe('table owners', () => {
  it('the engine declares tables only in engine/store/schema.ts', () => {
    const declaring = sources(join(ROOT, 'engine'))
      .filter((path) => /\bpgTable\(/.test(readFileSync(path, 'utf8')))
      .map((path) => relative(ROOT, path));
    expect(declaring).toEqual(['engine/store/schema.ts']);
  });

  it("the engine's and the API's tables are distinct, the directory, files, CC and notifications the API's", () => {
    const engine = tableNames(engineSchema);
    const api = tableNames(apiSchema);
    expect(engine.filter((name) => api.includes(name))).toEqual([]);
    expect(api).toEqual(
      expect.arrayContaining([
        'stores',
        'roles',
        'users',
        'user_roles',
        'files',
        'file_refs',
        'cc',
        'notifications',
      ]),
    );
    expect(engine).toEqual(expect.arrayContaining(['workflow_definitions', 'instances', 'tasks', 'outbox']));
  });
});
