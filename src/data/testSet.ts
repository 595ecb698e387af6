// The MNIST test set on the page (issue 14 §2, §3): the confusion matrix and the prediction lists
// draw their digits from here, so their outputs carry test indices, never images. Only the two test
// files are read (not the 47 MB training set): the Cache Storage copy the kernel filled when it can,
// else the server's; each file is checked exactly as the kernel checks it (verifyMnistFile).
import type { Dataset } from './dataset';
import { MNIST_FILES, type MnistFileKey } from './files';
import { makeDataset, type IdxImages } from './idx';
import { MNIST_CACHE_NAME, verifyMnistFile } from './mnist';

let memo: Promise<Dataset> | null = null;

async function file(key: MnistFileKey, baseUrl: string): Promise<IdxImages | Uint8Array> {
  const url = `${baseUrl}${MNIST_FILES[key]}.gz`;
  const cache = typeof caches === 'undefined' ? null : await caches.open(MNIST_CACHE_NAME).catch(() => null);
  const hit = cache ? await cache.match(url).catch(() => undefined) : undefined;
  const res = hit ?? await fetch(url);
  if (!res.ok) throw new Error(`${MNIST_FILES[key]}.gz: HTTP ${res.status}`);
  const raw = new Uint8Array(await res.arrayBuffer());
  const parsed = await verifyMnistFile(key, raw, res.headers.get('content-type'), !!hit);
  if (!hit && cache) await cache.put(url, new Response(raw as BlobPart, { headers: { 'content-type': 'application/octet-stream' } })).catch(() => undefined);
  return parsed;
}

/** The test set (10,000 images and labels), loaded once per page; a failure is forgotten so a later call tries again. */
export function loadTestSet(baseUrl = '/mnist/'): Promise<Dataset> {
  if (memo) return memo;
  const p = Promise.all([file('testImages', baseUrl), file('testLabels', baseUrl)])
    .then(([images, labels]) => makeDataset(images as IdxImages, labels as Uint8Array, 't10k-images', 't10k-labels'));
  memo = p;
  p.catch(() => { if (memo === p) memo = null; });
  return p;
}
