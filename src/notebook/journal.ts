// The synchronous journal of edits (localStorage): every edit is written here at once and removed once
// IndexedDB has committed it, so a reload in the instant after typing replays it (NotebookStore).
import type { SavedCell } from './core/notebook';
import { checkSaved, isPlainObject, JOURNAL, type JournalStorage, type Version } from './storedCell';

export class EditJournal {
  constructor(private readonly storage: JournalStorage | null, private readonly tab: string) {}

  put(key: string, saved: SavedCell | null, at: number): void {
    try { this.storage?.setItem(JOURNAL + key, JSON.stringify({ saved, at, tab: this.tab })); } catch { /* full or disabled: IndexedDB alone */ }
  }

  /** Removes the entry of `key`, only if it is still the one written at `at` (when given). */
  remove(key: string, at?: number): void {
    try {
      if (at !== undefined) {
        const j = JSON.parse(this.storage?.getItem(JOURNAL + key) ?? 'null') as { at?: number } | null;
        if (j?.at !== at) return; // a newer edit is journaled
      }
      this.storage?.removeItem(JOURNAL + key);
    } catch { /* nothing to remove */ }
  }

  /** The well-formed entries whose key starts with `prefix`; damaged ones are skipped. */
  entries(prefix: string): [string, Version & { saved: SavedCell | null }][] {
    const out: [string, Version & { saved: SavedCell | null }][] = [];
    try {
      const j = this.storage;
      if (!j) return out;
      for (let i = 0; i < j.length; i++) {
        const name = j.key(i);
        if (!name?.startsWith(JOURNAL + prefix)) continue;
        try {
          const v = JSON.parse(j.getItem(name) ?? 'null') as unknown;
          if (!isPlainObject(v) || typeof v.at !== 'number' || typeof v.tab !== 'string') continue;
          const saved = v.saved === null ? null : checkSaved(v.saved);
          if (v.saved !== null && !saved) continue;
          out.push([name.slice(JOURNAL.length), { saved: saved ? { source: saved.source, knobs: saved.knobs } : null, at: v.at, tab: v.tab }]);
        } catch { /* a damaged entry is skipped */ }
      }
    } catch { /* no journal */ }
    return out;
  }
}
