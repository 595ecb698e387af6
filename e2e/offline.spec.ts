// Offline and installable (issue 12 §6). After one visit with a network the app reloads with none and
// trains, served by its service worker with the same cross-origin isolation and Content-Security-Policy
// (threaded wasm runs; a cell still cannot load a script from elsewhere); MNIST comes from the app's
// own verified cache, never from the service worker's. The app can be installed (manifest, icons,
// theme colours from the design tokens), the test page is never taken over, and a new version waits
// for the student's Reload, which is refused while a cell runs.
import { readFileSync, writeFileSync } from 'node:fs';
import { expect, test, type Page } from './fixtures';
import { META_CSP, PAGE_CSP } from '../src/csp';
import { PALETTES } from '../src/design/tokens';
import { codeCell, setSource, waitIdle } from './helpers';

const status = (page: Page) => page.getByTestId('offline-status');
const SW = 'dist/sw.js'; // the built service worker, as `vite preview` serves it

/** The service worker is active (the app is saved) and MNIST is in the verified cache. */
async function readyOffline(page: Page): Promise<void> {
  await expect(status(page)).toHaveAttribute('data-app', 'ready', { timeout: 120_000 });
  await expect(status(page)).toHaveAttribute('data-data', 'ready', { timeout: 120_000 });
}

/** Every path in the service worker's caches (Workbox's precache), and the MNIST cache's paths apart. */
function cachedPaths(page: Page): Promise<{ precache: string[]; mnist: string[] }> {
  return page.evaluate(async () => {
    const out = { precache: [] as string[], mnist: [] as string[] };
    for (const name of await caches.keys()) {
      const paths = (await (await caches.open(name)).keys()).map((r) => new URL(r.url).pathname);
      (name === 'paralelo-mnist-v1' ? out.mnist : out.precache).push(...paths);
    }
    return out;
  });
}

