// What grows in the page's JS heap over repeated runs: a leak hunt, not a benchmark.
//   node bench/heap-diff.mjs            (after `npm run build && npm run build:harness`)
// Runs the endurance suite's four backends in rounds (init + setData + 1 epoch + evaluate each, as a
// notebook cell's train() does), takes a heap snapshot after round FROM and after round TO (garbage
// collected first), and prints what grew, grouped by the snapshot's node type and name (constructor
// for objects, function name for closures and code), largest growth first.
//   HEAPDIFF_FROM=20 HEAPDIFF_TO=200 HEAPDIFF_SAMPLES=6000 HEAPDIFF_BACKENDS=js,workers,wasm,webgpu HEAPDIFF_TOP=30
import { chromium } from '@playwright/test';
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHROMIUM_ARGS_JS, CHROMIUM_PATH_JS } from './chromium.mjs';
import { growth, snapshotKinds } from './heapSnapshot.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const port = Number(process.env.BENCH_PORT ?? 4181);
const FROM = Number(process.env.HEAPDIFF_FROM ?? 20);
const TO = Number(process.env.HEAPDIFF_TO ?? 200);
const SAMPLES = Number(process.env.HEAPDIFF_SAMPLES ?? 6000);
const TOP = Number(process.env.HEAPDIFF_TOP ?? 30);
const ONLY = (process.env.HEAPDIFF_BACKENDS ?? 'js,workers,wasm,webgpu').split(',');
const CONFIGS = [['js', {}], ['workers', { workers: 2 }], ['wasm', { threads: 2 }], ['webgpu', {}]].filter(([b]) => ONLY.includes(b));

const server = spawn('npx', ['vite', 'preview', '--mode', 'harness', '--strictPort', '--port', String(port), '--host', '127.0.0.1'], { cwd: root, stdio: 'ignore', detached: true });
process.on('exit', () => { try { process.kill(-server.pid); } catch { /* gone */ } });
const base = `http://127.0.0.1:${port}`;
for (let t0 = Date.now(); Date.now() - t0 < 60_000;) {
  try { if ((await fetch(`${base}/harness.html`)).ok) break; } catch { /* not up yet */ }
  await new Promise((r) => setTimeout(r, 300));
}
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH_JS, args: CHROMIUM_ARGS_JS });
const page = await browser.newPage();
await page.goto(`${base}/harness.html`);
await page.waitForFunction(() => document.getElementById('status')?.textContent === 'harness ready');
const cdp = await page.context().newCDPSession(page);
await page.evaluate(() => window.harness.endurance.install());

async function snapshot() {
  const s = await snapshotKinds(cdp);
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  return { ...s, usedSize };
}

let a = null;
for (let round = 1; round <= TO; round++) {
  for (const [b, o] of CONFIGS) {
    await page.evaluate(([b, o, n, s]) => window.harness.endurance.run(b, o, n, 128, s), [b, o, SAMPLES, round]);
  }
  if (round === FROM) a = await snapshot();
  if (round % 20 === 0) console.log(`round ${round}`);
}
const b = await snapshot();
console.log(`JS heap (getHeapUsage) after round ${FROM}: ${(a.usedSize / 1e3).toFixed(0)} kB; after round ${TO}: ${(b.usedSize / 1e3).toFixed(0)} kB`);
const diff = growth(a, b);
const kb = (x) => `${(x / 1e3).toFixed(1)} kB`;
for (const k of ['code', 'entries', 'objects']) console.log(`${k}: ${kb(a.kinds[k])} → ${kb(b.kinds[k])} (${b.kinds[k] >= a.kinds[k] ? '+' : ''}${kb(b.kinds[k] - a.kinds[k])})`);
console.log('growth by type:name (bytes, count), largest first:');
for (const d of diff.slice(0, TOP)) console.log(`  ${String(d.dSize).padStart(8)} B  ${String(d.dCount).padStart(6)}  ${d.kind.padEnd(7)} ${d.key}`);
console.log('largest shrink:');
for (const d of diff.slice(-5)) console.log(`  ${String(d.dSize).padStart(8)} B  ${String(d.dCount).padStart(6)}  ${d.kind.padEnd(7)} ${d.key}`);
await browser.close();
process.exit(0);
