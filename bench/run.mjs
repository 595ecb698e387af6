// npm run bench: headless Chromium (Debian's), the harness page (dist-test/, served over dist/),
// every suite in bench/suites/ (or those named on the command line). Warm-up is excluded from every timing; each
// row reports the median/min/max of at least 5 timed epochs (report.mjs: MIN_TIMED; fewer is flagged), its
// spread ((max − min) / median; > 15% is flagged noisy) and how many epochs were trained before its
// test accuracy (report.mjs: ACCURACY_EPOCHS, the same for every suite). Before a suite is timed, every backend
// configuration it times (its `checked` export) is checked against the reference (equivalence.mjs);
// a suite that does not match is not timed. Writes bench/results/latest.{json,md}.
//   node bench/run.mjs [suite ...]     BENCH_RUNS=5 (timed epochs per row; fewer is flagged)   BENCH_PORT=4180
//   BENCH_SUITES=endurance,js: the same as naming suites on the command line
//   (after `npm run build && npm run build:harness`)
//   BENCH_CHECK_ONLY=1: the equivalence checks only, no timing, nothing written (a quick smoke run)
import { chromium } from '@playwright/test';
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { CHROMIUM_ARGS_JS, CHROMIUM_PATH_JS } from './chromium.mjs';
import { BATCH, checkEquivalence, SAMPLES } from './equivalence.mjs';
import { ACCURACY_EPOCHS, MIN_TIMED, NOISY_SPREAD, markdownReport, summarise } from './report.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const port = Number(process.env.BENCH_PORT ?? 4180);
const runs = Number(process.env.BENCH_RUNS ?? MIN_TIMED);
const only = [...process.argv.slice(2), ...(process.env.BENCH_SUITES ?? '').split(',').map((s) => s.trim()).filter(Boolean)];
const checkOnly = process.env.BENCH_CHECK_ONLY === '1';

async function waitForServer(url, ms = 60_000) {
  const t0 = Date.now();
  while (Date.now() - t0 < ms) {
    try {
      if ((await fetch(url)).ok) return;
    } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`preview server did not start at ${url}`);
}

const server = spawn('npx', ['vite', 'preview', '--mode', 'harness', '--strictPort', '--port', String(port), '--host', '127.0.0.1'], { cwd: root, stdio: 'ignore', detached: true });
const stop = () => { try { process.kill(-server.pid); } catch { /* gone */ } };
process.on('exit', stop);

try {
  const base = `http://127.0.0.1:${port}`;
  await waitForServer(`${base}/harness.html`);
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH_JS, args: CHROMIUM_ARGS_JS });
  const page = await browser.newPage();
  page.on('console', (m) => { if (m.type() === 'error') console.log(`[page] ${m.text()}`); });
  await page.goto(`${base}/harness.html`);
  await page.waitForFunction(() => document.getElementById('status')?.textContent === 'harness ready');
  const ua = await page.evaluate(() => navigator.userAgent);
  const cores = await page.evaluate(() => navigator.hardwareConcurrency);
  const suiteDir = join(root, 'bench', 'suites');
  const files = readdirSync(suiteDir).filter((f) => f.endsWith('.mjs')).sort();
  const rows = [];
  const checks = [];
  const notes = [];
  for (const f of files) {
    const suite = await import(pathToFileURL(join(suiteDir, f)).href);
    if (only.length && !only.includes(suite.name)) continue;
    console.log(`\n== suite ${suite.name} ==`);
    const log = (s) => console.log(`  ${s}`);
    const equivalence = (backend, opts) => page.evaluate(([b, o, n, bs]) => window.harness.equivalence(b, o, n, bs), [backend, opts, SAMPLES, BATCH]);
    // a suite that trains nothing (load: the page itself) says so with `checked = 'none'`
    const eq = suite.checked === 'none' ? { pass: true, checks: [], failed: [] } : await checkEquivalence(suite.checked, equivalence, log);
    for (const c of eq.checks) checks.push({ suite: suite.name, ...c });
    if (!eq.pass) {
      notes.push(`${suite.name}: not timed: ${eq.failed.join(', ')} did not match the reference`);
      continue;
    }
    if (checkOnly) continue;
    const out = await suite.run({ page, runs, log });
    for (const r of out.rows ?? []) rows.push(summarise({ suite: suite.name, ...r }));
    for (const c of out.checks ?? []) checks.push({ suite: suite.name, ...c });
    for (const n of out.notes ?? []) notes.push(`${suite.name}: ${n}`);
  }
  await browser.close();
  if (checkOnly) {
    for (const c of checks) console.log(`${c.pass ? 'pass' : 'FAIL'}  ${c.suite}: ${c.label}: ${c.value}`);
    process.exitCode = checks.every((c) => c.pass) ? 0 : 1;
    process.exit();
  }
  const report = { date: new Date().toISOString(), userAgent: ua, hardwareConcurrency: cores, runs, minTimed: MIN_TIMED, noisySpread: NOISY_SPREAD, accuracyEpochs: ACCURACY_EPOCHS, rows, checks, notes };
  mkdirSync(join(root, 'bench', 'results'), { recursive: true });
  writeFileSync(join(root, 'bench', 'results', 'latest.json'), JSON.stringify(report, null, 2) + '\n');
  const md = markdownReport(report);
  writeFileSync(join(root, 'bench', 'results', 'latest.md'), md);
  console.log('\n' + md);
} finally {
  stop();
}
