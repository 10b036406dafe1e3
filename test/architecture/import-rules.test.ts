import { fileURLToPath } from 'node:url';
import { cruise, type ICruiseResult, type IViolation } from 'dependency-cruiser';
import { cruiseOptions } from './import-rules.ts';
import knownViolations from './known-violations.json' with { type: 'json' };

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const FIXTURE = fileURLToPath(new URL('./fixture', import.meta.url));
const PARTS = ['engine', 'forms', 'dealer-rules', 'workflows', 'api', 'designer', 'test'];

async function cruiseAt(baseDir: string, parts: string[], known: IViolation[] = []): Promise<ICruiseResult> {
  const result = await cruise(parts, cruiseOptions({ baseDir, knownViolations: known }));
  if (typeof result.output === 'string')
    throw new Error('dependency-cruiser answered a report, not a result');
  return result.output;
}

const describeViolation = (v: IViolation) => `${v.rule.name}: ${v.from} -> ${v.to}`;
const key = (v: IViolation) => `${v.rule.name} ${v.from} ${v.to}`;

describe('the architecture import rules', () => {
  let repo: ICruiseResult;
  beforeAll(async () => {
    repo = await cruiseAt(REPO, PARTS, knownViolations as IViolation[]);
  });

  it('find no import against the direction outside the known-violations baseline', () => {
    const fresh = repo.summary.violations.filter((v) => v.rule.severity !== 'ignore').map(describeViolation);
    expect(fresh).toEqual([]);
  });

  it('keep the baseline exact: an offender that is gone must leave known-violations.json', () => {
    const stillThere = new Set(repo.summary.violations.map(key));
    const gone = (knownViolations as IViolation[])
      .filter((v) => !stillThere.has(key(v)))
      .map(describeViolation);
    expect(gone).toEqual([]);
  });

  it('resolve every import of ours and of the packages', () => {
    const unresolved = repo.modules.flatMap((m) =>
      m.dependencies.filter((d) => d.couldNotResolve).map((d) => `${m.source} -> ${d.module}`),
    );
    expect(unresolved).toEqual([]);
  });
});

describe('the import rules on a miniature repository (test/architecture/fixture)', () => {
  let fixture: ICruiseResult;
  beforeAll(async () => {
    fixture = await cruiseAt(FIXTURE, ['engine', 'forms', 'dealer-rules', 'designer', 'api']);
  });

  // dependency-cruiser names a built-in without its node: prefix (node:fs -> fs).
  it.each([
    ['pure-core-no-node-builtins', 'engine/reads-files.ts', 'fs'],
    ['engine-not-to-outer-parts', 'engine/imports-api.ts', 'api/platform.ts'],
    ['store-no-io-builtins', 'engine/store/spawns.ts', 'child_process'],
    ['forms-not-to-other-parts', 'forms/imports-engine.ts', 'engine/reads-files.ts'],
    ['designer-not-to-server', 'designer/imports-store.ts', 'engine/store/spawns.ts'],
    ['platform-not-to-dealer', 'api/platform.ts', 'api/dealer/dealer.ts'],
    ['engine-not-to-api-tables', 'engine/store/reads-users.ts', 'api/store/schema.ts'],
    ['api-tables-not-to-api', 'api/store/schema.ts', 'api/platform.ts'],
    ['platform-not-to-dealer', 'api/store/schema.ts', 'api/dealer/dealer.ts'],
    ['dealer-rules-pure', 'dealer-rules/imports-api.ts', 'api/platform.ts'],
    ['pure-core-no-node-builtins', 'dealer-rules/reads-files.ts', 'fs'],
  ])('report %s for %s importing %s', (rule, from, to) => {
    expect(fixture.summary.violations.map(describeViolation)).toContain(`${rule}: ${from} -> ${to}`);
  });

  it('allow the store its node:crypto, the composition root its dealership and the designer the shared rules', () => {
    const froms = fixture.summary.violations.map(describeViolation);
    expect(
      froms.filter(
        (v) =>
          v.includes('crypto') || v.includes('api/main.ts') || v.includes('designer/imports-dealer-rules'),
      ),
    ).toEqual([]);
    expect(fixture.summary.error).toBe(11);
  });
});
