// Hostile suite (issue 11), data and parameters: a bad MNIST file, fresh or cached, ends the cell with
// an error naming the file and the fault in the student's language; nothing bad is cached; running the
// cell again downloads it again. A slow download shows progress and Stop cancels it without losing the
// kernel's variables. An option out of range is refused with its range.
import { readFileSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import { expect, test, type Locator, type Page } from '../fixtures';
import { codeCell, setSource, waitIdle } from '../helpers';
import { editBeforeAttack, expectEditKept, expectResponsive, marker } from './common';

const gz = (name: string) => readFileSync(`public/mnist/${name}.gz`);
const rawLabels = () => gunzipSync(gz('train-labels-idx1-ubyte'));
function labelsWith(count: number, body: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(2049, 0);
  head.writeUInt32BE(count, 4);
  return gzipSync(Buffer.concat([head, body]));
}
const LOAD = 'const d = await mnist();\nd.train.count';

async function run(cell: Locator): Promise<void> {
  await cell.getByTestId('run-cell').click();
  await waitIdle(cell);
}

/** Edits a cell first (the edit must survive), then makes cell 1 load MNIST. */
async function prepare(page: Page, name: string, lang: 'es' | 'en'): Promise<{ mark: string; cell: Locator }> {
  const mark = marker(name);
  await editBeforeAttack(page, mark, lang);
  const cell = codeCell(page, 1);
  await setSource(page, cell, LOAD);
  return { mark, cell };
}

/** After the fault: the page answers, the edit is kept, and with the server fixed the same cell loads MNIST. */
async function expectRecovers(page: Page, cell: Locator, mark: string, lang: 'es' | 'en'): Promise<void> {
  await expectResponsive(page);
  await expectEditKept(page, mark);
  await page.unrouteAll({ behavior: 'wait' });
  // the error offers "download again", which runs the cell again
  await cell.getByTestId('out-error').getByTestId('retry').click();
  await waitIdle(cell);
  await expect(cell).toHaveAttribute('data-result', 'ok');
  await expect(cell.getByTestId('out-text').first()).toContainText(lang === 'es' ? 'MNIST cargado: 60000' : 'MNIST loaded: 60000');
  await expect(cell.getByTestId('out-text').last()).toHaveText('60000');
}

const attacks: { name: string; lang: 'es' | 'en'; file: string; body: () => Buffer; type?: string; says: RegExp }[] = [
  { name: 'truncated gzip', lang: 'es', file: 'train-labels-idx1-ubyte', body: () => gz('train-labels-idx1-ubyte').subarray(0, 20000), says: /los datos gzip están truncados o dañados/ },
  { name: 'HTML instead of gzip', lang: 'en', file: 't10k-images-idx3-ubyte', body: () => Buffer.from('<!doctype html><html><head><title>Paralelo</title></head><body></body></html>'), type: 'text/html', says: /a web page \(HTML\) came instead of the gzip file/ },
  { name: 'wrong magic', lang: 'en', file: 't10k-images-idx3-ubyte', body: () => gz('t10k-labels-idx1-ubyte'), says: /wrong magic number 2049, expected 2051/ },
  { name: 'wrong count', lang: 'es', file: 'train-labels-idx1-ubyte', body: () => labelsWith(59999, rawLabels().subarray(8, 8 + 59999)), says: /su cabecera cuenta 59999 elementos, se esperaban 60000/ },
  { name: 'out-of-range label', lang: 'en', file: 'train-labels-idx1-ubyte', body: () => { const b = rawLabels(); b[8 + 3] = 12; return gzipSync(b); }, says: /label 12 at index 3 is not a digit 0\.\.9/ },
];

for (const a of attacks) {
  test(`MNIST, ${a.name}: the file is named with its fault; nothing is cached; running again downloads it again`, async ({ page }) => {
    const body = a.body();
    await page.route(`**/mnist/${a.file}.gz`, (route) => route.fulfill({ status: 200, body, headers: { 'content-type': a.type ?? 'application/gzip' } }));
    const { mark, cell } = await prepare(page, a.name.replace(/\W/g, '_'), a.lang);
    await run(cell);
    await expect(cell).toHaveAttribute('data-result', 'error');
    const error = cell.getByTestId('out-error');
    await expect(error).toContainText(`${a.file}.gz`);
    await expect(error).toContainText(a.says);
    await expect(error).toContainText(a.lang === 'es' ? 'Ejecuta la celda de nuevo para descargarlo otra vez' : 'Run the cell again to download it again');
    await expect(error).not.toContainText('Failed to fetch');
    const cached = await page.evaluate(async (f) => !!(await (await caches.open('paralelo-mnist-v1')).match(`/mnist/${f}.gz`)), a.file);
    expect(cached, 'the bad file was not cached').toBe(false);
    await expectRecovers(page, cell, mark, a.lang);
  });
}

test('a poisoned copy in the Cache API is refused naming the file, deleted, and running again downloads it again', async ({ page }) => {
  const { mark, cell } = await prepare(page, 'poisoned_cache', 'es');
  const b = rawLabels();
  b[8] = 200;
  const poison = [...gzipSync(b)];
  await page.evaluate(async (bytes) => {
    const cache = await caches.open('paralelo-mnist-v1');
    await cache.put('/mnist/train-labels-idx1-ubyte.gz', new Response(new Uint8Array(bytes)));
  }, poison);
  await run(cell);
  await expect(cell).toHaveAttribute('data-result', 'error');
  const error = cell.getByTestId('out-error');
  await expect(error).toContainText('train-labels-idx1-ubyte.gz');
  await expect(error).toContainText('la etiqueta 200 en la posición 0 no es un dígito 0..9');
  await expect(error).toContainText('La copia dañada se borró de la caché local');
  const left = await page.evaluate(async () => !!(await (await caches.open('paralelo-mnist-v1')).match('/mnist/train-labels-idx1-ubyte.gz')));
  expect(left, 'the bad copy was deleted').toBe(false);
  await expectRecovers(page, cell, mark, 'es');
});

test('a slow download shows progress from its first bytes; Stop cancels it within the grace period and keeps the variables', async ({ page }) => {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  // about 11 MB of gzip at 100 kB/s: minutes, unless stopped
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 20, downloadThroughput: 100_000, uploadThroughput: -1 });
  const mark = marker('slow');
  await editBeforeAttack(page, mark, 'en');
  const defines = codeCell(page, 1);
  await setSource(page, defines, 'const before = 41 + 1;');
  await run(defines);
  await expect(defines).toHaveAttribute('data-result', 'ok');
  const cell = codeCell(page, 2);
  await setSource(page, cell, LOAD);
  await cell.getByTestId('run-cell').click();
  // progress while the download is under way, not only at its end
  const bar = cell.getByTestId('out-progress').locator('progress');
  await expect.poll(async () => Number(await bar.getAttribute('value') ?? 0), { timeout: 30_000 }).toBeGreaterThan(0);
  const [value, max] = [Number(await bar.getAttribute('value')), Number(await bar.getAttribute('max'))];
  expect(value).toBeLessThan(max);
  const t0 = Date.now();
  await page.getByTestId('stop').click();
  await expect(cell).toHaveAttribute('data-result', 'stopped', { timeout: 5000 });
  expect(Date.now() - t0, 'stopped within the 2 s grace, so the kernel was not restarted').toBeLessThan(2000);
  await expect(cell.getByTestId('out-text').first()).toHaveText('MNIST was not loaded');
  await expectResponsive(page);
  await expectEditKept(page, mark);
  // the kernel kept its scope
  const check = codeCell(page, 3);
  await setSource(page, check, 'before');
  await run(check);
  await expect(check.getByTestId('out-text').last()).toHaveText('42');
  // nothing partial was kept: at full speed the same cell downloads again and loads
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
  await run(cell);
  await expect(cell).toHaveAttribute('data-result', 'ok');
  await expect(cell.getByTestId('out-text').last()).toHaveText('60000');
});

