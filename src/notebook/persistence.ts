// Edits and outputs survive a reload: a tiny IndexedDB key-value store (one DB, four stores;
// `progress` is no longer written: what ran is the kernel's state, kept in memory).
//
// Faults it survives (issue 11): an open that fails or is blocked is retried at the next call
// (never cached as a failure); a `versionchange` (another party, e.g. cell code in the kernel
// worker, deletes or upgrades the database) reads every store into memory, closes the connection
// so the other party can go on, re-opens the database and writes everything back before any later
// call runs. `onReset` listeners hear of it afterwards (the notebook store re-writes what it holds).
const DB = 'paralelo';
// a database from before `outputs` existed is opened one version up, which adds it (open())
const STORES = ['edits', 'progress', 'imported', 'outputs'] as const;
export type Store = (typeof STORES)[number];

let dbp: Promise<IDBDatabase> | null = null;
const resetListeners = new Set<(e: { restored: boolean }) => void>();

/** Opens the database at `version` (its current one if undefined), creating the stores it lacks on an upgrade. */
function openAt(version?: number): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    let req: IDBOpenDBRequest;
    try {
      req = version === undefined ? indexedDB.open(DB) : indexedDB.open(DB, version);
    } catch (e) {
      reject(e instanceof Error ? e : new Error('IndexedDB unavailable'));
      return;
    }
    req.onupgradeneeded = () => {
      for (const s of STORES) if (!req.result.objectStoreNames.contains(s)) req.result.createObjectStore(s);
    };
    req.onsuccess = () => {
      const d = req.result;
      d.onversionchange = () => onVersionChange(d);
      resolve(d);
    };
    req.onerror = () => reject(req.error ?? new Error('IndexedDB unavailable'));
    // blocked: an older connection (another tab) has not closed yet; every connection of this app
    // closes on versionchange, so the open goes on once it has
    req.onblocked = () => undefined;
  });
}

/** The database with every store: at whatever version someone else left it, one version up if a store is missing. */
async function open(): Promise<IDBDatabase> {
  const d = await openAt();
  if (STORES.every((s) => d.objectStoreNames.contains(s))) return d;
  const next = d.version + 1;
  d.onversionchange = null;
  d.close();
  return openAt(next);
}

function db(): Promise<IDBDatabase> {
  if (!dbp) {
    const p = open();
    dbp = p;
    p.catch(() => { if (dbp === p) dbp = null; }); // retry at the next call
  }
  return dbp;
}

type Snapshot = Record<Store, [IDBValidKey, unknown][]>;

function readAll(d: IDBDatabase): Promise<Snapshot> {
  return new Promise((resolve, reject) => {
    const t = d.transaction([...STORES], 'readonly');
    const out = {} as Snapshot;
    for (const s of STORES) {
      const keys = t.objectStore(s).getAllKeys();
      const values = t.objectStore(s).getAll();
      values.onsuccess = () => { out[s] = keys.result.map((k, i) => [k, values.result[i]]); };
    }
    t.oncomplete = () => resolve(out);
    t.onerror = () => reject(t.error ?? new Error('IndexedDB read failed'));
    t.onabort = () => reject(t.error ?? new Error('IndexedDB read aborted'));
  });
}

function writeAll(d: IDBDatabase, snap: Snapshot): Promise<void> {
  return new Promise((resolve, reject) => {
    const t = d.transaction([...STORES], 'readwrite');
    for (const s of STORES) for (const [k, v] of snap[s] ?? []) t.objectStore(s).put(v, k);
    t.oncomplete = () => resolve();
    t.onerror = () => reject(t.error ?? new Error('IndexedDB write failed'));
    t.onabort = () => reject(t.error ?? new Error('IndexedDB write aborted'));
  });
}

