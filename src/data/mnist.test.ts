import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MNIST_FILES, MNIST_IDX_BYTES, type MnistFileKey } from './files';
import type { LoadProgress } from './mnist';

const gz = (name: string) => readFileSync(new URL(`../../public/mnist/${name}.gz`, import.meta.url));
const CHUNK = 1 << 16;

/** A response streaming `body` in chunks, with the given headers (as a browser hands it to fetch's caller). */
function response(body: Uint8Array, headers: Record<string, string>): Response {
  let at = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(c) {
      if (at >= body.length) return c.close();
      c.enqueue(body.slice(at, at + CHUNK));
      at += CHUNK;
    },
  });
  return new Response(stream, { headers });
}

/** Loads MNIST from a fake server; returns every progress report. */
async function load(serve: (key: MnistFileKey, gzipped: Uint8Array) => Response): Promise<LoadProgress[]> {
  vi.resetModules(); // a fresh module: loadMnist memoises per page
  const { loadMnist } = await import('./mnist');
  const byUrl = new Map(Object.entries(MNIST_FILES).map(([key, name]) => [`/mnist/${name}.gz`, key as MnistFileKey]));
  vi.stubGlobal('fetch', async (url: string) => {
    const key = byUrl.get(url)!;
    return serve(key, gz(MNIST_FILES[key]));
  });
  const seen: LoadProgress[] = [];
  const mnist = await loadMnist('/mnist/', (p) => seen.push(p));
  expect(mnist.train.count).toBe(60000);
  expect(mnist.test.count).toBe(10000);
  return seen;
}

/** The bar is full only at the end, and then it is exactly full. */
function expectHonest(seen: LoadProgress[], bodyTotal: number) {
  const last = seen[seen.length - 1];
  expect(last).toMatchObject({ loaded: bodyTotal, total: bodyTotal });
  for (const p of seen.slice(0, -1)) expect(p.loaded, `${p.loaded} of ${p.total}`).toBeLessThan(p.total);
}

afterEach(() => { vi.unstubAllGlobals(); });

describe('MNIST download progress', () => {
  it('counts a .gz body against its Content-Length when the server sends it as is', async () => {
    const seen = await load((_, g) => response(g, { 'content-length': String(g.length) }));
    const wire = Object.values(MNIST_FILES).reduce((s, name) => s + gz(name).length, 0);
    expectHonest(seen, wire);
  });

  it('counts a body the browser decoded (Content-Encoding: gzip) against the decoded size, not the compressed length', async () => {
    const seen = await load((_, g) => response(gunzipSync(g), { 'content-encoding': 'gzip', 'content-length': String(g.length) }));
    expectHonest(seen, Object.values(MNIST_IDX_BYTES).reduce((a, b) => a + b, 0));
  });

  it('reports an unknown total (indeterminate progress) when a length is missing', async () => {
    const seen = await load((_, g) => response(g, {}));
    expect(seen.every((p) => p.total === 0)).toBe(true);
  });
});
