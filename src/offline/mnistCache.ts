// MNIST for offline use. The service worker never stores MNIST: a response it kept on its own would
// be unverified, and issue 11 made the data cache trustworthy. Instead, once the app itself is saved
// for offline use, the page fills the app's own cache (src/data/mnist.ts: the same cache, the same
// checks — gzip, IDX structure, counts, SHA-256) with each file not there yet, so a student who has
// opened the app once can train with no network. The kernel reads those entries and checks them again.
import { MNIST_FILES, type MnistFileKey } from '../data/files';
import { MNIST_CACHE_NAME, verifyMnistFile } from '../data/mnist';

const KEYS = Object.keys(MNIST_FILES) as MnistFileKey[];

export interface MnistCacheDeps {
  caches?: CacheStorage;
  fetch?: typeof fetch;
  /** where the files are served, as the kernel asks for them */
  base?: string;
  signal?: AbortSignal;
  /** awaited before each download and before each file is kept: the page waits until no cell has run for a while */
  quiet?: () => Promise<void>;
}

const urlOf = (key: MnistFileKey, base: string) => `${base}${MNIST_FILES[key]}.gz`;

function storage(deps: MnistCacheDeps): CacheStorage | null {
  const c = deps.caches ?? (typeof caches === 'undefined' ? undefined : caches);
  return c ?? null;
}

/** The files not in the verified cache yet ([] when all four are); null where there is no Cache API. */
export async function missingMnist(deps: MnistCacheDeps = {}): Promise<MnistFileKey[] | null> {
  const store = storage(deps);
  if (!store) return null;
  const cache = await store.open(MNIST_CACHE_NAME).catch(() => null);
  if (!cache) return null;
  const base = deps.base ?? '/mnist/';
  const present = await Promise.all(KEYS.map((k) => cache.match(urlOf(k, base)).then(Boolean, () => false)));
  return KEYS.filter((_, i) => !present[i]);
}

/**
 * Downloads each missing file, one at a time, checks it exactly as the kernel's loader does, and
 * keeps it in the same cache, as the same entry. A file that fails a check, a download that breaks
 * or a full disk leave nothing behind and end the warm-up (false); an entry that appeared meanwhile
 * (the kernel loading MNIST for a cell, another tab) is left as it is. True when all four are cached.
 */
export async function cacheMnist(deps: MnistCacheDeps = {}): Promise<boolean> {
  const store = storage(deps);
  const get = deps.fetch ?? fetch;
  const base = deps.base ?? '/mnist/';
  if (!store) return false;
  try {
    const cache = await store.open(MNIST_CACHE_NAME);
    for (const key of KEYS) {
      const url = urlOf(key, base);
      await deps.quiet?.();
      if (await cache.match(url)) continue;
      const res = await get(url, { signal: deps.signal });
      if (!res.ok) {
        void res.body?.cancel().catch(() => undefined);
        return false;
      }
      const raw = new Uint8Array(await res.arrayBuffer());
      await verifyMnistFile(key, raw, res.headers.get('content-type')); // throws a DataError on any fault
      await deps.quiet?.();
      if (await cache.match(url)) continue; // the kernel (or another tab) was quicker: its entry stays
      // the same entry src/data/mnist.ts writes after its own checks
      const headers = { 'content-type': 'application/octet-stream', 'content-length': String(raw.length) };
      await cache.put(url, new Response(raw as BlobPart, { headers }));
    }
    return true;
  } catch {
    return false; // offline, stopped, a bad file (DataError), a full disk: the kernel's loader says why when a cell needs MNIST
  }
}
