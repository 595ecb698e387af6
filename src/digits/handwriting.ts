// The class's own handwriting (issue 14 §1 "add to a test set"): labelled 28×28 drawings kept by the
// page in IndexedDB (its own database; the kernel never sees indexedDB, guard.ts). Where the browser
// refuses storage (a private mode, a quota), the set lives in memory and `problem` says why.
const DB = 'paralelo-handwriting';
const STORE = 'drawings';

export interface Drawing { id: number; label: number; image: Uint8Array; at: number }

let dbp: Promise<IDBDatabase> | null = null;

function open(): Promise<IDBDatabase> {
  dbp ??= new Promise<IDBDatabase>((resolve, reject) => {
    let req: IDBOpenDBRequest;
    try {
      req = indexedDB.open(DB, 1);
    } catch (e) {
      reject(e instanceof Error ? e : new Error('IndexedDB unavailable'));
      return;
    }
    req.onupgradeneeded = () => { if (!req.result.objectStoreNames.contains(STORE)) req.result.createObjectStore(STORE, { keyPath: 'id', autoIncrement: true }); };
    req.onsuccess = () => {
      const d = req.result;
      // someone else deletes or upgrades it: let them, and open again next time
      d.onversionchange = () => { d.close(); dbp = null; };
      resolve(d);
    };
    req.onerror = () => reject(req.error ?? new Error('IndexedDB unavailable'));
  });
  const p = dbp;
  p.catch(() => { if (dbp === p) dbp = null; }); // a failed open is tried again at the next call
  return p;
}

function tx<T>(mode: IDBTransactionMode, fn: (s: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  return open().then((d) => new Promise<T>((resolve, reject) => {
    const t = d.transaction(STORE, mode);
    const r = fn(t.objectStore(STORE));
    t.oncomplete = () => resolve(r.result);
    t.onerror = t.onabort = () => reject(t.error ?? r.error ?? new Error('IndexedDB transaction failed'));
  }));
}

/** A stored record as a drawing, or null when it is not one (storage is not trusted). */
export function asDrawing(v: unknown): Drawing | null {
  if (!v || typeof v !== 'object') return null;
  const d = v as Partial<Drawing>;
  return typeof d.id === 'number' && Number.isInteger(d.label) && d.label! >= 0 && d.label! <= 9 && d.image instanceof Uint8Array && d.image.length === 784
    ? { id: d.id, label: d.label!, image: d.image, at: typeof d.at === 'number' ? d.at : 0 } : null;
}

export const handwriting = {
  async list(): Promise<Drawing[]> {
    const all = await tx<unknown[]>('readonly', (s) => s.getAll());
    return all.map(asDrawing).filter((d): d is Drawing => d !== null);
  },
  async add(label: number, image: Uint8Array): Promise<Drawing> {
    const rec = { label, image: image.slice(), at: Date.now() };
    const id = await tx<IDBValidKey>('readwrite', (s) => s.add(rec));
    return { ...rec, id: Number(id) };
  },
  async remove(id: number): Promise<void> {
    await tx('readwrite', (s) => s.delete(id));
  },
};
