// The page's model store (issue 14 §5): IndexedDB database 'paralelo-models', its own, apart from the
// notebook's. `saved` holds named models; `latest` holds the model of the latest finished train(), so
// the Digits page has a model after a reload. The kernel cannot open IndexedDB (guard.ts): cell code
// reaches this store only through the page's request channel (kernelClient.ts → modelRequests.ts).
// Failures are ModelStoreErrors (a code and its numbers, words made at display); nothing is deleted
// unless asked, a rename is one transaction (the old name goes only if the new one was written).
import { t, type Lang, type MessageKey } from '../i18n';
import { modelProblem, type ModelMeta, type TrainedModel } from './model';
import type { MlpSpec } from '../mlp/spec';

const DB = 'paralelo-models';
const VERSION = 1;
const SAVED = 'saved';
const LATEST = 'latest';
export const MAX_NAME = 60;

export interface SavedModelInfo {
  name: string;
  spec: MlpSpec;
  meta: ModelMeta;
  /** parameters (float32 each: bytes = 4 × count) */
  count: number;
  /** ms since 1970 when it was saved */
  savedAt: number;
}

interface Record_ extends SavedModelInfo { params: Float32Array }

export type ModelStoreErrorCode = 'exists' | 'missing' | 'badName' | 'quota' | 'unavailable' | 'failed';

export class ModelStoreError extends Error {
  constructor(readonly code: ModelStoreErrorCode, readonly params: Record<string, string | number> = {}) {
    super(`model store: ${code} ${JSON.stringify(params)}`);
    this.name = 'ModelStoreError';
  }
}

/** Words for any error the store (or the file reader) throws, in `lang`. */
export function modelStoreErrorText(lang: Lang, e: unknown): string {
  if (e instanceof ModelStoreError) {
    if (e.code === 'missing' && !e.params.names) return t(lang, 'modelStore_missingNone', e.params);
    return t(lang, `modelStore_${e.code}` as MessageKey, e.params);
  }
  return t(lang, 'modelStore_failed', { message: e instanceof Error ? e.message : String(e) });
}

/** The name as it will be stored (trimmed), or a 'badName' error. */
export function checkName(raw: unknown): string {
  const name = typeof raw === 'string' ? raw.trim() : '';
  // eslint-disable-next-line no-control-regex
  if (!name || name.length > MAX_NAME || /[\u0000-\u001f\u007f]/.test(name)) throw new ModelStoreError('badName', { name: String(raw).slice(0, 80), max: MAX_NAME });
  return name;
}

let dbp: Promise<IDBDatabase> | null = null;
const listeners = new Set<() => void>();

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    let req: IDBOpenDBRequest;
    try {
      req = indexedDB.open(DB, VERSION);
    } catch (e) {
      reject(new ModelStoreError('unavailable', { message: (e as Error)?.message ?? String(e) }));
      return;
    }
    req.onupgradeneeded = () => {
      for (const s of [SAVED, LATEST]) if (!req.result.objectStoreNames.contains(s)) req.result.createObjectStore(s);
    };
    req.onsuccess = () => {
      const d = req.result;
      // someone deletes or upgrades the database: let them, and open it again at the next call
      d.onversionchange = () => { d.close(); dbp = null; };
      resolve(d);
    };
    req.onerror = () => reject(new ModelStoreError('unavailable', { message: req.error?.message ?? 'IndexedDB' }));
    req.onblocked = () => undefined;
  });
}

function db(): Promise<IDBDatabase> {
  if (!dbp) {
    const p = open();
    dbp = p;
    p.catch(() => { if (dbp === p) dbp = null; }); // retried at the next call
  }
  return dbp;
}

function failure(e: DOMException | Error | null): ModelStoreError {
  if (e?.name === 'QuotaExceededError') return new ModelStoreError('quota', { message: e.message });
  return new ModelStoreError('failed', { message: e ? `${e.name}: ${e.message}` : 'IndexedDB' });
}

/** Runs `fn` in one transaction over `stores`; resolves with what it returned once the transaction committed. */
async function tx<T>(stores: string[], mode: IDBTransactionMode, fn: (t: IDBTransaction, fail: (e: ModelStoreError) => void) => T | (() => T)): Promise<T> {
  const d = await db();
  return new Promise<T>((resolve, reject) => {
    let t: IDBTransaction;
    try {
      t = d.transaction(stores, mode);
    } catch (e) {
      dbp = null;
      reject(failure(e as Error));
      return;
    }
    let own: ModelStoreError | null = null;
    const fail = (e: ModelStoreError) => { own = e; try { t.abort(); } catch { /* already over */ } };
    const out = fn(t, fail);
    t.oncomplete = () => resolve(typeof out === 'function' ? (out as () => T)() : out);
    t.onabort = () => reject(own ?? failure(t.error));
  });
}

