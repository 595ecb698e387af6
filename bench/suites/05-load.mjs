// Load time (issue 18 §5): the built app (dist/, served by `vite preview` as `npm run preview` does,
// with its headers) opened on the first lesson in a fresh browser context, so every load is a cold
// cache (no HTTP cache, no service worker yet). Measured in the page with the Performance API
// (navigation-relative times, PerformanceObserver for long tasks) and Playwright's request sizes.
//   text visible: the first lesson's first Markdown cell is in the page with its text.
//   interactive:  the first code cell's Run button is enabled AND the main thread then has no long
//                 task (> 50 ms) for 500 ms; the time is the later of the two (TTI-like).
// Bytes: what crossed the network before "interactive" (as vite preview serves it),
// and the same JavaScript gzipped (zlib, as a static host would serve it).
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

export const name = 'load';
export const checked = 'none'; // trains nothing: no backend to check against the reference

const dist = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'dist');
const LOADS = 5;
const QUIET_MS = 500;
const MONACO = /\/assets\/(monaco|editor\.api|editor\.worker|ts\.worker|tsMode)[^/]*\.js$/;
const TS_WORKER = /\/assets\/ts\.worker[^/]*\.js$/;
const gz = (path) => gzipSync(readFileSync(join(dist, path))).length;
const kB = (n) => (n / 1024).toFixed(1);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** One cold load of `url`; with `focus`, then focuses the first editor to see Monaco and its TS worker come. */
async function coldLoad(browser, url, focus) {
  const context = await browser.newContext({ serviceWorkers: 'block' });
  const page = await context.newPage();
  await page.addInitScript(() => {
    const w = window;
    w.__longTasks = [];
    new w.PerformanceObserver((l) => { for (const e of l.getEntries()) w.__longTasks.push(e.startTime + e.duration); }).observe({ type: 'longtask', buffered: true });
  });
  const requests = [];
  page.on('requestfinished', (r) => { requests.push({ url: r.url(), at: Date.now(), sizes: r.sizes() }); });
  await page.goto(url);
  const text = await (await page.waitForFunction(() => {
    const md = document.querySelector('[data-testid="markdown-cell"]');
    return md && md.textContent.trim().length > 0 ? performance.now() : false;
  }, null, { polling: 'raf', timeout: 60_000 })).jsonValue();
  const runnable = await (await page.waitForFunction(() => {
    const b = document.querySelector('[data-testid="code-cell"] [data-testid="run-cell"]');
    return b && !b.disabled ? performance.now() : false;
  }, null, { polling: 'raf', timeout: 60_000 })).jsonValue();
  const interactive = await (await page.waitForFunction(([from, quiet]) => {
    const last = Math.max(from, ...window.__longTasks);
    return performance.now() - last >= quiet ? last : false;
  }, [runnable, QUIET_MS], { polling: 100, timeout: 60_000 })).jsonValue();
  const wallAtInteractive = Date.now() - (await page.evaluate(() => performance.now())) + interactive;
  await page.waitForTimeout(1000); // anything the page would fetch on its own after that
  const before = requests.filter((r) => r.at <= wallAtInteractive + 50);
  const sizes = await Promise.all(before.map((r) => r.sizes));
  const bytes = sizes.reduce((s, x) => s + x.responseBodySize + x.responseHeadersSize, 0);
  const js = before.map((r) => new URL(r.url).pathname).filter((p) => p.endsWith('.js'));
  const jsGzip = js.reduce((s, p) => s + gz(p), 0);
  const monacoBeforeFocus = requests.filter((r) => MONACO.test(r.url)).map((r) => new URL(r.url).pathname);
  let tsWorkerOnFocus = null;
  if (focus) {
    await page.locator('textarea.code-fallback').first().focus();
    await page.locator('[data-testid="code-editor"][data-ready]').first().waitFor({ timeout: 60_000 });
    await page.waitForTimeout(1500);
    tsWorkerOnFocus = requests.some((r) => TS_WORKER.test(r.url));
  }
  await context.close();
  return { text, interactive, bytes, jsGzip, js, jsCount: js.length, monacoBeforeFocus, tsWorkerOnFocus };
}

const CHART_RUNS = 5;
const CHART_SOURCE = [
  'const data = Array.from({ length: 200000 }, (_, i) => ({ x: i, y: Math.sin(i / 1000) + (i === 123457 ? 5 : 0) }))',
  "show.chart({ kind: 'line', title: 'big', data, x: 'x', y: ['y'] })",
].join('\n');

/** Types `code` into code cell `n` (loading Monaco first), clicks Run and waits for the cell to be idle. */
async function runCell(page, n, code, until) {
  const cell = page.locator('[data-testid="code-cell"]').nth(n);
  const editor = cell.locator('[data-testid="code-editor"]');
  await editor.locator('textarea.code-fallback').focus({ timeout: 3000 }).catch(() => undefined);
  await editor.locator('.monaco-editor .view-lines').waitFor({ timeout: 60_000 });
  await editor.locator('.monaco-editor .view-lines').click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(code);
  const t0 = Date.now();
  await cell.locator('[data-testid="run-cell"]').click();
  await until(cell);
  return Date.now() - t0;
}

