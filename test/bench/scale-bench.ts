/**
 * `npm run bench:scale` (ROADMAP "Scale and proof"): the inbox and the order table with 1,000,000
 * orders and 100,000 open tasks in PostgreSQL (test/bench/scale-seed.ts; seeded once, reused).
 *
 * The real server runs as a child process on the scale database, and a second one on a fresh demo
 * database (31 orders) as the baseline: every request and page is measured on both in the same run,
 * and the figures are reported as ratios. (a) API: p50/p95 of the inbox and order-list requests the
 * pages make, as the BJ01 sales manager and as the general manager (all 100 stores). (b) Chromium:
 * time to interactive of /inbox and /orders — navigation start until the table's rows are drawn, the
 * tab counts are in, no spinner shows, and a task queued on the main thread runs — median of runs.
 *
 * Writes test/bench/last-scale-run.json. Options: `--api-only`, `--browser-only`, `--force-seed`; env `SCALE_SAMPLES`
 * (requests per figure, default 40), `SCALE_RUNS` (page loads per figure, default 5). A partial
 * run (`--api-only`, `--browser-only`) prints its figures without writing the file.
 */
import { writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import postgres from 'postgres';
import { ensureDesignerBuilt } from '../browser/fixtures/app.ts';
import { launchBrowser, loginAs, openPage } from '../browser/fixtures/browser.ts';
import { type ServerProcess, startServerProcess } from '../fixtures/server-process.ts';
import { createScratchDatabase, login } from '../reliability/support.ts';
import { SCALE_URL, seedScaleDatabase } from './scale-seed.ts';

const HERE = fileURLToPath(new URL('.', import.meta.url));
const SAMPLES = Number(process.env.SCALE_SAMPLES ?? 40);
const RUNS = Number(process.env.SCALE_RUNS ?? 5);
const WARMUP = 5;

const round = (n: number, digits = 1) => Number(n.toFixed(digits));

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i] as number;
}
const median = (values: number[]) => percentile(values, 50);

/** A keep-alive GET client on one socket: requests go one after another, as a page's list does. */
function getter(baseUrl: string) {
  const url = new URL(baseUrl);
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const get = (path: string, token?: string) =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request(
        {
          agent,
          host: url.hostname,
          port: url.port,
          path,
          headers: token ? { authorization: `Bearer ${token}` } : {},
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
          );
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end();
    });
  return { get, close: () => agent.destroy() };
}

interface Latency {
  p50: number;
  p95: number;
  /** `total` of the response (rows matching), to show what the request covered. */
  total?: number;
}

async function measure(
  client: ReturnType<typeof getter>,
  path: string,
  token: string | undefined,
): Promise<Latency> {
  let total: number | undefined;
  const times: number[] = [];
  for (let i = 0; i < WARMUP + SAMPLES; i++) {
    const t0 = performance.now();
    const res = await client.get(path, token);
    const ms = performance.now() - t0;
    if (res.status !== 200) throw new Error(`GET ${path}: ${res.status} ${res.body.slice(0, 300)}`);
    if (i === 0) total = (JSON.parse(res.body) as { total?: number }).total;
    if (i >= WARMUP) times.push(ms);
  }
  return { p50: round(percentile(times, 50), 2), p95: round(percentile(times, 95), 2), total };
}

/** The requests measured, per user: what the inbox and the order table send. */
function requests(consultantId: string): Record<'manager' | 'gm', Record<string, string>> {
  const tasks = (q: string) => `/api/tasks?${q}`;
  const orders = (q: string) => `/api/orders?sort=-createdAt&page=1&pageSize=20${q}`;
  const common = {
    'inbox: mine (page)': tasks('scope=mine&status=open&q=&page=1&pageSize=20'),
    'inbox: candidate (page)': tasks('scope=candidate&status=open&q=&page=1&pageSize=20'),
    'inbox: completed count': tasks('scope=all&status=completed&q=&page=1&pageSize=1'),
    'orders: first page': orders(''),
    'orders: status=pending': orders('&status=pending'),
    'orders: status=pending,approved': orders('&status=pending,approved'),
    'orders: search 138 (mobile prefix)': orders('&q=138'),
    'orders: search 王 (name prefix)': orders(`&q=${encodeURIComponent('王')}`),
    'orders: sort -total': '/api/orders?sort=-total&page=1&pageSize=20',
    'orders: date range (30 days)': orders(
      `&dateFrom=${new Date(Date.now() - 30 * 864e5).toISOString().slice(0, 10)}`,
    ),
    'orders: page 50': '/api/orders?sort=-createdAt&page=50&pageSize=20',
  };
  return {
    manager: { ...common, 'orders: consultant': orders(`&consultantId=${consultantId}`) },
    gm: { ...common, 'orders: store BJ01': orders('&storeId=BJ01') },
  };
}