const info = (r: Record_): SavedModelInfo => ({ name: r.name, spec: r.spec, meta: r.meta, count: r.count, savedAt: r.savedAt });
const toModel = (r: Record_): TrainedModel => ({ spec: r.spec, params: r.params, meta: r.meta });
const changed = () => { for (const l of listeners) l(); };

/** Calls `fn` after every change to the saved models (from this page: the panel or a cell). */
export function onModelsChange(fn: () => void): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

/** Saves `model` as `name`; an existing model of that name is an 'exists' error unless `overwrite`. */
export async function saveModel(rawName: string, model: TrainedModel, overwrite = false): Promise<SavedModelInfo> {
  const name = checkName(rawName);
  const problem = modelProblem(model);
  if (problem) throw new ModelStoreError('failed', { message: problem });
  const rec: Record_ = { name, spec: { ...model.spec }, params: model.params.slice(), meta: { ...model.meta }, count: model.params.length, savedAt: Date.now() };
  await tx([SAVED], 'readwrite', (t, fail) => {
    const s = t.objectStore(SAVED);
    const old = s.getKey(name);
    old.onsuccess = () => {
      if (old.result !== undefined && !overwrite) fail(new ModelStoreError('exists', { name }));
      else s.put(rec, name);
    };
  });
  changed();
  return info(rec);
}

/** Every saved model's name and facts, newest first (without its parameters). */
export async function listModels(): Promise<SavedModelInfo[]> {
  const all = await tx([SAVED], 'readonly', (t) => {
    const r = t.objectStore(SAVED).getAll();
    return () => (r.result as Record_[]);
  });
  return all.filter((r) => modelProblem(toModel(r)) === null).map(info).sort((a, b) => b.savedAt - a.savedAt || a.name.localeCompare(b.name));
}

export async function loadModel(rawName: string): Promise<TrainedModel> {
  const name = typeof rawName === 'string' ? rawName.trim() : '';
  const rec = await tx([SAVED], 'readonly', (t) => {
    const r = t.objectStore(SAVED).get(name);
    return () => r.result as Record_ | undefined;
  });
  if (!rec || modelProblem(toModel(rec)) !== null) {
    const names = (await listModels()).map((m) => `"${m.name}"`).join(', ');
    throw new ModelStoreError('missing', { name: String(rawName), ...(names ? { names } : {}) });
  }
  return toModel(rec);
}

/** Deletes `name`; false if there was none. */
export async function deleteModel(rawName: string): Promise<boolean> {
  const name = typeof rawName === 'string' ? rawName.trim() : '';
  const had = await tx([SAVED], 'readwrite', (t) => {
    const s = t.objectStore(SAVED);
    const k = s.getKey(name);
    k.onsuccess = () => { if (k.result !== undefined) s.delete(name); };
    return () => k.result !== undefined;
  });
  if (had) changed();
  return had;
}

/** Renames `from` to `to` in one transaction: refused if `to` exists, nothing changes on a failure. */
export async function renameModel(from: string, rawTo: string): Promise<SavedModelInfo> {
  const to = checkName(rawTo);
  let moved: Record_ | null = null;
  await tx([SAVED], 'readwrite', (t, fail) => {
    const s = t.objectStore(SAVED);
    const old = s.get(from);
    old.onsuccess = () => {
      const rec = old.result as Record_ | undefined;
      if (!rec) return fail(new ModelStoreError('missing', { name: from }));
      if (to === from) { moved = rec; return; }
      const clash = s.getKey(to);
      clash.onsuccess = () => {
        if (clash.result !== undefined) return fail(new ModelStoreError('exists', { name: to }));
        moved = { ...rec, name: to };
        s.put(moved, to);
        s.delete(from);
      };
    };
  });
  changed();
  return info(moved!);
}

/** Keeps `model` as the latest trained one (across reloads). */
export async function saveLatest(model: TrainedModel): Promise<void> {
  if (modelProblem(model)) return;
  await tx([LATEST], 'readwrite', (t) => { t.objectStore(LATEST).put({ spec: model.spec, params: model.params, meta: model.meta }, 'latest'); });
}

/** The latest trained model kept by saveLatest, or null. */
export async function loadLatest(): Promise<TrainedModel | null> {
  const m = await tx([LATEST], 'readonly', (t) => {
    const r = t.objectStore(LATEST).get('latest');
    return () => r.result as TrainedModel | undefined;
  });
  return m && modelProblem(m) === null ? m : null;
}
