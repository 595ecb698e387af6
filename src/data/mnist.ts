// Loads real MNIST in the browser (main thread or worker): fetch with byte progress → gunzip via
// DecompressionStream → IDX parse + validate. The gzip responses are kept in the Cache API, so a
// reload reads them locally instead of downloading again; parsed data is memoised per page.

import type { Mnist } from './dataset';
import { MNIST_FILES, MNIST_IDX_BYTES, type MnistFileKey } from './files';
import { makeDataset, parseIdxImages, parseIdxLabels } from './idx';

export interface LoadProgress {
  loaded: number; // bytes of the response bodies read so far
  total: number; // bytes the bodies will have; 0 when unknown (show indeterminate progress)
  fromCache: boolean;
}

const CACHE_NAME = 'paralelo-mnist-v1';
let memo: Promise<Mnist> | null = null;

function isGzip(bytes: Uint8Array): boolean {
  return bytes.length > 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

async function gunzip(bytes: Uint8Array): Promise<Uint8Array> {
  // A server may already have decoded the gzip (Content-Encoding); only raw gzip is inflated here.
  if (!isGzip(bytes)) return bytes;
  const stream = new Blob([bytes as BlobPart]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

async function cachedResponse(url: string): Promise<{ res: Response; fromCache: boolean }> {
  const cache = typeof caches !== 'undefined' ? await caches.open(CACHE_NAME).catch(() => null) : null;
  const hit = cache ? await cache.match(url) : undefined;
  if (hit) return { res: hit, fromCache: true };
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status} ${res.statusText} (run \`npm install\` to generate public/mnist/)`);
  if (cache) await cache.put(url, res.clone()).catch(() => undefined);
  return { res, fromCache: false };
}

async function readAll(res: Response, onBytes: (n: number) => void): Promise<Uint8Array> {
  if (!res.body) return new Uint8Array(await res.arrayBuffer());
  const reader = res.body.getReader();
  const parts: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    parts.push(value);
    size += value.length;
    onBytes(value.length);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/**
 * The bytes a response's body will yield; 0 if unknown. Content-Length counts the bytes on the wire:
 * they are the body's only when no Content-Encoding was applied. Servers often send a .gz file with
 * `Content-Encoding: gzip`; the browser then decodes it, and the body is the IDX file itself.
 */
export function bodyBytes(res: Response, key: MnistFileKey): number {
  const encoding = res.headers.get('content-encoding');
  if (encoding && encoding !== 'identity') return MNIST_IDX_BYTES[key];
  return Number(res.headers.get('content-length') ?? 0);
}

/** Loads all four files; `onProgress` sees the bytes of the four bodies together. */
export function loadMnist(baseUrl = '/mnist/', onProgress?: (p: LoadProgress) => void): Promise<Mnist> {
  if (memo) return memo;
  memo = (async () => {
    const keys = Object.keys(MNIST_FILES) as MnistFileKey[];
    const responses = await Promise.all(keys.map((k) => cachedResponse(`${baseUrl}${MNIST_FILES[k]}.gz`)));
    const sizes = responses.map((r, i) => bodyBytes(r.res, keys[i]));
    const total = sizes.includes(0) ? 0 : sizes.reduce((a, b) => a + b, 0);
    const fromCache = responses.every((r) => r.fromCache);
    let loaded = 0;
    const bytes = await Promise.all(
      responses.map(async (r) =>
        gunzip(await readAll(r.res, (n) => {
          loaded += n;
          // a body longer than announced makes the total unknown rather than the bar full early
          onProgress?.({ loaded, total: loaded > total ? 0 : total, fromCache });
        })),
      ),
    );
    const file = (k: MnistFileKey) => MNIST_FILES[k];
    const by = Object.fromEntries(keys.map((k, i) => [k, bytes[i]])) as Record<MnistFileKey, Uint8Array>;
    return {
      train: makeDataset(parseIdxImages(by.trainImages, file('trainImages')), parseIdxLabels(by.trainLabels, file('trainLabels')), file('trainImages'), file('trainLabels')),
      test: makeDataset(parseIdxImages(by.testImages, file('testImages')), parseIdxLabels(by.testLabels, file('testLabels')), file('testImages'), file('testLabels')),
    };
  })();
  memo.catch(() => {
    memo = null;
  });
  return memo;
}
