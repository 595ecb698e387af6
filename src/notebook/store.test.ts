import { describe, expect, it } from 'vitest';
import type { Lesson } from './core/lesson';
import type { Store } from './persistence';
import { NotebookStore, type Kv } from './store';

/** The IndexedDB store's contract over Maps; `delay` makes reads and writes interleave as they would. */
function memoryKv(delay = 0): Kv & { data: Record<Store, Map<string, unknown>> } {
  const data: Record<Store, Map<string, unknown>> = { edits: new Map(), progress: new Map(), imported: new Map() };
  const later = <T>(v: () => T) => new Promise<T>((r) => setTimeout(() => r(v()), delay * Math.random()));
  return {
    data,
    get: <T>(s: Store, k: string) => later(() => data[s].get(k) as T | undefined),
    set: (s, k, v) => later(() => { data[s].set(k, structuredClone(v)); }),
    delete: (s, k) => later(() => { data[s].delete(k); }),
    entries: <T>(s: Store, prefix = '') => later(() => [...data[s]].filter(([k]) => k.startsWith(prefix)) as [string, T][]),
  };
}

const code = (index: number) => ({ index, kind: 'code' as const, source: `x${index}`, options: {} });
const LESSONS: Lesson[] = [
  { key: '01', slug: '01-a', lang: 'en', title: 'A', cells: [code(0), { index: 1, kind: 'markdown', source: '#', options: {} }, code(2)] },
  { key: '02', slug: '02-b', lang: 'en', title: 'B', cells: [code(0)] },
];
const knobs = { backend: 'js', batchSize: 32, epochs: 1, learningRate: 0.1, workers: 2, threads: 2, simd: true, mode: 'resident', samples: 60000 } as const;

describe('the notebook store', () => {
  it('counts cells run and edited per lesson', async () => {
    const store = new NotebookStore(memoryKv(), () => LESSONS);
    const h = store.hooks('en', '01');
    h.cellDone(0);
    h.saveCell(2, { source: 'y', knobs });
    await store.settled();
    expect(await store.progress('en')).toEqual({ '01': { done: 1, total: 2, edited: 1 }, '02': { done: 0, total: 1, edited: 0 } });
    h.saveCell(2, null);
    await store.settled();
    expect((await store.progress('en'))['01'].edited).toBe(0);
  });

  it('keeps every cell of a quick "run all": progress writes do not overwrite each other', async () => {
    const kv = memoryKv(5);
    const store = new NotebookStore(kv, () => LESSONS);
    const h = store.hooks('en', '01');
    for (const i of [0, 2, 0, 2]) h.cellDone(i);
    await store.settled();
    expect(kv.data.progress.get('en/01')).toEqual([0, 2]);
  });

  it('tells progress watchers after each write, until they unsubscribe', async () => {
    const store = new NotebookStore(memoryKv(), () => LESSONS);
    const seen: number[] = [];
    const stop = store.watchProgress('en', (p) => seen.push(p['01'].done));
    await store.settled();
    store.hooks('en', '01').cellDone(0);
    await store.settled();
    await new Promise((r) => setTimeout(r, 10));
    stop();
    store.hooks('en', '01').cellDone(2);
    await store.settled();
    await new Promise((r) => setTimeout(r, 10));
    expect(seen).toEqual([0, 1]);
  });

  it('restores saved cells, and an imported notebook\'s knobs for cells not edited since', async () => {
    const store = new NotebookStore(memoryKv(), () => LESSONS);
    const ipynb = JSON.stringify({ nbformat: 4, nbformat_minor: 5, metadata: {}, cells: [
      { cell_type: 'code', source: 'a', metadata: { paralelo: { knobs: { epochs: 3 } } }, outputs: [] },
      { cell_type: 'code', source: 'b', metadata: { paralelo: { knobs: { epochs: 4 } } }, outputs: [] },
    ] });
    const nb = await store.importNotebook('en', ipynb, 'n.ipynb');
    store.hooks('en', 'imported').saveCell(1, { source: 'edited', knobs });
    await store.settled();
    const saved = await store.savedCells('en', nb.lesson, nb);
    expect(saved.get(0)).toEqual({ source: 'a', knobs: { epochs: 3 } });
    expect(saved.get(1)).toEqual({ source: 'edited', knobs });
    expect((await store.lastImported())?.lesson.cells.map((c) => c.source)).toEqual(['a', 'b']);
    // a new import forgets the edits made to the previous one
    await store.importNotebook('en', ipynb, 'n.ipynb');
    expect((await store.savedCells('en', nb.lesson, nb)).get(1)).toEqual({ source: 'b', knobs: { epochs: 4 } });
  });

  it('refuses a broken .ipynb and keeps the previous import', async () => {
    const store = new NotebookStore(memoryKv(), () => LESSONS);
    await expect(store.importNotebook('en', '{', 'x.ipynb')).rejects.toThrow(/not valid JSON/);
    expect(await store.lastImported()).toBeNull();
  });
});
