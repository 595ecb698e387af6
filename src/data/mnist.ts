// Loads real MNIST in the browser (main thread or worker): fetch with byte progress → gunzip via
// DecompressionStream → IDX parse + validate → SHA-256 check. Only a file that passed every check is
// put in the Cache API, so a reload reads it locally; a cached copy is checked the same way when it is
// read, and a bad one is deleted. Any fault is a DataError naming the file and what is wrong with it.
// The run's AbortSignal stops the downloads (StoppedError); nothing partial is cached or memoised.

import { StoppedError } from '../backends/types';
import { sharedDataset, sharedMemoryAllowed, type Dataset, type Mnist } from './dataset';
import { DataError } from './errors';
import { MNIST_COUNTS, MNIST_FILES, MNIST_IDX_BYTES, MNIST_IDX_SHA256, type MnistFileKey } from './files';
import { IdxError, makeDataset, parseIdxImages, parseIdxLabels, type IdxImages } from './idx';

export interface LoadProgress {
  loaded: number; // bytes of the response bodies read so far
  total: number; // bytes the bodies will have; 0 when unknown (show indeterminate progress)
  fromCache: boolean;
}

/** Entries are checked when read, so copies cached by earlier versions need no new name. */
export const MNIST_CACHE_NAME = 'paralelo-mnist-v1';
let memo: Promise<Mnist> | null = null;

const servedName = (key: MnistFileKey) => `${MNIST_FILES[key]}.gz`;

function isGzip(bytes: Uint8Array): boolean {
  return bytes.length > 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/** A web page where a file should be: an HTML content type, or a body that starts with `<`. */
function isHtml(bytes: Uint8Array, contentType: string | null): boolean {
  if (contentType?.includes('html')) return true;
  for (const b of bytes.subarray(0, 64)) {
    if (b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d || b === 0xef || b === 0xbb || b === 0xbf) continue; // spaces, BOM
    return b === 0x3c; // '<'
  }
  return false;
}

async function gunzip(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes as BlobPart]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

async function sha256Hex(bytes: Uint8Array): Promise<string | null> {
  // crypto.subtle exists only in secure contexts (https, localhost); elsewhere the IDX checks still apply
  if (typeof crypto === 'undefined' || !crypto.subtle) return null;
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as BufferSource));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

type Parsed = IdxImages | Uint8Array;

/**
 * Checks one file's bytes as they came (gzip, or already decoded by the browser when the server sent
 * `Content-Encoding: gzip`): a web page, a broken gzip stream, the IDX structure (magic, dimensions,
 * exact length, labels 0..9), the count MNIST has, then the SHA-256 of the IDX bytes.
 */
export async function verifyMnistFile(key: MnistFileKey, raw: Uint8Array, contentType: string | null, fromCache = false): Promise<Parsed> {
  const file = servedName(key);
  const fault = (code: DataError['fault'], params: DataError['params'] = {}) => new DataError(file, code, params, fromCache);
  if (!isGzip(raw) && isHtml(raw, contentType)) throw fault('html');
  let idx = raw;
  if (isGzip(raw)) {
    try {
      idx = await gunzip(raw);
    } catch {
      throw fault('gzip'); // DecompressionStream says only "Failed to fetch" or similar: name the file and the fault
    }
  }
  let parsed: Parsed;
  try {
    parsed = key === 'trainImages' || key === 'testImages' ? parseIdxImages(idx, file) : parseIdxLabels(idx, file);
  } catch (e) {
    if (e instanceof IdxError) throw fault(e.code, e.params);
    throw e;
  }
  const count = parsed instanceof Uint8Array ? parsed.length : parsed.count;
  if (count !== MNIST_COUNTS[key]) throw fault('count', { count, expected: MNIST_COUNTS[key] });
  const got = await sha256Hex(idx);
  const expected = MNIST_IDX_SHA256[key];
  if (got !== null && got !== expected) throw fault('digest', { got: got.slice(0, 12), expected: expected.slice(0, 12) });
  return parsed;
}

async function openCache(): Promise<Cache | null> {
  if (typeof caches === 'undefined') return null;
  return caches.open(MNIST_CACHE_NAME).catch(() => null);
}

/** The file's response: the cached copy if there is one, else the server's (headers only, body unread). */
async function open(cache: Cache | null, url: string, key: MnistFileKey, signal: AbortSignal): Promise<{ res: Response; fromCache: boolean }> {
  const hit = cache ? await cache.match(url).catch(() => undefined) : undefined;
  if (hit) return { res: hit, fromCache: true };
  let res: Response;
  try {
    res = await fetch(url, { signal });
  } catch {
    if (signal.aborted) throw new StoppedError();
    throw new DataError(servedName(key), 'unreachable', {}, false);
  }
  if (!res.ok) {
    void res.body?.cancel().catch(() => undefined);
    throw new DataError(servedName(key), 'http', { status: `${res.status} ${res.statusText}`.trim() }, false);
  }
  return { res, fromCache: false };
}