test('after one visit, the app reloads with no network, isolated and under its CSP, and trains on js and wasm threads from the verified MNIST cache', async ({ page, context }) => {
  test.setTimeout(300_000);
  await page.goto('/#/en/01');
  await expect(page.getByTestId('notebook')).toBeVisible();
  await readyOffline(page);
  await expect(page.getByTestId('offline-ready')).toContainText('Ready to work offline');

  const { precache, mnist } = await cachedPaths(page);
  expect(precache).toContain('/index.html');
  expect(precache).toContain('/wasm/mlp-simd-mt.wasm');
  expect(precache).toContain('/wasm/mlp-simd-mt.worker.js');
  expect(precache).toContain('/manifest.webmanifest');
  for (const file of [/^\/assets\/kernel\.worker-.*\.js$/, /^\/assets\/ts\.worker-.*\.js$/, /^\/assets\/editor\.worker-.*\.js$/, /^\/assets\/KaTeX_Main-Regular-.*\.woff2$/]) {
    expect(precache.some((p) => file.test(p)), String(file)).toBe(true);
  }
  expect(precache.filter((p) => p.startsWith('/mnist/')), 'the service worker keeps no MNIST file').toEqual([]);
  expect(mnist.sort()).toEqual(['t10k-images-idx3-ubyte', 't10k-labels-idx1-ubyte', 'train-images-idx3-ubyte', 'train-labels-idx1-ubyte'].map((f) => `/mnist/${f}.gz`));

  // from here on, anything not served by the service worker or the app's caches would fail
  const failed: string[] = [];
  page.on('requestfailed', (r) => failed.push(r.url()));
  await context.setOffline(true);
  await expect(status(page)).toHaveAttribute('data-online', 'false');
  await expect(page.getByTestId('offline-offline')).toContainText('Offline: lessons and training keep working');

  const [doc] = await Promise.all([page.waitForResponse((r) => r.request().resourceType() === 'document'), page.reload()]);
  expect(doc.fromServiceWorker()).toBe(true);
  expect(await doc.headerValue('cross-origin-opener-policy')).toBe('same-origin');
  expect(await doc.headerValue('cross-origin-embedder-policy')).toBe('require-corp');
  expect(await doc.headerValue('content-security-policy')).toBe(PAGE_CSP);
  expect(await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content')).toBe(META_CSP);
  expect(await page.evaluate(() => globalThis.crossOriginIsolated)).toBe(true);
  await expect(page.getByTestId('notebook')).toBeVisible();
  await expect(page.getByTestId('offline-offline')).toContainText('Offline: lessons and training keep working');

  // the editor, the kernel, MNIST, js and threaded wasm, all with no network; the kernel worker's
  // own policy still refuses a script from anywhere but the app (a data: URL here)
  const cell = codeCell(page, 0);
  await setSource(page, cell, [
    'const d = await mnist();',
    "const a = await train({ backend: 'js', samples: 1000, epochs: 1, chart: false, evaluate: false });",
    "const b = await train({ backend: 'wasm', threads: 2, samples: 1000, epochs: 1, chart: false, evaluate: false });",
    "let policy = 'allowed';",
    "try { await import('data:text/javascript,export default 1'); } catch { policy = 'refused'; }",
    "show.text([d.train.count, a.backend, Number.isFinite(a.losses.at(-1).loss), b.variant.id, b.variant.params.threads, policy].join(' '));",
  ].join('\n'));
  await cell.getByTestId('run-cell').click();
  await waitIdle(cell);
  await expect(cell).toHaveAttribute('data-result', 'ok');
  await expect(cell.getByTestId('out-text').filter({ hasText: 'MNIST loaded' })).toContainText('from the local cache');
  await expect(cell.getByTestId('out-text').last()).toHaveText('60000 js true describe_wasm_simd_mt 2 refused');
  // a link with settings in its query (quick mode here) opens offline too: the page is the same one
  const [linked] = await Promise.all([page.waitForResponse((r) => r.request().resourceType() === 'document'), page.goto('/?samples=2000#/en/02')]);
  expect(linked.fromServiceWorker()).toBe(true);
  await expect(page.getByTestId('notebook')).toBeVisible();
  await expect(codeCell(page, 0).getByTestId('knob-samples')).toHaveValue('2000');
  expect(failed).toEqual([]);
});

test('the app can be installed: a manifest in Spanish with icons 192 and 512 (any and maskable) and the design tokens\' colours; the test page is never taken over', async ({ page }) => {
  test.setTimeout(240_000);
  await page.goto('/#/es/01');
  await expect(page.getByTestId('notebook')).toBeVisible();
  const href = await page.locator('link[rel="manifest"]').getAttribute('href');
  const manifest = await page.evaluate(async (h) => (await fetch(h!)).json(), href);
  expect(manifest).toMatchObject({
    name: 'Paralelo: computación paralela para redes neuronales', short_name: 'Paralelo', lang: 'es',
    start_url: '/', scope: '/', display: 'standalone',
    theme_color: PALETTES.light.page, background_color: PALETTES.light.page,
  });
  // each icon is a PNG of the size it claims; "any" has transparent corners, "maskable" is full bleed
  const icons = await page.evaluate((list: { src: string; sizes: string; purpose: string }[]) => Promise.all(list.map(async (i) => {
    const res = await fetch(i.src);
    const bitmap = await createImageBitmap(await res.blob());
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const ctx = canvas.getContext('2d')!;
    ctx.drawImage(bitmap, 0, 0);
    const corner = ctx.getImageData(0, 0, 1, 1).data[3];
    return `${res.headers.get('content-type')} ${bitmap.width}x${bitmap.height} ${i.sizes} ${i.purpose} corner ${corner === 0 ? 'clear' : corner === 255 ? 'solid' : corner}`;
  })), manifest.icons);
  expect(icons.sort()).toEqual([
    'image/png 192x192 192x192 any corner clear', 'image/png 192x192 192x192 maskable corner solid',
    'image/png 512x512 512x512 any corner clear', 'image/png 512x512 512x512 maskable corner solid',
  ]);
  expect(await page.locator('meta[name="theme-color"]').evaluateAll((ms) => ms.map((m) => `${m.getAttribute('media')} ${m.getAttribute('content')}`)))
    .toEqual([`(prefers-color-scheme: light) ${PALETTES.light.page}`, `(prefers-color-scheme: dark) ${PALETTES.dark.page}`]);
  expect(await page.evaluate(async () => (await fetch(document.querySelector('link[rel="apple-touch-icon"]')!.getAttribute('href')!)).headers.get('content-type'))).toBe('image/png');

  await readyOffline(page);
  await expect(page.getByTestId('offline-ready')).toContainText('Listo para trabajar sin conexión');
  await page.getByTestId('offline-ready').getByRole('button', { name: 'Cerrar' }).click();
  await expect(page.getByTestId('offline-ready')).toHaveCount(0);
  // with the service worker active, the test page is still itself, from the server
  const [doc] = await Promise.all([page.waitForResponse((r) => r.request().resourceType() === 'document'), page.goto('/harness.html')]);
  expect(doc.fromServiceWorker()).toBe(false);
  await expect(page.locator('#status')).toHaveText('harness ready');
});

test('a new version waits for the student: the page says so, refuses to reload while a cell runs, and reloads into it when asked', async ({ page }) => {
  test.setTimeout(240_000);
  // a deploy, as the browser sees it: `vite preview` reads each file when asked, so the new service
  // worker is the built one plus a line (Playwright cannot route the browser's own update check)
  const built = readFileSync(SW, 'utf8');
  try {
    await nextVersion(page, built);
  } finally {
    writeFileSync(SW, built);
  }
});

async function nextVersion(page: Page, built: string): Promise<void> {
  await page.goto('/#/en/01');
  await expect(page.getByTestId('notebook')).toBeVisible();
  await expect(status(page)).toHaveAttribute('data-app', 'ready', { timeout: 120_000 });
  // a later visit (a page the worker controls: on a first visit's page a new worker has no one to wait for)
  await page.reload();
  await expect(page.getByTestId('notebook')).toBeVisible();
  expect(await page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
  writeFileSync(SW, `${built}\n// the next version\n`);
  await page.evaluate(async () => { await (await navigator.serviceWorker.getRegistration())!.update(); });
  const update = page.getByTestId('offline-update');
  await expect(update).toContainText('A new version is ready', { timeout: 60_000 });
  await expect(status(page)).toHaveAttribute('data-update', 'true');

  // while a cell runs, Reload only says why it waits; the page stays as it is
  await page.evaluate(() => { (window as unknown as { __before: number }).__before = 1; });
  const cell = codeCell(page, 0);
  await setSource(page, cell, 'await new Promise((r) => setTimeout(r, 120000));');
  await cell.getByTestId('run-cell').click();
  await expect(cell).toHaveAttribute('data-status', 'running');
  await update.getByTestId('offline-reload').click();
  await expect(page.getByTestId('offline-busy')).toContainText('A cell is running: reload when it finishes');
  await page.waitForTimeout(1500);
  expect(await page.evaluate(() => (window as unknown as { __before?: number }).__before)).toBe(1);
  expect(await page.evaluate(async () => !!(await navigator.serviceWorker.getRegistration())!.waiting)).toBe(true);

  // stopped: Reload switches to the new version and reloads the page
  await page.getByTestId('stop').click();
  await waitIdle(cell);
  // as a student would, a moment after the stop: the cell's wait ignores the stop, so the kernel
  // worker is replaced, and its chunks load through the old service worker. Asked to switch in
  // those few hundred ms, Chromium sometimes never activated the new worker (register.ts wakes the
  // old one first, which made it rarer: 4 runs in 25 then reloaded through the 10 s fallback)
  await page.waitForTimeout(2000);
  await Promise.all([page.waitForEvent('load', { timeout: 60_000 }), update.getByTestId('offline-reload').click()]);
  await expect(page.getByTestId('notebook')).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { __before?: number }).__before)).toBeUndefined();
  await expect(status(page)).toHaveAttribute('data-app', 'ready');
  await expect(status(page)).toHaveAttribute('data-update', 'false');
  expect(await page.evaluate(async () => !!(await navigator.serviceWorker.getRegistration())!.waiting), 'the new version is the active one').toBe(false);
}