test('training options out of range are refused before any work, with the range, in the student\'s language', async ({ page }) => {
  const mark = marker('options');
  await editBeforeAttack(page, mark, 'es');
  const cell = codeCell(page, 1);
  const cases: [string, string][] = [
    ['{ batchSize: 0 }', 'batchSize debe ser un entero entre 1 y 60000; se recibió 0'],
    ['{ learningRate: NaN }', 'learningRate debe ser un número finito en (0, 10]; se recibió NaN'],
    ['{ hidden: 1e7 }', 'hidden debe ser un entero entre 16 y 1024; se recibió 10000000'],
    ["{ mode: 'evil' }", 'opciones no válidas para el backend webgpu: mode debe ser uno de resident, naive; se recibió "evil"'],
    ['{ workers: 64 }', 'workers debe ser un entero entre 1 y 16; se recibió 64'],
  ];
  for (const [opts, says] of cases) {
    await setSource(page, cell, `await train(${opts})`);
    const t0 = Date.now();
    await run(cell);
    await expect(cell).toHaveAttribute('data-result', 'error');
    await expect(cell.getByTestId('out-error')).toContainText(says);
    await expect(cell.getByTestId('out-progress')).toHaveCount(0);
    expect(Date.now() - t0).toBeLessThan(10_000);
  }
  await expectResponsive(page);
  await expectEditKept(page, mark);
});