/** Per request: both databases, and scale ÷ demo of the medians and of the 95th percentiles. */
type ApiFigures = Record<
  string,
  Record<string, { scale: Latency; demo: Latency; ratioP50: number; ratioP95: number }>
>;

async function consultantIdOf(baseUrl: string, token: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/auth/me`, { headers: { authorization: `Bearer ${token}` } });
  return ((await res.json()) as { id: string }).id;
}

async function benchApi(scale: ServerProcess, demo: ServerProcess) {
  const servers = { scale, demo };
  const users = ['manager', 'gm'] as const;
  const tokens: Record<string, Record<string, string>> = { scale: {}, demo: {} };
  const consultant: Record<string, string> = {};
  for (const [name, server] of Object.entries(servers)) {
    for (const u of users) tokens[name]![u] = (await login(server.url, u)).token;
    const c = (await login(server.url, 'consultant')).token;
    consultant[name] = await consultantIdOf(server.url, c);
  }
  const figures: ApiFigures = {};
  const baselines: Record<string, Latency> = {};
  for (const [name, server] of Object.entries(servers)) {
    const client = getter(server.url);
    try {
      baselines[`healthz (${name} server)`] = await measure(client, '/healthz', undefined);
    } finally {
      client.close();
    }
  }
  for (const u of users) {
    figures[u] = {};
    const scaleReqs = requests(consultant.scale!)[u];
    const demoReqs = requests(consultant.demo!)[u];
    const sc = getter(scale.url);
    const dc = getter(demo.url);
    try {
      for (const [label, path] of Object.entries(scaleReqs)) {
        const s = await measure(sc, path, tokens.scale![u]);
        const d = await measure(dc, demoReqs[label]!, tokens.demo![u]);
        figures[u]![label] = {
          scale: s,
          demo: d,
          ratioP50: round(s.p50 / d.p50, 2),
          ratioP95: round(s.p95 / d.p95, 2),
        };
        console.log(
          `  ${u.padEnd(8)} ${label.padEnd(36)} p50 ${String(s.p50).padStart(7)} ms  p95 ${String(s.p95).padStart(7)} ms` +
            `  (demo ${d.p50} / ${d.p95} ms, ${figures[u]![label]!.ratioP50}× / ${figures[u]![label]!.ratioP95}×)  rows ${s.total ?? '-'}`,
        );
      }
    } finally {
      sc.close();
      dc.close();
    }
  }
  return { figures, baselines };
}

/** `SELECT 1` round trips from this process: the floor under every request. */
async function selectOneMs(): Promise<Latency> {
  const sql = postgres(SCALE_URL, { max: 1, onnotice: () => {} });
  try {
    const times: number[] = [];
    for (let i = 0; i < 200; i++) {
      const t0 = performance.now();
      await sql`select 1`;
      if (i >= 20) times.push(performance.now() - t0);
    }
    return { p50: round(percentile(times, 50), 3), p95: round(percentile(times, 95), 3) };
  } finally {
    await sql.end({ timeout: 1 });
  }
}

/**
 * Loads `path` and returns the page clock (ms since navigation start) once `ready` holds in the page
 * and then a task queued behind it has run (the main thread is free: the page responds).
 */
async function timeToInteractive(page: Page, path: string, ready: string): Promise<number> {
  await page.goto(path, { waitUntil: 'commit' });
  await page.waitForFunction(ready, undefined, { polling: 'raf', timeout: 120_000 });
  return (await page.evaluate(
    () => new Promise<number>((resolve) => setTimeout(() => resolve(performance.now()), 0)),
  )) as number;
}

/** Responses of `path` received since navigation start (resource timing entries). */
const responses = (path: string) =>
  `performance.getEntriesByType('resource').filter((e) => e.name.includes('${path}')).length`;
const NO_SPINNER = `document.querySelectorAll('.ant-spin-spinning').length === 0`;
const ROWS = `[...document.querySelectorAll('.ant-table-tbody tr.ant-table-row')].some((r) => r.getBoundingClientRect().height > 0)`;
const EMPTY = `document.querySelector('.ant-table-placeholder .ant-empty') !== null`;
const NOTHING_COUNTED = `['mine', 'candidate'].every((k) => !/[1-9]/.test(document.querySelector('[data-testid="count-' + k + '"]')?.textContent ?? '1'))`;
/** The list and the three tab counts answered, nothing loading, and rows drawn (or nothing to draw). */
const INBOX_READY = `${responses('/api/tasks')} >= 4 && ${NO_SPINNER} && (${ROWS} || ${NOTHING_COUNTED})`;
/** The page of orders answered, nothing loading, and its rows drawn (or the empty table). */
const ORDERS_READY = `${responses('/api/orders')} >= 1 && ${NO_SPINNER} && (${ROWS} || ${EMPTY})`;

interface PageFigures {
  runs: number[];
  median: number;
}

async function benchPages(browser: Browser, baseUrl: string, user: string) {
  const { page, context } = await openPage(browser, baseUrl);
  try {
    context.setDefaultTimeout(120_000);
    await loginAs(page, user);
    const out: Record<string, PageFigures> = {};
    for (const [label, path, ready] of [
      ['inbox', '/inbox', INBOX_READY],
      ['orders', '/orders', ORDERS_READY],
    ] as const) {
      // One unmeasured load: the bundle comes from the HTTP cache afterwards, as for a returning user.
      await timeToInteractive(page, path, ready);
      const runs: number[] = [];
      for (let r = 0; r < RUNS; r++) runs.push(round(await timeToInteractive(page, path, ready), 0));
      out[label] = { runs, median: median(runs) };
    }
    return out;
  } finally {
    await context.close();
  }
}

async function main(): Promise<void> {
  const began = performance.now();
  const apiOnly = process.argv.includes('--api-only');
  const browserOnly = process.argv.includes('--browser-only');
  const load = loadavg().map((l) => round(l, 2));
  console.log(
    `Dealerflow scale bench — node ${process.version}, ${cpus().length} CPUs, load ${load.join(' ')}`,
  );

  console.log('seeding dealerflow_scale (skipped when already seeded) ...');
  const seed = await seedScaleDatabase({ force: process.argv.includes('--force-seed') });
  console.log(seed.skipped ? '  reused' : `  seeded in ${seed.seconds} s`);
  if (!apiOnly) ensureDesignerBuilt();

  const demoDb = await createScratchDatabase('dealerflow_scale_baseline');
  const env = { DEMO: '1', LOG_LEVEL: 'warn' };
  const scale = await startServerProcess({ ...env, DATABASE_URL: SCALE_URL });
  const demo = await startServerProcess({ ...env, DATABASE_URL: demoDb.url });
  try {
    const selectOne = await selectOneMs();
    console.log(`SELECT 1 round trip p50 ${selectOne.p50} ms`);
    console.log(
      `(a) API, ${SAMPLES} sequential requests each after ${WARMUP} warm-ups (scale vs demo database)`,
    );
    const api = browserOnly ? { figures: {}, baselines: {} } : await benchApi(scale, demo);

    let browser: Record<
      string,
      Record<string, { scale: PageFigures; demo: PageFigures; ratio: number }>
    > = {};
    if (!apiOnly) {
      console.log(`(b) Chromium: time to interactive, median of ${RUNS} loads`);
      const chromium = await launchBrowser();
      try {
        for (const user of ['manager', 'gm']) {
          const s = await benchPages(chromium, scale.url, user);
          const d = await benchPages(chromium, demo.url, user);
          browser[user] = {};
          for (const key of Object.keys(s)) {
            const ratio = round(s[key]!.median / d[key]!.median, 2);
            browser[user]![key] = { scale: s[key]!, demo: d[key]!, ratio };
            console.log(
              `  ${user.padEnd(8)} /${key.padEnd(8)} ${s[key]!.median} ms (demo ${d[key]!.median} ms, ${ratio}×)`,
            );
          }
        }
      } finally {
        await chromium.close();
      }
    } else browser = {};

    const result = {
      at: new Date().toISOString(),
      node: process.version,
      cpus: cpus().length,
      loadAverageAtStart: load,
      seed,
      samples: SAMPLES,
      runs: RUNS,
      selectOneMs: selectOne,
      httpBaselines: api.baselines,
      api: api.figures,
      browser,
      seconds: round((performance.now() - began) / 1000),
    };
    // A partial run (--api-only, --browser-only) does not replace the figures of the last full one.
    if (!apiOnly && !browserOnly) {
      writeFileSync(join(HERE, 'last-scale-run.json'), `${JSON.stringify(result, null, 2)}\n`);
      console.log(`Written to test/bench/last-scale-run.json (${result.seconds} s in all).`);
    }
  } finally {
    await scale.stop();
    await demo.stop();
    await demoDb.drop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
