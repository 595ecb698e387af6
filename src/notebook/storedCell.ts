// The shapes NotebookStore (store.ts) works with: the injected storage (Kv, journal, channel), the
// events it tells the page, and stored edits — checked, compared and keyed.
import type { Lang } from '../i18n';
import { validKnobs } from './core/knobs';
import type { SavedCell } from './core/notebook';
import type { Knobs } from './kernel/protocol';
import type { Store } from './persistence';

export interface Kv {
  get<T>(store: Store, key: string): Promise<T | undefined>;
  set(store: Store, key: string, value: unknown): Promise<void>;
  delete(store: Store, key: string): Promise<void>;
  /** every [key, value] whose key starts with prefix */
  entries<T>(store: Store, prefix?: string): Promise<[string, T][]>;
  /** reads `key` and, atomically, writes what `fn` returns (null: delete; undefined: leave it); true if it wrote */
  swap<T>(store: Store, key: string, fn: (old: T | undefined) => T | null | undefined): Promise<boolean>;
}

/** The synchronous part of the Web Storage API the journal needs. */
export type JournalStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem' | 'key' | 'length'>;
/** The part of BroadcastChannel the store needs. */
export interface Channel {
  postMessage(m: unknown): void;
  onmessage: ((e: MessageEvent) => void) | null;
  close(): void;
}

export interface StoreOptions {
  journal?: JournalStorage | null;
  channel?: Channel | null;
  tab?: string;
}

export interface LessonProgress { done: number; total: number; edited: number }

/** An edit as stored: the cell and when / by which tab it was made. */
export interface StoredCell extends SavedCell { at?: number; tab?: string }
export type Version = { at: number; tab: string };
export interface Shown extends Version { saved: SavedCell | null; dirty: boolean }
export interface Pending extends Version { saved: SavedCell | null; prev: SavedCell | null }
export interface Broadcast { key: string; saved: SavedCell | null; prev: SavedCell | null; at: number; tab: string }

/** What the page is told. `key` is `${lang}/${lesson}/${index}`. */
export type StoreEvent =
  | { type: 'status'; unsaved: ReadonlyMap<string, string>; error: string | null; what: 'edits' | 'outputs' } // what failed: any edit, or only outputs
  | { type: 'remote'; key: string; lang: Lang; lesson: string; index: number; saved: SavedCell | null }
  | { type: 'conflict'; key: string; lang: Lang; lesson: string; index: number; theirs: SavedCell | null }
  | { type: 'resolved'; key: string }
  | { type: 'ignored'; keys: string[] }
  | { type: 'restored'; complete: boolean };

/** The imported notebook that no longer loads: its raw stored text and what is wrong. */
export interface Quarantined { name: string; text: string; error: string }

export const JOURNAL = 'paralelo.journal.';

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A stored edit, checked: the source and only the knobs that are valid; null if it has not the shape of one. */
export function checkSaved(v: unknown): (SavedCell & Partial<Version>) | null {
  if (!isPlainObject(v) || typeof v.source !== 'string' || !isPlainObject(v.knobs)) return null;
  const out: SavedCell & Partial<Version> = { source: v.source, knobs: validKnobs(v.knobs) as Knobs };
  if (typeof v.at === 'number' && Number.isFinite(v.at)) out.at = v.at;
  if (typeof v.tab === 'string') out.tab = v.tab;
  return out;
}

export const newer = (a: Version, b: Version) => a.at > b.at || (a.at === b.at && a.tab > b.tab);
/** A cell's version as one string, its knobs checked and in one order, so that two copies compare equal. */
function canon(s: SavedCell | null): string {
  const c = s && checkSaved(s);
  if (!c) return 'null';
  const k = c.knobs as unknown as Record<string, unknown>;
  return JSON.stringify([c.source, Object.keys(k).sort().map((x) => [x, k[x]])]);
}
export const same = (a: SavedCell | null, b: SavedCell | null) => a === b || canon(a) === canon(b);
export const message = (e: unknown) => (e instanceof Error ? (e.name && e.name !== 'Error' ? `${e.name}: ${e.message}` : e.message) : String(e));

export function parseKey(key: string): { lang: Lang; lesson: string; index: number } | null {
  const m = key.match(/^(es|en)\/([\w-]+)\/(\d+)$/);
  return m ? { lang: m[1] as Lang, lesson: m[2], index: Number(m[3]) } : null;
}
