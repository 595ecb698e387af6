// Filling the verified MNIST cache for offline use: what it keeps must be what the kernel's loader
// accepts from its cache with no network, and a bad file must never be kept.
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MNIST_FILES, type MnistFileKey } from '../data/files';
import { cacheMnist, missingMnist } from './mnistCache';

const gz = (name: string) => new Uint8Array(readFileSync(new URL(`../../public/mnist/${name}.gz`, import.meta.url)));
const KEYS = Object.keys(MNIST_FILES) as MnistFileKey[];
const url = (k: MnistFileKey) => `/mnist/${MNIST_FILES[k]}.gz`;

/** A CacheStorage in memory (Node has none), keeping bodies and headers as a browser's would. */
function memoryCaches() {
  const stores = new Map<string, Map<string, { body: Uint8Array; headers: [string, string][] }>>();
  const open = async (name: string) => {
    const m = stores.get(name) ?? new Map();
    stores.set(name, m);
    return {
      match: async (u: string) => { const e = m.get(u); return e ? new Response(e.body as BlobPart, { headers: e.headers }) : undefined; },
      put: async (u: string, r: Response) => { m.set(u, { body: new Uint8Array(await r.arrayBuffer()), headers: [...r.headers] }); },
      delete: async (u: string) => m.delete(u),
    } as unknown as Cache;
  };
  return { caches: { open } as unknown as CacheStorage, stores };
}

/** A server of the real files; `serve` may replace one, `log` records each URL asked for. */
function server(serve: (k: MnistFileKey, body: Uint8Array) => Response = (_, b) => new Response(b as BlobPart)) {
  const log: string[] = [];
  const byUrl = new Map(KEYS.map((k) => [url(k), k]));
  const fetch = (async (u: string) => {
    log.push(u);
    const k = byUrl.get(u);
    return k ? serve(k, gz(MNIST_FILES[k])) : new Response('not found', { status: 404 });
  }) as typeof globalThis.fetch;
  return { fetch, log };
}

afterEach(() => { vi.unstubAllGlobals(); vi.resetModules(); });

describe('MNIST for offline use', () => {
  it('keeps all four files, checked, as entries the kernel then loads with no network', async () => {
    const { caches } = memoryCaches();
    const net = server();
    expect(await missingMnist({ caches })).toEqual(KEYS);
    expect(await cacheMnist({ caches, fetch: net.fetch })).toBe(true);
    expect(net.log).toEqual(KEYS.map(url));
    expect(await missingMnist({ caches })).toEqual([]);
    // the kernel's loader, offline: it reads every file from this cache and checks it again
    vi.stubGlobal('caches', caches);
    vi.stubGlobal('fetch', async () => { throw new TypeError('Failed to fetch'); });
    const { loadMnist } = await import('../data/mnist');
    const seen: boolean[] = [];
    const mnist = await loadMnist('/mnist/', (p) => seen.push(p.fromCache));
    expect(mnist.train.count).toBe(60000);
    expect(mnist.test.count).toBe(10000);
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every(Boolean)).toBe(true);
  });

  it('downloads only what is missing, and a second run downloads nothing', async () => {
    const { caches } = memoryCaches();
    await cacheMnist({ caches, fetch: server((k, b) => (k === 'trainImages' ? new Response('', { status: 503 }) : new Response(b as BlobPart))).fetch });
    expect(await missingMnist({ caches }), 'a failed download stops the warm-up and keeps nothing of it').toEqual(KEYS);
    const cache = await caches.open('paralelo-mnist-v1');
    await cache.put(url('trainImages'), new Response(gz(MNIST_FILES.trainImages) as BlobPart));
    const net = server();
    expect(await cacheMnist({ caches, fetch: net.fetch })).toBe(true);
    expect(net.log).toEqual(KEYS.filter((k) => k !== 'trainImages').map(url));
    const again = server();
    expect(await cacheMnist({ caches, fetch: again.fetch })).toBe(true);
    expect(again.log).toEqual([]);
  });

  it('never keeps a file that fails a check (here: a label out of range), and says it failed', async () => {
    const { caches } = memoryCaches();
    const { gunzipSync, gzipSync } = await import('node:zlib');
    const net = server((k, b) => {
      if (k !== 'trainLabels') return new Response(b as BlobPart);
      const raw = gunzipSync(b);
      raw[8 + 5] = 11;
      return new Response(new Uint8Array(gzipSync(raw)) as BlobPart);
    });
    expect(await cacheMnist({ caches, fetch: net.fetch })).toBe(false);
    expect(await missingMnist({ caches })).toContain('trainLabels');
  });

  it('leaves an entry that appeared while it downloaded (the kernel or another tab) as it is', async () => {
    const { caches, stores } = memoryCaches();
    const theirs = new Uint8Array([1, 2, 3]);
    const net = server((k, b) => {
      // the kernel puts its own copy of the test labels while this download is under way
      if (k === 'testLabels') void caches.open('paralelo-mnist-v1').then((c) => c.put(url(k), new Response(theirs as BlobPart)));
      return new Response(b as BlobPart);
    });
    expect(await cacheMnist({ caches, fetch: net.fetch })).toBe(true);
    expect([...stores.get('paralelo-mnist-v1')!.get(url('testLabels'))!.body]).toEqual([...theirs]);
  });

  it('waits for a quiet moment (no cell running) before each download and before keeping each file', async () => {
    const { caches } = memoryCaches();
    const steps: string[] = [];
    const net = server((_, b) => { steps.push('download'); return new Response(b as BlobPart); });
    const quiet = async () => { steps.push('quiet'); };
    const cache = await caches.open('paralelo-mnist-v1');
    const put = cache.put.bind(cache);
    cache.put = async (u, r) => { steps.push('keep'); return put(u, r); };
    vi.spyOn(caches, 'open').mockResolvedValue(cache);
    expect(await cacheMnist({ caches, fetch: net.fetch, quiet })).toBe(true);
    expect(steps).toEqual(KEYS.flatMap(() => ['quiet', 'download', 'quiet', 'keep']));
  });

  it('answers null where there is no Cache API, and false for a warm-up that cannot run', async () => {
    vi.stubGlobal('caches', undefined);
    expect(await missingMnist()).toBeNull();
    expect(await cacheMnist({ fetch: server().fetch })).toBe(false);
  });
});
