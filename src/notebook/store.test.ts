import { afterEach, describe, expect, it } from 'vitest';
import type { Lesson } from './core/lesson';
import type { Output } from './kernel/protocol';
import type { Store } from './persistence';
import { MAX_SAVED_BYTES } from './savedOutputs';
import { NotebookStore, type Channel, type JournalStorage, type Kv, type StoreEvent } from './store';

/** The IndexedDB store's contract over Maps; `delay` makes reads and writes interleave as they would. */
function memoryKv(delay = 0): Kv & { data: Record<Store, Map<string, unknown>> } {
  const data: Record<Store, Map<string, unknown>> = { edits: new Map(), progress: new Map(), imported: new Map(), outputs: new Map() };
  const later = <T>(v: () => T) => new Promise<T>((r) => setTimeout(() => r(v()), delay * Math.random()));
  return {
    data,
    get: <T>(s: Store, k: string) => later(() => data[s].get(k) as T | undefined),
    set: (s, k, v) => later(() => { data[s].set(k, structuredClone(v)); }),
    delete: (s, k) => later(() => { data[s].delete(k); }),
    entries: <T>(s: Store, prefix = '') => later(() => [...data[s]].filter(([k]) => k.startsWith(prefix)) as [string, T][]),
    swap: <T>(s: Store, k: string, fn: (old: T | undefined) => T | null | undefined) => later(() => {
      const next = fn(data[s].get(k) as T | undefined);
      if (next === undefined) return false;
      if (next === null) data[s].delete(k);
      else data[s].set(k, structuredClone(next));
      return true;
    }),
  };
}

const code = (index: number) => ({ index, kind: 'code' as const, source: `x${index}`, options: {} });
const LESSONS: Lesson[] = [
  { key: '01', slug: '01-a', lang: 'en', title: 'A', cells: [code(0), { index: 1, kind: 'markdown', source: '#', options: {} }, code(2)] },
  { key: '02', slug: '02-b', lang: 'en', title: 'B', cells: [code(0)] },
];
const knobs = { backend: 'js', batchSize: 32, epochs: 1, learningRate: 0.1, workers: 2, threads: 2, simd: true, mode: 'resident', samples: 60000, repeats: 1 } as const;