function onVersionChange(old: IDBDatabase): void {
  let restored = false;
  const next = (async () => {
    const snap = await readAll(old).catch(() => null);
    old.close(); // lets the deletion or upgrade go on; our next open is queued after it
    const d = await open();
    if (snap) {
      await writeAll(d, snap);
      restored = true;
    }
    return d;
  })();
  dbp = next;
  next.then(
    () => { for (const l of resetListeners) l({ restored }); },
    () => { if (dbp === next) dbp = null; for (const l of resetListeners) l({ restored: false }); },
  );
}

/** Runs `fn` in one transaction on `store`; resolves with what `fn` set once the transaction has committed. */
function run<T>(store: Store, mode: IDBTransactionMode, fn: (s: IDBObjectStore, set: (r: T) => void, fail: (e: unknown) => void) => void, retry = true): Promise<T> {
  return db().then((d) => new Promise<T>((resolve, reject) => {
    let t: IDBTransaction;
    try {
      t = d.transaction(store, mode);
    } catch (e) {
      // the connection closed under us (a versionchange): go again on the new one
      if (retry && e instanceof DOMException && e.name === 'InvalidStateError') {
        resolve(run(store, mode, fn, false));
        return;
      }
      reject(e instanceof Error ? e : new Error(String(e)));
      return;
    }
    let result: T;
    let failure: unknown = null;
    const fail = (e: unknown) => {
      failure ??= e;
      try { t.abort(); } catch { /* already over */ }
    };
    const error = (fallback: string) => {
      const e = failure ?? t.error;
      return e instanceof Error ? e : new Error(e ? String(e) : fallback);
    };
    // a write is done when its transaction commits (a quota error can come as an abort after the request)
    t.oncomplete = () => resolve(result);
    t.onerror = () => reject(error('IndexedDB request failed'));
    t.onabort = () => reject(error('IndexedDB transaction aborted'));
    try {
      fn(t.objectStore(store), (r) => { result = r; }, fail);
    } catch (e) {
      fail(e);
      reject(error('IndexedDB request failed'));
    }
  }));
}

function tx<T>(store: Store, mode: IDBTransactionMode, fn: (s: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  return run<T>(store, mode, (s, set) => {
    const req = fn(s);
    req.onsuccess = () => set(req.result);
  });
}

export const kv = {
  get: <T>(store: Store, key: string) => tx<T | undefined>(store, 'readonly', (s) => s.get(key) as IDBRequest<T | undefined>),
  set: (store: Store, key: string, value: unknown) => tx(store, 'readwrite', (s) => s.put(value, key)).then(() => undefined),
  delete: (store: Store, key: string) => tx(store, 'readwrite', (s) => s.delete(key)).then(() => undefined),
  /** every [key, value] whose key starts with prefix */
  entries: <T>(store: Store, prefix = ''): Promise<[string, T][]> => {
    const range = prefix ? IDBKeyRange.bound(prefix, prefix + '\uffff') : undefined;
    // keys and values in one transaction, so that a write in between cannot pair a key with another's value
    return run<[string, T][]>(store, 'readonly', (s, set) => {
      const keys = s.getAllKeys(range);
      const values = s.getAll(range);
      values.onsuccess = () => set(keys.result.map((k, i) => [String(k), values.result[i] as T]));
    });
  },
  /** Reads `key` and, in the same transaction, writes what `fn` returns (null: delete it; undefined: leave it); true if it wrote. */
  swap: <T>(store: Store, key: string, fn: (old: T | undefined) => T | null | undefined) => run<boolean>(store, 'readwrite', (s, set, fail) => {
    set(false);
    const req = s.get(key);
    req.onsuccess = () => {
      try {
        const next = fn(req.result as T | undefined);
        if (next === undefined) return;
        if (next === null) s.delete(key);
        else s.put(next, key);
        set(true);
      } catch (e) {
        fail(e);
      }
    };
  }),
  /** Calls `fn` after the database was deleted or upgraded by someone else and re-opened; `restored`: its contents were written back. */
  onReset: (fn: (e: { restored: boolean }) => void): (() => void) => {
    resetListeners.add(fn);
    return () => { resetListeners.delete(fn); };
  },
};
