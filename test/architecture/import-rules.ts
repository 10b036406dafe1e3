/**
 * The architecture's allowed imports (docs/architecture.md, "Direction"), as dependency-cruiser rules.
 * `import-rules.test.ts` cruises the repository with them in `npm test`; type-only imports count.
 */
import type { ICruiseOptions, IForbiddenRuleType } from 'dependency-cruiser';

/**
 * Test files and test helpers may reach across parts (fixtures, the composition under test):
 * `api/test-support.ts` gives the platform's suites the dealership's demo users as their cast.
 */
const TESTS = '(\\.test\\.tsx?$|/testing\\.ts$|^api/test-support\\.ts$|^test/)';

/** Node built-ins that do I/O or spawn: never in engine/ or forms/, not even in engine/store/. */
const IO_BUILTINS =
  '^(node:)?(fs|fs/promises|child_process|net|http|https|http2|dgram|dns|cluster|worker_threads|os|vm|tls|readline|repl|inspector)$';

/** Packages that belong to the API, the database or the browser, never to the pure core. */
const OUTER_PACKAGES =
  '(^|/)node_modules/(hono|@hono/[^/]+|drizzle-orm|postgres|@electric-sql/pglite|pino|react|react-dom|antd|@rjsf/[^/]+|nodemailer|busboy|exceljs)/';

/** The database drivers engine/store/ may use, and nothing else of the outer packages. */
const STORE_PACKAGES = '(^|/)node_modules/(drizzle-orm|postgres|@electric-sql/pglite)/';

/**
 * The composition root: the one non-test module of the platform API that wires the dealership in
 * (its effects, hooks, reference checkers, routes, roles and demo seeder).
 */
export const COMPOSITION_ROOTS = [
  'api/main.ts',
  'api/serve.ts',
  'api/openapi-contract.ts',
  'api/migrate.ts',
] as const;

const compositionRoots = `^(${COMPOSITION_ROOTS.map((path) => path.replace('.', '\\.')).join('|')})$`;

export const FORBIDDEN_IMPORTS: IForbiddenRuleType[] = [
  {
    name: 'engine-not-to-outer-parts',
    comment:
      "The engine (and its store) knows nothing of the API, the designer, the shipped workflows or the dealership's rules.",
    severity: 'error',
    from: { path: '^engine/', pathNot: TESTS },
    to: { path: '^(api/(?!store/)|designer/|workflows/|dealer-rules/)' },
  },
  {
    name: 'engine-not-to-api-tables',
    comment:
      "The engine's store owns only the engine's tables and migrations: it does not import the API's (api/store/); what it needs of them comes through ports the API supplies.",
    severity: 'error',
    from: { path: '^engine/', pathNot: TESTS },
    to: { path: '^api/store/' },
  },
  {
    name: 'api-tables-not-to-api',
    comment:
      "The API's tables and migrations (api/store/) depend on the engine's tables only: no route or service of the API (and, by platform-not-to-dealer, nothing of the dealership).",
    severity: 'error',
    from: { path: '^api/store/', pathNot: TESTS },
    to: { path: '^api/(?!store/|dealer/)' },
  },
  {
    name: 'engine-core-not-to-store',
    comment: 'The pure engine does not reach into its own persistence layer.',
    severity: 'error',
    from: { path: '^engine/', pathNot: `^engine/store/|${TESTS}` },
    to: { path: '^engine/store/' },
  },
  {
    name: 'pure-core-no-node-builtins',
    comment:
      'engine/ (outside store/), forms/ and dealer-rules/ are pure: no Node built-ins at all (inject clocks and ids).',
    severity: 'error',
    from: { path: '^(engine|forms|dealer-rules)/', pathNot: `^engine/store/|${TESTS}` },
    to: { dependencyTypes: ['core'] },
  },
  {
    name: 'store-no-io-builtins',
    comment: 'engine/store/ talks to the database through its drivers, not to files, processes or sockets.',
    severity: 'error',
    from: { path: '^engine/store/', pathNot: TESTS },
    to: { dependencyTypes: ['core'], path: IO_BUILTINS },
  },
  {
    name: 'pure-core-no-outer-packages',
    comment:
      'engine/ (outside store/), forms/ and dealer-rules/ use no HTTP, database, logging or UI package.',
    severity: 'error',
    from: { path: '^(engine|forms|dealer-rules)/', pathNot: `^engine/store/|${TESTS}` },
    to: { path: OUTER_PACKAGES },
  },
  {
    name: 'store-only-database-packages',
    comment: 'engine/store/ may use the database drivers, but no HTTP, logging or UI package.',
    severity: 'error',
    from: { path: '^engine/store/', pathNot: TESTS },
    to: { path: OUTER_PACKAGES, pathNot: STORE_PACKAGES },
  },
  {
    name: 'forms-not-to-other-parts',
    comment: 'forms/ is the innermost part: it imports nothing else of ours.',
    severity: 'error',
    from: { path: '^forms/', pathNot: TESTS },
    to: { path: '^(engine|api|designer|workflows|dealer-rules)/' },
  },
  {
    name: 'dealer-rules-pure',
    comment:
      "dealer-rules/ (the dealership's catalogue, pricing and labels) is shared by the server and the browser: it imports only forms/, never api/, engine/, designer/ or workflows/.",
    severity: 'error',
    from: { path: '^dealer-rules/', pathNot: TESTS },
    to: { path: '^(api|engine|designer|workflows)/' },
  },
  {
    name: 'designer-not-to-server',
    comment:
      'The designer talks to the server over HTTP through the typed contract; it imports no api/ or engine/store/ module (not even types).',
    severity: 'error',
    from: { path: '^designer/' },
    to: { path: '^(api|engine/store)/' },
  },
  {
    name: 'platform-not-to-dealer',
    comment: `The platform API does not import the dealership; only the composition root does (${COMPOSITION_ROOTS.join(', ')}).`,
    severity: 'error',
    from: { path: '^api/', pathNot: `^api/dealer/|${compositionRoots}|${TESTS}` },
    to: { path: '^(api/dealer|dealer-rules)/' },
  },
  {
    name: 'platform-not-to-shipped-flows',
    comment:
      "workflows/ holds the dealership's flows: the application hands them to start-up, the platform does not import them.",
    severity: 'error',
    from: { path: '^api/', pathNot: `^api/dealer/|${compositionRoots}|${TESTS}` },
    to: { path: '^workflows/' },
  },
];

/** Cruise options shared by the repository check and the fixture check. */
export function cruiseOptions(
  options: Pick<ICruiseOptions, 'baseDir' | 'knownViolations'> = {},
): ICruiseOptions {
  return {
    ...options,
    validate: true,
    ruleSet: { forbidden: FORBIDDEN_IMPORTS },
    tsPreCompilationDeps: true,
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|dist)/|^test/architecture/fixture/' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'types', 'default'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
  };
}