/** Reads a body chunk by chunk, reporting each; a stop cancels it, a broken connection is a DataError. */
async function readAll(res: Response, key: MnistFileKey, fromCache: boolean, signal: AbortSignal, onBytes: (n: number) => void): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  let size = 0;
  if (!res.body) {
    parts.push(new Uint8Array(await res.arrayBuffer()));
    size = parts[0].length;
    onBytes(size);
  } else {
    const reader = res.body.getReader();
    const cancel = () => void reader.cancel().catch(() => undefined);
    signal.addEventListener('abort', cancel);
    try {
      for (;;) {
        if (signal.aborted) throw new StoppedError();
        let chunk: ReadableStreamReadResult<Uint8Array>;
        try {
          chunk = await reader.read();
        } catch {
          if (signal.aborted) throw new StoppedError();
          throw new DataError(servedName(key), 'network', { bytes: size }, fromCache);
        }
        if (chunk.done) break;
        parts.push(chunk.value);
        size += chunk.value.length;
        onBytes(chunk.value.length);
      }
      if (signal.aborted) throw new StoppedError();
    } finally {
      signal.removeEventListener('abort', cancel);
    }
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

async function load(baseUrl: string, onProgress: ((p: LoadProgress) => void) | undefined, signal: AbortSignal | undefined): Promise<Mnist> {
  if (signal?.aborted) throw new StoppedError();
  // one controller for the four downloads: a stop, or one file's fault, ends them all
  const ctrl = new AbortController();
  const onStop = () => ctrl.abort();
  signal?.addEventListener('abort', onStop);
  const fail = (e: unknown): never => {
    ctrl.abort();
    throw signal?.aborted && !(e instanceof DataError) ? new StoppedError() : e;
  };
  try {
    const cache = await openCache();
    const keys = Object.keys(MNIST_FILES) as MnistFileKey[];
    const url = (k: MnistFileKey) => `${baseUrl}${servedName(k)}`;
    const opened = await Promise.all(keys.map((k) => open(cache, url(k), k, ctrl.signal).catch(fail)));
    const sizes = opened.map((o, i) => bodyBytes(o.res, keys[i]));
    const total = sizes.includes(0) ? 0 : sizes.reduce((a, b) => a + b, 0);
    const fromCache = opened.every((o) => o.fromCache);
    let loaded = 0;
    const onBytes = (n: number) => {
      loaded += n;
      // a body longer than announced makes the total unknown rather than the bar full early
      onProgress?.({ loaded, total: loaded > total ? 0 : total, fromCache });
    };
    const parsed = await Promise.all(opened.map(async ({ res, fromCache: cached }, i) => {
      const key = keys[i];
      try {
        const raw = await readAll(res, key, cached, ctrl.signal, onBytes);
        const p = await verifyMnistFile(key, raw, res.headers.get('content-type'), cached);
        if (!cached && cache) {
          const headers = { 'content-type': 'application/octet-stream', 'content-length': String(raw.length) };
          await cache.put(url(key), new Response(raw as BlobPart, { headers })).catch(() => undefined); // full disk: just not cached
        }
        return p;
      } catch (e) {
        if (cached && e instanceof DataError) await cache?.delete(url(key)).catch(() => undefined);
        throw e;
      }
    }).map((p) => p.catch(fail)));
    const by = Object.fromEntries(keys.map((k, i) => [k, parsed[i]])) as { trainImages: IdxImages; trainLabels: Uint8Array; testImages: IdxImages; testLabels: Uint8Array };
    const pair = (images: IdxImages, labels: Uint8Array, ki: MnistFileKey, kl: MnistFileKey) => {
      try {
        return makeDataset(images, labels, servedName(ki), servedName(kl));
      } catch (e) {
        if (e instanceof IdxError) throw new DataError(e.file, e.code, e.params, false);
        throw e;
      }
    };
    // Isolated: each set in one SharedArrayBuffer, so the page's backends, the workers pool and the
    // wasm worker all read the one copy this page holds (the decoded files become garbage).
    const hold = (d: Dataset) => (sharedMemoryAllowed() ? sharedDataset(d) : d);
    return {
      train: hold(pair(by.trainImages, by.trainLabels, 'trainImages', 'trainLabels')),
      test: hold(pair(by.testImages, by.testLabels, 'testImages', 'testLabels')),
    };
  } finally {
    signal?.removeEventListener('abort', onStop);
  }
}

/**
 * Loads all four files once per page; `onProgress` sees the bytes of the four bodies together, from the
 * first. `signal` stops the downloads (the promise rejects with StoppedError and nothing is kept).
 */
export function loadMnist(baseUrl = '/mnist/', onProgress?: (p: LoadProgress) => void, signal?: AbortSignal): Promise<Mnist> {
  if (memo) return memo;
  const p = load(baseUrl, onProgress, signal);
  memo = p;
  p.catch(() => {
    if (memo === p) memo = null;
  });
  return p;
}