/**
 * A cell that builds 200,000 points and charts them (issue 11's hostile chart): the kernel downsamples,
 * the page draws. Time from the Run click to the drawn line, the chart's code loaded once beforehand
 * (a small chart in the same cell), so the time is the kernel's work plus the drawing.
 */
async function bigChart(browser, base) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${base}/#/es/01`);
  await page.locator('[data-testid="notebook"]').waitFor({ timeout: 60_000 });
  const drawn = (title) => async (cell) => {
    await cell.locator(`[data-testid="chart-line"][aria-label="${title}"] .recharts-line-curve`).waitFor({ timeout: 60_000 });
  };
  await runCell(page, 1, "show.chart({ kind: 'line', title: 'small', data: [{ x: 0, y: 0 }, { x: 1, y: 1 }], x: 'x', y: ['y'] })", drawn('small'));
  const ms = await runCell(page, 1, CHART_SOURCE, drawn('big'));
  const points = Number(await page.locator('[data-testid="chart-line"][aria-label="big"]').getAttribute('data-points'));
  await context.close();
  return { ms, points };
}

export async function run({ page, log }) {
  const base = new URL(page.url()).origin;
  const url = `${base}/#/es/00`;
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const entry = html.match(/<script type="module"[^>]*src="\/(assets\/[^"]+\.js)"/)?.[1];
  const mainGzip = entry ? gz(entry) : NaN;
  log(`main chunk ${entry}: ${kB(mainGzip)} kB gzip`);
  const loads = [];
  for (let i = 0; i < LOADS; i++) {
    const r = await coldLoad(page.context().browser(), url, i === 0);
    log(`cold load ${i + 1}: text ${r.text.toFixed(0)} ms, interactive ${r.interactive.toFixed(0)} ms, ${kB(r.bytes)} kB transferred, ${r.jsCount} JS files = ${kB(r.jsGzip)} kB gzip; Monaco before focus: ${r.monacoBeforeFocus.length}`);
    loads.push(r);
  }
  const first = loads[0];
  const tti = median(loads.map((l) => l.interactive));
  const monacoEarly = loads.flatMap((l) => l.monacoBeforeFocus);
  const charts = [];
  for (let i = 0; i < CHART_RUNS; i++) {
    const c = await bigChart(page.context().browser(), base);
    log(`200k-point chart ${i + 1}: ${c.ms} ms from Run to drawn, ${c.points} points drawn`);
    charts.push(c);
  }
  const chartMs = median(charts.map((c) => c.ms));
  const def = `Run of the first code cell enabled and then ${QUIET_MS} ms with no long task`;
  return {
    rows: [
      { name: 'first lesson (es/00): text visible, ms', epochMs: loads.map((l) => l.text), note: `${LOADS} cold loads` },
      { name: 'first lesson (es/00): interactive, ms', epochMs: loads.map((l) => l.interactive), note: def },
      { name: 'a cell charting 200,000 points: Run to drawn, ms', epochMs: charts.map((c) => c.ms), note: `${CHART_RUNS} runs, each in a fresh page; building the data in the cell included; downsampled in the kernel to ${charts[0].points} points` },
    ],
    checks: [
      { label: `main bundle (${entry}) gzip`, value: `${kB(mainGzip)} kB`, target: '≤ 150 kB', pass: mainGzip <= 150 * 1024 },
      { label: `first lesson interactive, median of ${LOADS} cold loads (${def})`, value: `${tti.toFixed(0)} ms`, target: '≤ 1500 ms', pass: tti <= 1500 },
      { label: `a 200,000-point chart drawn, median of ${CHART_RUNS} (Run click to the drawn line)`, value: `${chartMs.toFixed(0)} ms`, target: '≤ 2000 ms', pass: chartMs <= 2000 },
      { label: 'Monaco and its TS worker not requested before an editor is focused', value: monacoEarly.length ? monacoEarly.join(', ') : 'none', target: 'none', pass: monacoEarly.length === 0 },
      { label: 'the TS worker loads once an editor is focused', value: String(first.tsWorkerOnFocus), target: 'true', pass: first.tsWorkerOnFocus === true },
    ],
    notes: [
      `JavaScript the first load fetched before interactive: ${first.js.map((p) => p.replace('/assets/', '')).join(', ')}`,
      `first lesson before interactive (median): ${kB(median(loads.map((l) => l.bytes)))} kB transferred (as vite preview serves it), JavaScript ${kB(median(loads.map((l) => l.jsGzip)))} kB gzip in ${first.jsCount} files`,
    ],
  };
}