describe('the notebook store', () => {
  // issue 12: "cells run" is the kernel's state (in memory), no longer a stored list that outlived
  // the kernel (the sidebar said "1/2 cells run" after a reload, with nothing in memory)
  it('counts cells run in the kernel now running, and cells edited, per lesson; a restart counts again from 0', async () => {
    const kv = memoryKv();
    kv.data.progress.set('en/01', [0, 2]); // what an older version stored: not a count of this kernel
    const store = new NotebookStore(kv, () => LESSONS);
    const h = store.hooks('en', '01');
    expect((await store.progress('en'))['01'].done).toBe(0);
    h.runs!.set(0, { count: 1, generation: 0, result: 'ok' });
    h.runs!.set(2, { count: 2, generation: 0, result: 'error' });
    h.saveCell(2, { source: 'y', knobs });
    await store.settled();
    expect(await store.progress('en')).toEqual({ '01': { done: 1, total: 2, edited: 1 }, '02': { done: 0, total: 1, edited: 0 } });
    store.runs.restarted(1);
    expect((await store.progress('en'))['01'].done).toBe(0);
    h.saveCell(2, null);
    await store.settled();
    expect((await store.progress('en'))['01'].edited).toBe(0);
  });

  it('tells progress watchers after each run and restart, until they unsubscribe', async () => {
    const store = new NotebookStore(memoryKv(), () => LESSONS);
    const seen: number[] = [];
    const stop = store.watchProgress('en', (p) => seen.push(p['01'].done));
    const wait = () => new Promise((r) => setTimeout(r, 10));
    await wait();
    store.hooks('en', '01').runs!.set(0, { count: 1, generation: 0, result: 'ok' });
    await wait();
    store.runs.restarted(1);
    await wait();
    stop();
    store.hooks('en', '01').runs!.set(2, { count: 2, generation: 1, result: 'ok' });
    await wait();
    expect(seen).toEqual([0, 1, 0]);
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

/** A Kv whose writes fail while `failing` is set (a full disk, private mode), with the given error. */
function failingKv(error: Error): Kv & { data: Record<Store, Map<string, unknown>>; failing: boolean } {
  const m = memoryKv();
  const out = {
    ...m,
    failing: true,
    set: (s: Store, k: string, v: unknown) => (out.failing ? Promise.reject(error) : m.set(s, k, v)),
    swap: <T>(s: Store, k: string, fn: (old: T | undefined) => T | null | undefined) => (out.failing ? Promise.reject(error) : m.swap(s, k, fn)),
  };
  return out;
}

/** localStorage over a Map. */
function memoryJournal(): JournalStorage & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return {
    map,
    get length() { return map.size; },
    key: (i) => [...map.keys()][i] ?? null,
    getItem: (k) => map.get(k) ?? null,
    setItem: (k, v) => { map.set(k, String(v)); },
    removeItem: (k) => { map.delete(k); },
  };
}

/** Two ends of one channel between tabs (delivered later, in order, as BroadcastChannel does). */
function channelPair(): [Channel, Channel] {
  const make = (): Channel & { other?: Channel } => ({
    onmessage: null,
    postMessage(m: unknown) { const o = this.other; setTimeout(() => o?.onmessage?.({ data: structuredClone(m) } as MessageEvent), 1); },
    close() { /* nothing */ },
  });
  const a = make();
  const b = make();
  a.other = b;
  b.other = a;
  return [a, b];
}

const tick = (ms = 20) => new Promise((r) => setTimeout(r, ms));
const quota = () => Object.assign(new Error('the quota has been exceeded'), { name: 'QuotaExceededError' });

describe('the notebook store under faults (issue 11)', () => {
  afterEach(() => undefined);

  it('reports a failed save with its reason, keeps the edit, and saves it when storage works again', async () => {
    const kv = failingKv(quota());
    const store = new NotebookStore(kv, () => LESSONS);
    const events: StoreEvent[] = [];
    store.watch((e) => events.push(e));
    store.hooks('en', '01').saveCell(2, { source: 'mine', knobs });
    await store.settled();
    const status = events.filter((e) => e.type === 'status').at(-1);
    expect(status).toMatchObject({ type: 'status', error: 'QuotaExceededError: the quota has been exceeded', what: 'edits' });
    expect(store.unsaved().get('en/01/2')).toMatch(/QuotaExceededError/);
    // the tab still holds the edit: a lesson loaded again shows it
    expect((await store.savedCells('en', LESSONS[0])).get(2)?.source).toBe('mine');
    kv.failing = false;
    await tick(1200); // the retry
    await store.settled();
    expect(store.unsaved().size).toBe(0);
    expect(events.filter((e) => e.type === 'status').at(-1)).toMatchObject({ error: null });
    expect(kv.data.edits.get('en/01/2')).toMatchObject({ source: 'mine' });
  });

  it('a reload before the database commits keeps the last edit (the journal), and the newer of journal and database wins', async () => {
    const kv = memoryKv();
    const journal = memoryJournal();
    const never: Kv = { ...kv, swap: () => new Promise<boolean>(() => undefined) }; // the page goes away first
    const before = new NotebookStore(never, () => LESSONS, { journal, tab: 'A' });
    await before.savedCells('en', LESSONS[0]);
    before.hooks('en', '01').saveCell(0, { source: 'typed just before the reload', knobs });
    const after = new NotebookStore(kv, () => LESSONS, { journal, tab: 'B' });
    expect((await after.savedCells('en', LESSONS[0])).get(0)?.source).toBe('typed just before the reload');
    await after.settled();
    expect(kv.data.edits.get('en/01/0')).toMatchObject({ source: 'typed just before the reload' });
    expect(journal.map.size).toBe(0); // replayed into the database, then cleared
    // a journal entry older than what the database holds is dropped
    journal.setItem('paralelo.journal.en/01/0', JSON.stringify({ saved: { source: 'stale', knobs }, at: 1, tab: 'Z' }));
    const third = new NotebookStore(kv, () => LESSONS, { journal });
    expect((await third.savedCells('en', LESSONS[0])).get(0)?.source).toBe('typed just before the reload');
    expect(journal.map.size).toBe(0);
  });

  it('two tabs: a cell edited in one shows up in the other, which says so', async () => {
    const kv = memoryKv();
    const [ca, cb] = channelPair();
    const a = new NotebookStore(kv, () => LESSONS, { channel: ca, tab: 'A' });
    const b = new NotebookStore(kv, () => LESSONS, { channel: cb, tab: 'B' });
    await a.savedCells('en', LESSONS[0]);
    await b.savedCells('en', LESSONS[0]);
    const seen: StoreEvent[] = [];
    b.watch((e) => seen.push(e));
    a.hooks('en', '01').saveCell(0, { source: 'from A', knobs });
    await a.settled();
    await tick();
    expect(seen).toContainEqual({ type: 'remote', key: 'en/01/0', lang: 'en', lesson: '01', index: 0, saved: { source: 'from A', knobs: expect.any(Object) as object } });
    // B edits on top of A's version: A takes it without a conflict
    const seenA: StoreEvent[] = [];
    a.watch((e) => seenA.push(e));
    b.hooks('en', '01').saveCell(0, { source: 'from A, then B', knobs });
    await b.settled();
    await tick();
    expect(seenA.map((e) => e.type)).toEqual(['remote']);
    expect(kv.data.edits.get('en/01/0')).toMatchObject({ source: 'from A, then B' });
  });

  it('two tabs editing one cell at once: storage keeps the last edit, the other tab keeps its text and is told, and can keep its own', async () => {
    const kv = memoryKv();
    const [ca, cb] = channelPair();
    const a = new NotebookStore(kv, () => LESSONS, { channel: ca, tab: 'A' });
    const b = new NotebookStore(kv, () => LESSONS, { channel: cb, tab: 'B' });
    await a.savedCells('en', LESSONS[0]);
    await b.savedCells('en', LESSONS[0]);
    const seenA: StoreEvent[] = [];
    const seenB: StoreEvent[] = [];
    a.watch((e) => seenA.push(e));
    b.watch((e) => seenB.push(e));
    a.hooks('en', '01').saveCell(0, { source: 'A typed', knobs });
    b.hooks('en', '01').saveCell(0, { source: 'B typed', knobs }); // later (or same ms, and 'B' > 'A')
    await Promise.all([a.settled(), b.settled()]);
    await tick();
    expect(kv.data.edits.get('en/01/0')).toMatchObject({ source: 'B typed' });
    expect(seenA).toContainEqual({ type: 'conflict', key: 'en/01/0', lang: 'en', lesson: '01', index: 0, theirs: { source: 'B typed', knobs: expect.any(Object) as object } });
    expect(seenB.filter((e) => e.type === 'remote' || e.type === 'conflict')).toEqual([]);
    // A keeps its own: it is saved again, as the last edit
    a.keepMine('en/01/0', { source: 'A typed', knobs });
    await a.settled();
    await tick();
    expect(seenA).toContainEqual({ type: 'resolved', key: 'en/01/0' });
    expect(kv.data.edits.get('en/01/0')).toMatchObject({ source: 'A typed' });
    expect(seenB.map((e) => e.type)).toContain('conflict');
  });

  it('ignores stored edits without the expected shape, with a notice, and keeps only valid knobs', async () => {
    const kv = memoryKv();
    kv.data.edits.set('en/01/0', 'not an edit');
    kv.data.edits.set('en/01/2', { source: 5, knobs: {} });
    kv.data.edits.set('en/02/0', { source: 'ok', knobs: { epochs: 2, backend: 'evil', batchSize: -1 } });
    kv.data.progress.set('en/01', 'not a list');
    const store = new NotebookStore(kv, () => LESSONS);
    const seen: StoreEvent[] = [];
    store.watch((e) => seen.push(e));
    expect((await store.savedCells('en', LESSONS[0])).size).toBe(0);
    expect(seen).toContainEqual({ type: 'ignored', keys: ['en/01/0', 'en/01/2'] });
    expect((await store.savedCells('en', LESSONS[1])).get(0)).toEqual({ source: 'ok', knobs: { epochs: 2 } });
    expect(await store.progress('en')).toEqual({ '01': { done: 0, total: 2, edited: 0 }, '02': { done: 0, total: 1, edited: 1 } });
  });

  it('quarantines a stored notebook that no longer parses, with its raw text, and deletes it on request', async () => {
    const kv = memoryKv();
    kv.data.imported.set('last', { text: '{"nbformat": 3}', name: 'old.ipynb' });
    kv.data.edits.set('es/imported/0', { source: 'x', knobs: {} });
    const store = new NotebookStore(kv, () => LESSONS);
    const r = await store.loadImported();
    expect(r.notebook).toBeNull();
    expect(r.quarantined).toEqual({ name: 'old.ipynb', text: '{"nbformat": 3}', error: expect.stringMatching(/nbformat 4/) as string });
    await expect(store.lastImported()).rejects.toThrow();
    await store.deleteImported();
    expect(await store.loadImported()).toEqual({ notebook: null, quarantined: null });
    expect(kv.data.edits.size).toBe(0);
    // a record that is not even {text, name}
    kv.data.imported.set('last', 42);
    expect((await store.loadImported()).quarantined).toMatchObject({ name: 'notebook.ipynb', text: '42' });
  });

  it('counts the edits an import would discard, in either language', async () => {
    const kv = memoryKv();
    kv.data.edits.set('es/imported/0', { source: 'x', knobs: {} });
    kv.data.edits.set('en/imported/1', { source: 'y', knobs: {} });
    kv.data.edits.set('en/01/1', { source: 'z', knobs: {} });
    expect(await new NotebookStore(kv, () => LESSONS).importedEdits()).toBe(2);
  });

  it('after the database was deleted under it, writes again every edit it holds', async () => {
    const kv = memoryKv();
    const store = new NotebookStore(kv, () => LESSONS);
    await store.savedCells('en', LESSONS[0]);
    store.hooks('en', '01').saveCell(0, { source: 'keep me', knobs });
    store.hooks('en', '01').saveCell(2, { source: 'and me', knobs });
    await store.settled();
    for (const m of Object.values(kv.data)) m.clear(); // indexedDB.deleteDatabase('paralelo')
    const seen: StoreEvent[] = [];
    store.watch((e) => seen.push(e));
    store.reset(false);
    await store.settled();
    expect(kv.data.edits.get('en/01/0')).toMatchObject({ source: 'keep me' });
    expect(kv.data.edits.get('en/01/2')).toMatchObject({ source: 'and me' });
    expect(seen).toContainEqual({ type: 'restored', complete: false });
  });
});

const text = (id: string, t = id): Output => ({ id, kind: 'text', text: t });

describe('outputs saved with the notebook (issue 12)', () => {
  it('saves a finished cell\'s outputs and count, shows them after a reload, replaces them at the next run and forgets them when cleared', async () => {
    const kv = memoryKv();
    const writer = new NotebookStore(kv, () => LESSONS);
    const h = writer.hooks('en', '01');
    const table: Output = { id: 't', kind: 'table', columns: ['x'], rows: [[1]] };
    h.saveOutputs!(0, { outputs: [text('a'), table], count: 3 });
    await writer.settled();
    const reader = new NotebookStore(kv, () => LESSONS); // the page loaded again
    expect((await reader.savedOutputs('en', LESSONS[0])).get(0)).toEqual({ outputs: [text('a'), table], count: 3 });
    h.saveOutputs!(0, { outputs: [text('b')], count: 4 });
    await writer.settled();
    expect((await reader.savedOutputs('en', LESSONS[0])).get(0)).toEqual({ outputs: [text('b')], count: 4 });
    h.saveOutputs!(0, null);
    await writer.settled();
    expect((await reader.savedOutputs('en', LESSONS[0])).size).toBe(0);
    expect((await reader.savedOutputs('es', LESSONS[0])).size).toBe(0); // per language, like edits
  });

  it('keeps at most the budget per cell: what does not fit is dropped and, after a reload, said in the student\'s language', async () => {
    const kv = memoryKv();
    const store = new NotebookStore(kv, () => LESSONS);
    const big = 'x'.repeat(MAX_SAVED_BYTES);
    store.hooks('es', '01').saveOutputs!(0, { outputs: [text('first'), text('big', big), text('big2', big), text('last')], count: 1 });
    await store.settled();
    const rec = kv.data.outputs.get('es/01/0') as { outputs: Output[]; dropped: number };
    expect(rec.outputs.map((o) => o.id)).toEqual(['first', 'last']);
    expect(rec.dropped).toBe(2);
    const shown = (await store.savedOutputs('es', LESSONS[0])).get(0)!;
    expect(shown.outputs.map((o) => o.id)).toEqual(['first', 'last', 'not-saved']);
    expect(shown.outputs[2]).toMatchObject({ kind: 'text', text: 'No se guardaron 2 salidas de esta celda: se guardan como mucho 256 kB por celda.' });
  });

  it('a damaged record or output shows as an error output that says so; a record for no code cell is left unread', async () => {
    const kv = memoryKv();
    kv.data.outputs.set('en/01/0', { outputs: [{ id: 'a', kind: 'table', columns: 5, rows: [] }, text('ok')], count: 'x' });
    kv.data.outputs.set('en/01/1', { outputs: [text('markdown?')], count: 1 }); // cell 1 is markdown
    kv.data.outputs.set('en/01/2', 'garbage');
    const out = await new NotebookStore(kv, () => LESSONS).savedOutputs('en', LESSONS[0]);
    expect([...out.keys()]).toEqual([0, 2]);
    expect(out.get(0)).toMatchObject({ count: null, outputs: [{ kind: 'error', name: 'InvalidOutput' }, text('ok')] });
    expect(out.get(2)!.outputs).toEqual([expect.objectContaining({ kind: 'error', message: expect.stringMatching(/refused/) as string })]);
  });

  it('a failed save is reported and tried again, and is not marked as an unsaved edit', async () => {
    const kv = failingKv(quota());
    const store = new NotebookStore(kv, () => LESSONS);
    const events: StoreEvent[] = [];
    store.watch((e) => events.push(e));
    store.hooks('en', '01').saveOutputs!(0, { outputs: [text('a')], count: 1 });
    await store.settled();
    // said as "results not saved", not as lost edits
    expect(events.filter((e) => e.type === 'status').at(-1)).toMatchObject({ error: expect.stringMatching(/QuotaExceededError/) as string, what: 'outputs' });
    expect(store.unsaved().size).toBe(0);
    kv.failing = false;
    await tick(1200);
    await store.settled();
    expect(kv.data.outputs.get('en/01/0')).toMatchObject({ outputs: [text('a')], count: 1 });
    expect(events.filter((e) => e.type === 'status').at(-1)).toMatchObject({ error: null });
  });

  it('a new import forgets the outputs saved for the notebook imported before', async () => {
    const kv = memoryKv();
    const store = new NotebookStore(kv, () => LESSONS);
    const ipynb = JSON.stringify({ nbformat: 4, nbformat_minor: 5, metadata: {}, cells: [{ cell_type: 'code', source: 'a', metadata: {}, outputs: [] }] });
    const nb = await store.importNotebook('en', ipynb, 'n.ipynb');
    store.hooks('en', 'imported').saveOutputs!(0, { outputs: [text('ran')], count: 1 });
    await store.settled();
    expect((await store.savedOutputs('en', nb.lesson)).get(0)?.outputs).toEqual([text('ran')]);
    await store.importNotebook('en', ipynb, 'n.ipynb');
    expect((await store.savedOutputs('en', nb.lesson)).size).toBe(0);
  });
});
