/**
 * The browser part of `npm run bench`: in headless Chromium against the real server (on a scratch
 * PostgreSQL database), a generated 300-state workflow in the flow designer's graph mode and a
 * 150-field form in the form builder — time to first render, and time from an edit to the DOM
 * showing it. Standalone: `npx tsx test/bench/designer-bench.ts`.
 */
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { type ApiClient, apiAs, expectStatus } from '../browser/designer-api.ts';
import { ensureDesignerBuilt, startApp } from '../browser/fixtures/app.ts';
import { launchBrowser, loginAs, openPage } from '../browser/fixtures/browser.ts';
import { bigForm, bigWorkflow, fieldTitle, stateLabel } from './designer-fixtures.ts';

const FLOW_KEY = 'bench-graph';
const FORM_KEY = 'bench-form';

/** What the designer bench measured (medians, milliseconds). */
export interface DesignerBenchResult {
  states: number;
  fields: number;
  runs: number;
  /** Navigation start to every state box of the graph drawn (laid out, visible). */
  flowFirstRenderMs: number;
  /** Typing a state's display name to the graph showing it (includes the re-layout). */
  flowEditMs: number;
  /** Navigation start to every field card of the form builder's canvas drawn. */
  formFirstRenderMs: number;
  /** Typing a field's title to the canvas showing it. */
  formEditMs: number;
}

export interface DesignerBenchOptions {
  states?: number;
  fields?: number;
  /** Page loads and edits measured per figure; the median is reported. */
  runs?: number;
  /** An already running server (demo users) to use instead of starting one on a scratch database. */
  url?: string;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** Runs `wait`; a timeout becomes an error saying where the page was and what it showed. */
async function waitOrExplain<T>(page: Page, what: string, wait: () => Promise<T>): Promise<T> {
  try {
    return await wait();
  } catch (error) {
    const text = await page
      .locator('body')
      .textContent()
      .catch(() => '');
    throw new Error(`${what}: ${String(error)}\nat ${page.url()}, showing: ${(text ?? '').slice(0, 400)}`);
  }
}

/** Loads `path` and returns the page's clock (ms since navigation start) once `count` elements match `selector` and are visible. */
async function timeToRender(page: Page, path: string, selector: string, count: number): Promise<number> {
  await page.goto(path, { waitUntil: 'commit' });
  const handle = await waitOrExplain(page, path, () =>
    page.waitForFunction(
      ({ selector, count }) => {
        const found = [...document.querySelectorAll<HTMLElement>(selector)];
        const shown = found.filter((e) => getComputedStyle(e).visibility !== 'hidden');
        return shown.length >= count ? performance.now() : false;
      },
      { selector, count },
      { polling: 'raf', timeout: 120_000 },
    ),
  );
  return (await handle.jsonValue()) as number;
}

/** Fills `input` with `value` and returns the page-clock time until `shownSelector` matches. */
async function timeToShow(page: Page, fill: () => Promise<void>, shownSelector: string): Promise<number> {
  const start = (await page.evaluate(() => performance.now())) as number;
  await fill();
  const handle = await page.waitForFunction(
    (sel) => (document.querySelector(sel) ? performance.now() : false),
    shownSelector,
    { polling: 'raf', timeout: 60_000 },
  );
  return ((await handle.jsonValue()) as number) - start;
}

async function seed(admin: ApiClient, states: number, fields: number): Promise<void> {
  expectStatus(
    await admin.put(`/api/workflows/${FLOW_KEY}/draft`, bigWorkflow(FLOW_KEY, states)),
    200,
    'flow draft',
  );
  expectStatus(await admin.put(`/api/forms/${FORM_KEY}/draft`, bigForm(FORM_KEY, fields)), 200, 'form draft');
}

async function benchFlow(page: Page, states: number, runs: number) {
  const renders: number[] = [];
  for (let r = 0; r < runs; r++)
    renders.push(await timeToRender(page, `/designer/workflows/${FLOW_KEY}`, '.react-flow__node', states));
  const edits: number[] = [];
  // A plain step (no task), so its box shows the display name being edited.
  const box = page.getByRole('region', { name: `状态 ${stateLabel(2)}`, exact: true });
  // Nodes beyond the fitted viewport cannot take a real click; React Flow handles the DOM click event.
  await box.dispatchEvent('click');
  const label = page.getByLabel('显示名称', { exact: true });
  await label.waitFor();
  for (let r = 0; r < runs; r++) {
    const next = `改名${r}`;
    edits.push(await timeToShow(page, () => label.fill(next), `[aria-label="状态 ${next}"]`));
  }
  return { flowFirstRenderMs: median(renders), flowEditMs: median(edits) };
}

async function benchForm(page: Page, fields: number, runs: number) {
  const renders: number[] = [];
  for (let r = 0; r < runs; r++)
    renders.push(
      await timeToRender(
        page,
        `/designer/forms/${FORM_KEY}`,
        '[data-testid="form-canvas"] [aria-label^="字段 "]',
        fields,
      ),
    );
  await page.getByRole('button', { name: `字段 ${fieldTitle(75)}`, exact: true }).click();
  const title = page.getByLabel('标题', { exact: true });
  const edits: number[] = [];
  for (let r = 0; r < runs; r++) {
    const next = `新标题${r}`;
    edits.push(await timeToShow(page, () => title.fill(next), `[aria-label="字段 ${next}"]`));
  }
  return { formFirstRenderMs: median(renders), formEditMs: median(edits) };
}

/**
 * Runs the designer bench: starts the server on a scratch database, seeds the two documents as
 * drafts, measures in Chromium, and stops everything.
 *
 * @example
 * const r = await runDesignerBench(); // { flowFirstRenderMs: 2100, flowEditMs: 380, ... }
 */
export async function runDesignerBench(options: DesignerBenchOptions = {}): Promise<DesignerBenchResult> {
  const { states = 300, fields = 150, runs = 3 } = options;
  ensureDesignerBuilt();
  const app = options.url ? { url: options.url, stop: async () => {} } : await startApp();
  const browser = await launchBrowser();
  try {
    await seed(await apiAs(app.url, 'admin'), states, fields);
    const { page, context } = await openPage(browser, app.url);
    context.setDefaultTimeout(60_000);
    await loginAs(page, 'admin');
    const flow = await benchFlow(page, states, runs);
    const form = await benchForm(page, fields, runs);
    return { states, fields, runs, ...flow, ...form };
  } finally {
    await browser.close();
    await app.stop();
  }
}

/** The figures as printable lines. */
export function formatDesignerBench(r: DesignerBenchResult): string[] {
  const ms = (v: number) => `${v.toFixed(0)} ms`;
  return [
    `flow designer, ${r.states} states (graph): first render ${ms(r.flowFirstRenderMs)}, rename a state ${ms(r.flowEditMs)}`,
    `form builder, ${r.fields} fields: first render ${ms(r.formFirstRenderMs)}, retitle a field ${ms(r.formEditMs)}`,
    `(medians of ${r.runs} runs; first render counted from navigation start, in the page's clock)`,
  ];
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const result = await runDesignerBench({ url: process.env.BENCH_URL });
  console.log(formatDesignerBench(result).join('\n'));
}
