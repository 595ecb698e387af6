// The app's NotebookStore: IndexedDB, a localStorage journal and a BroadcastChannel to the other
// tabs, each where the browser allows it (private modes may refuse any of them).
import type { Lang } from '../i18n';
import type { Lesson } from './core/lesson';
import type { kv as idbKv } from './persistence';
import { NotebookStore, type Channel, type JournalStorage } from './store';

function journal(): JournalStorage | null {
  try {
    const s = globalThis.localStorage;
    s.getItem('paralelo.probe');
    return s;
  } catch {
    return null;
  }
}

function channel(): Channel | null {
  try {
    return typeof BroadcastChannel === 'function' ? new BroadcastChannel('paralelo-edits') : null;
  } catch {
    return null;
  }
}

export function openStore(kv: typeof idbKv, lessons: (lang: Lang) => readonly Lesson[]): NotebookStore {
  const store = new NotebookStore(kv, lessons, { journal: journal(), channel: channel() });
  // the database was deleted or upgraded by someone else (cell code?): write again what this tab holds
  kv.onReset(({ restored }) => store.reset(restored));
  return store;
}
