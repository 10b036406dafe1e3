/**
 * The served `/api/openapi.json` (core and dealership routes) passes Redocly's recommended rules with no
 * errors (warnings may stay), and every operation has an id and says which roles it admits.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { DATABASES, type TestDatabase } from '../test/fixtures/databases.ts';
import { createDealerTestApp, type DealerTestApp } from './dealer/testing.ts';
import { operationIdOf } from './openapi-document.ts';

const run = promisify(execFile);
const REDOCLY = join(
  dirname(createRequire(import.meta.url).resolve('@redocly/cli/package.json')),
  'bin/cli.js',
);

interface LintReport {
  totals: { errors: number; warnings: number };
  problems: { ruleId: string; severity: string; message: string; location: { pointer: string }[] }[];
}

type Operation = { operationId?: string; 'x-roles'?: string[] };

describe('the OpenAPI document', () => {
  let db: TestDatabase;
  let t: DealerTestApp;
  let dir: string;
  let doc: { servers?: unknown[]; paths: Record<string, Record<string, Operation>> };
  beforeAll(async () => {
    db = await DATABASES.find((d) => d.name === 'pglite')!.open();
    t = await createDealerTestApp(db);
    dir = mkdtempSync(join(tmpdir(), 'dealerflow-openapi-'));
    const res = await t.call('GET', '/api/openapi.json', 'admin');
    expect(res.status).toBe(200);
    doc = (await res.json()) as typeof doc;
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await db.close();
  });

  it('lints without errors under Redocly’s recommended rules', async () => {
    const file = join(dir, 'openapi.json');
    writeFileSync(file, JSON.stringify(doc));
    // `lint` exits non-zero when there are errors; the JSON report is on stdout either way.
    const { stdout } = await run(process.execPath, [REDOCLY, 'lint', file, '--format=json'], {
      cwd: dir,
      maxBuffer: 32 * 1024 * 1024,
    }).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }));
    const report = JSON.parse(stdout) as LintReport;
    const errors = report.problems
      .filter((p) => p.severity === 'error')
      .map((p) => `${p.ruleId} at ${p.location[0]?.pointer}: ${p.message}`);
    expect(errors).toEqual([]);
    expect(report.totals.errors).toBe(0);
  }, 120_000);

  it('sets the server and gives every operation a unique id and its roles', () => {
    expect(doc.servers?.length).toBeGreaterThan(0);
    const ids = new Set<string>();
    const missingRoles: string[] = [];
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        expect(op.operationId).toBeTruthy();
        ids.add(op.operationId!);
        const isPublic = ['/api/auth/login', '/healthz'].includes(path);
        if (!isPublic && !op['x-roles']?.length) missingRoles.push(`${method} ${path}`);
      }
    }
    const count = Object.values(doc.paths).reduce((n, ops) => n + Object.keys(ops).length, 0);
    expect(ids.size).toBe(count);
    expect(missingRoles).toEqual([]);
  });

  it('names operations after their method and path', () => {
    expect(operationIdOf('post', '/api/instances/{id}/events')).toBe('postInstancesByIdEvents');
    expect(operationIdOf('get', '/api/orders/export.xlsx')).toBe('getOrdersExportXlsx');
    expect(doc.paths['/api/orders']?.post).toMatchObject({
      operationId: 'postOrders',
      'x-roles': expect.arrayContaining(['sales_consultant']),
    });
  });
});
