// Hostile input (issue 11): every bad dataset file, fresh or cached, is refused with a message naming
// the file and the fault (es/en); only a file that passed every check is cached; a bad cached copy is
// deleted; a stop ends a download without caching or memoising anything.
import { readFileSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { dataErrorText } from '../i18n/dataText';
import type { DataError } from './errors';
import { MNIST_FILES, type MnistFileKey } from './files';

const gz = (key: MnistFileKey) => new Uint8Array(readFileSync(new URL(`../../public/mnist/${MNIST_FILES[key]}.gz`, import.meta.url)));
const GOOD = Object.fromEntries((Object.keys(MNIST_FILES) as MnistFileKey[]).map((k) => [k, gz(k)])) as Record<MnistFileKey, Uint8Array>;
const url = (key: MnistFileKey) => `/mnist/${MNIST_FILES[key]}.gz`;
const keyOf = new Map((Object.keys(MNIST_FILES) as MnistFileKey[]).map((k) => [url(k), k]));

/** An in-memory Cache API (one cache), enough for the loader. */
function fakeCaches() {
  const entries = new Map<string, Response>();
  const cache = {
    match: async (u: string) => entries.get(u)?.clone(),
    put: async (u: string, r: Response) => { entries.set(u, new Response(await r.arrayBuffer(), { headers: r.headers })); },
    delete: async (u: string) => entries.delete(u),
  };
  vi.stubGlobal('caches', { open: async () => cache });
  return entries;
}

function stream(body: Uint8Array, opts: { chunk?: number; hang?: boolean; breakAt?: number } = {}): ReadableStream<Uint8Array> {
  let at = 0;
  const chunk = opts.chunk ?? 1 << 16;
  return new ReadableStream<Uint8Array>({
    pull(c) {
      if (opts.breakAt !== undefined && at >= opts.breakAt) return c.error(new TypeError('network error'));
      if (at >= body.length) return opts.hang ? new Promise(() => undefined) : c.close();
      c.enqueue(body.slice(at, at + chunk));
      at += chunk;
    },
  });
}

type Serve = (key: MnistFileKey) => Response | Promise<Response>;
let fetched: string[] = [];

/** A fresh loader module (it memoises per page) on a fake server. */
async function loader(serve: Serve) {
  vi.resetModules();
  fetched = [];
  vi.stubGlobal('fetch', async (u: string) => {
    fetched.push(u);
    return serve(keyOf.get(u)!);
  });
  return (await import('./mnist')).loadMnist;
}

const ok = (body: Uint8Array, headers: Record<string, string> = {}) => new Response(stream(body), { headers: { 'content-length': String(body.length), ...headers } });
/** Serves the good files, except `bad` for one key. */
const except = (key: MnistFileKey, bad: () => Response): Serve => (k) => (k === key ? bad() : ok(GOOD[k]));

function idx(words: number[], body: Uint8Array): Uint8Array {
  const out = new Uint8Array(words.length * 4 + body.length);
  const view = new DataView(out.buffer);
  words.forEach((w, i) => view.setUint32(i * 4, w, false));
  out.set(body, words.length * 4);
  return out;
}
const rawLabels = () => new Uint8Array(gunzipSync(GOOD.trainLabels));

async function failure(p: Promise<unknown>): Promise<DataError> {
  const e = await p.then(() => null, (err: unknown) => err);
  expect(e).toMatchObject({ name: 'DataError' }); // a DataError of the fresh module (vi.resetModules)
  return e as DataError;
}

afterEach(() => { vi.unstubAllGlobals(); });

describe('MNIST: a bad file is refused, named, and never cached', () => {
  const truncatedGz = GOOD.trainLabels.subarray(0, GOOD.trainLabels.length - 5000);
  const cases: { name: string; key: MnistFileKey; res: () => Response; fault: DataError['fault']; en: RegExp; es: RegExp }[] = [
    { name: 'a truncated gzip (never "Failed to fetch")', key: 'trainLabels', res: () => ok(truncatedGz), fault: 'gzip', en: /truncated or corrupt/, es: /truncados o dañados/ },
    { name: 'an HTML page instead of gzip', key: 'testImages', res: () => ok(new TextEncoder().encode('<!doctype html><html><body>app</body></html>'), { 'content-type': 'text/html' }), fault: 'html', en: /web page \(HTML\)/, es: /página web \(HTML\)/ },
    { name: 'a wrong magic number (labels served as images)', key: 'testImages', res: () => ok(GOOD.testLabels), fault: 'magic', en: /wrong magic number 2049, expected 2051/, es: /número mágico 2049 incorrecto/ },
    { name: 'a wrong count (a consistent file with one label less)', key: 'trainLabels', res: () => ok(gzipSync(idx([2049, 59999], rawLabels().subarray(8, 8 + 59999)))), fault: 'count', en: /counts 59999 items, expected 60000/, es: /cuenta 59999 elementos, se esperaban 60000/ },
    { name: 'an out-of-range label', key: 'trainLabels', res: () => { const b = rawLabels(); b[8 + 7] = 12; return ok(gzipSync(b)); }, fault: 'label', en: /label 12 at index 7 is not a digit 0..9/, es: /etiqueta 12 en la posición 7/ },
    { name: 'a file truncated inside the IDX data (a whole gzip of fewer bytes)', key: 'testLabels', res: () => ok(gzipSync(gunzipSync(GOOD.testLabels).subarray(0, 5000))), fault: 'truncated', en: /truncated: 5000 bytes/, es: /truncado: 5000 bytes/ },
    { name: 'bytes after the data', key: 'testLabels', res: () => ok(gzipSync(Buffer.concat([gunzipSync(GOOD.testLabels), Buffer.alloc(3)]))), fault: 'trailing', en: /3 unexpected bytes/, es: /3 bytes inesperados/ },
    { name: 'a corrupt pixel (right structure, wrong digest)', key: 'testImages', res: () => { const b = gunzipSync(GOOD.testImages); b[5000] ^= 0xff; return ok(gzipSync(b)); }, fault: 'digest', en: /SHA-256 digest/, es: /resumen SHA-256/ },
    { name: 'an HTTP error', key: 'trainImages', res: () => new Response('missing', { status: 404, statusText: 'Not Found' }), fault: 'http', en: /HTTP 404 Not Found/, es: /respondió HTTP 404/ },
    { name: 'a server that cannot be reached', key: 'testLabels', res: () => { throw new TypeError('Failed to fetch'); }, fault: 'unreachable', en: /could not be reached/, es: /no se pudo contactar con el servidor/ },
    { name: 'a connection that breaks off', key: 'trainImages', res: () => new Response(stream(GOOD.trainImages, { breakAt: 1 << 17 })), fault: 'network', en: /broke off after 131072 bytes/, es: /se cortó tras 131072 bytes/ },
  ];

  for (const c of cases) {
    it(`${c.name}: ${c.fault}`, async () => {
      const cached = fakeCaches();
      const loadMnist = await loader(except(c.key, c.res));
      const e = await failure(loadMnist());
      const file = `${MNIST_FILES[c.key]}.gz`;
      expect(e).toMatchObject({ file, fault: c.fault, fromCache: false });
      const en = dataErrorText('en', e.file, e.fault, e.params, e.fromCache);
      const es = dataErrorText('es', e.file, e.fault, e.params, e.fromCache);
      expect(en).toContain(file);
      expect(en).toMatch(c.en);
      expect(en).toMatch(/Run the cell again to download it again/);
      expect(en).not.toMatch(/Failed to fetch/);
      expect(es).toContain(file);
      expect(es).toMatch(c.es);
      expect(es).toMatch(/Ejecuta la celda de nuevo/);
      expect(cached.has(url(c.key)), 'the bad file is not cached').toBe(false);
      // the next run downloads again (nothing memoised) and succeeds once the server is right
      vi.stubGlobal('fetch', async (u: string) => ok(GOOD[keyOf.get(u)!]));
      const m = await loadMnist();
      expect(m.train.count).toBe(60000);
      expect(cached.size).toBe(4);
    });
  }
});

describe('MNIST cache', () => {
  it('caches each file only after it passed; a reload reads the cache without fetching', async () => {
    const cached = fakeCaches();
    let loadMnist = await loader((k) => ok(GOOD[k]));
    await loadMnist();
    expect(fetched).toHaveLength(4);
    expect([...cached.keys()].sort()).toEqual((Object.keys(MNIST_FILES) as MnistFileKey[]).map(url).sort());
    loadMnist = await loader(() => { throw new Error('no network'); });
    const seen: boolean[] = [];
    const m = await loadMnist('/mnist/', (p) => seen.push(p.fromCache));
    expect(m.test.count).toBe(10000);
    expect(fetched).toHaveLength(0);
    expect(seen.length > 0 && seen.every(Boolean)).toBe(true);
  });

  it('a poisoned cached copy is refused naming the file, deleted, and the next run downloads it again', async () => {
    const cached = fakeCaches();
    const b = rawLabels();
    b[8] = 200;
    cached.set(url('trainLabels'), new Response(gzipSync(b)));
    let loadMnist = await loader((k) => ok(GOOD[k]));
    const e = await failure(loadMnist());
    expect(e).toMatchObject({ file: 'train-labels-idx1-ubyte.gz', fault: 'label', fromCache: true });
    expect(dataErrorText('es', e.file, e.fault, e.params, e.fromCache)).toMatch(/La copia dañada se borró de la caché local/);
    expect(dataErrorText('en', e.file, e.fault, e.params, e.fromCache)).toMatch(/The bad copy was deleted from the local cache/);
    expect(cached.has(url('trainLabels'))).toBe(false);
    loadMnist = await loader((k) => ok(GOOD[k]));
    expect((await loadMnist()).train.count).toBe(60000);
    expect(fetched).toContain(url('trainLabels'));
    expect(cached.size).toBe(4);
  });

  it('an HTML page cached by an older version is refused and deleted', async () => {
    const cached = fakeCaches();
    cached.set(url('testImages'), new Response('<html>index</html>', { headers: { 'content-type': 'text/html' } }));
    const loadMnist = await loader((k) => ok(GOOD[k]));
    expect(await failure(loadMnist())).toMatchObject({ file: 't10k-images-idx3-ubyte.gz', fault: 'html', fromCache: true });
    expect(cached.has(url('testImages'))).toBe(false);
  });
});

describe('MNIST download: progress and stop', () => {
  it('reports progress from the first chunk, before any file is complete', async () => {
    fakeCaches();
    const loadMnist = await loader((k) => ok(GOOD[k]));
    const first: number[] = [];
    await loadMnist('/mnist/', (p) => { if (first.length < 3) first.push(p.loaded); });
    expect(first[0]).toBeGreaterThan(0);
    expect(first[0]).toBeLessThanOrEqual(1 << 16);
  });

  it('a stop mid-download rejects with StoppedError; nothing is cached or memoised', async () => {
    const cached = fakeCaches();
    const stop = new AbortController();
    // train images hang after 1 MB (a slow server); the others arrive
    let loadMnist = await loader((k) => new Response(k === 'trainImages' ? stream(GOOD[k].subarray(0, 1 << 20), { hang: true }) : stream(GOOD[k])));
    let bytes = 0;
    const p = loadMnist('/mnist/', (pr) => { bytes = pr.loaded; }, stop.signal);
    await vi.waitFor(() => expect(bytes).toBeGreaterThan(0));
    const t0 = Date.now();
    stop.abort();
    await expect(p).rejects.toMatchObject({ name: 'StoppedError' });
    expect(Date.now() - t0).toBeLessThan(2000);
    expect(cached.has(url('trainImages'))).toBe(false);
    // not memoised: the next load starts over and succeeds
    loadMnist = await loader((k) => ok(GOOD[k]));
    expect((await loadMnist()).train.count).toBe(60000);
  });

  it('an already stopped run does not start a download', async () => {
    fakeCaches();
    const loadMnist = await loader((k) => ok(GOOD[k]));
    const stop = new AbortController();
    stop.abort();
    await expect(loadMnist('/mnist/', undefined, stop.signal)).rejects.toMatchObject({ name: 'StoppedError' });
    expect(fetched).toHaveLength(0);
  });
});
