// Edits and progress survive a reload: a tiny IndexedDB key-value store (one DB, three stores).
const DB = 'paralelo';
const STORES = ['edits', 'progress', 'imported'] as const;
export type Store = (typeof STORES)[number];

let dbp: Promise<IDBDatabase> | null = null;

function db(): Promise<IDBDatabase> {
  dbp ??= new Promise((resolve, reject) => {
    const req = indexedDB.open(DB, 1);
    req.onupgradeneeded = () => {
      for (const s of STORES) if (!req.result.objectStoreNames.contains(s)) req.result.createObjectStore(s);
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB unavailable'));
  });
  return dbp;
}

function tx<T>(store: Store, mode: IDBTransactionMode, fn: (s: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  return db().then((d) => new Promise<T>((resolve, reject) => {
    const req = fn(d.transaction(store, mode).objectStore(store));
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
  }));
}

export const kv = {
  get: <T>(store: Store, key: string) => tx<T | undefined>(store, 'readonly', (s) => s.get(key) as IDBRequest<T | undefined>),
  set: (store: Store, key: string, value: unknown) => tx(store, 'readwrite', (s) => s.put(value, key)).then(() => undefined),
  delete: (store: Store, key: string) => tx(store, 'readwrite', (s) => s.delete(key)).then(() => undefined),
  /** every [key, value] whose key starts with prefix */
  entries: async <T>(store: Store, prefix = ''): Promise<[string, T][]> => {
    const range = prefix ? IDBKeyRange.bound(prefix, prefix + '\uffff') : undefined;
    const [keys, values] = await Promise.all([
      tx<IDBValidKey[]>(store, 'readonly', (s) => s.getAllKeys(range)),
      tx<T[]>(store, 'readonly', (s) => s.getAll(range) as IDBRequest<T[]>),
    ]);
    return keys.map((k, i) => [String(k), values[i]]);
  },
};
