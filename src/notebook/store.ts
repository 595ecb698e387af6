// What survives a reload, with no React: each lesson's edited cells and cells run, and the last
// imported notebook. The key-value store is injected: IndexedDB in the app, a Map in tests.
import type { Lang } from '../i18n';
import type { Lesson } from './core/lesson';
import type { NotebookHooks, SavedCell } from './core/notebook';
import { importIpynb, type ImportedNotebook } from './ipynb';
import type { Store } from './persistence';

export interface Kv {
  get<T>(store: Store, key: string): Promise<T | undefined>;
  set(store: Store, key: string, value: unknown): Promise<void>;
  delete(store: Store, key: string): Promise<void>;
  /** every [key, value] whose key starts with prefix */
  entries<T>(store: Store, prefix?: string): Promise<[string, T][]>;
}

export interface LessonProgress { done: number; total: number; edited: number }

export class NotebookStore {
  private writes: Promise<void> = Promise.resolve();
  private readonly listeners = new Set<() => void>();

  constructor(private readonly kv: Kv, private readonly lessons: (lang: Lang) => readonly Lesson[]) {}

  /** Cells run and cells edited, for every lesson of `lang`. */
  async progress(lang: Lang): Promise<Record<string, LessonProgress>> {
    const [done, edits] = await Promise.all([this.kv.entries<number[]>('progress', `${lang}/`), this.kv.entries<SavedCell>('edits', `${lang}/`)]);
    const out: Record<string, LessonProgress> = {};
    for (const l of this.lessons(lang)) {
      const total = l.cells.filter((c) => c.kind === 'code').length;
      const d = done.find(([k]) => k === `${lang}/${l.key}`)?.[1] ?? [];
      out[l.key] = { done: d.length, total, edited: edits.filter(([k]) => k.startsWith(`${lang}/${l.key}/`)).length };
    }
    return out;
  }

  /** Calls `fn` with the progress of `lang` now and after every write; returns the unsubscribe. */
  watchProgress(lang: Lang, fn: (p: Record<string, LessonProgress>) => void): () => void {
    let live = true;
    const load = () => { void this.progress(lang).then((p) => { if (live) fn(p); }).catch(() => undefined); };
    this.listeners.add(load);
    load();
    return () => { live = false; this.listeners.delete(load); };
  }

  /** A lesson's saved cells by index; an imported notebook's own knobs stand for the cells not edited since. */
  async savedCells(lang: Lang, lesson: Lesson, imported?: ImportedNotebook | null): Promise<Map<number, SavedCell>> {
    const prefix = `${lang}/${lesson.key}/`;
    const saved = new Map<number, SavedCell>();
    for (const [k, v] of await this.kv.entries<SavedCell>('edits', prefix).catch(() => [] as [string, SavedCell][])) saved.set(Number(k.slice(prefix.length)), v);
    if (imported) {
      for (const [i, k] of imported.knobs) if (!saved.has(i)) saved.set(i, { source: lesson.cells[i].source, knobs: k as SavedCell['knobs'] });
    }
    return saved;
  }

  /** What a lesson's Notebook calls when a cell is edited or has run. */
  hooks(lang: Lang, lessonKey: string): NotebookHooks {
    const edit = (index: number) => `${lang}/${lessonKey}/${index}`;
    const pk = `${lang}/${lessonKey}`;
    return {
      saveCell: (index, s) => this.write(() => (s ? this.kv.set('edits', edit(index), s) : this.kv.delete('edits', edit(index)))),
      // read-modify-write: cells of a "run all" finish in quick succession, and writes go one at a time
      cellDone: (index) => this.write(async () => {
        const d = (await this.kv.get<number[]>('progress', pk)) ?? [];
        await this.kv.set('progress', pk, [...new Set([...d, index])]);
      }),
    };
  }

  /** Resolves once every write so far has been made. */
  settled(): Promise<void> {
    return this.writes;
  }

  /** Parses a .ipynb (an IpynbError says what is wrong), forgets the edits of the previous import and keeps this one. */
  async importNotebook(lang: Lang, text: string, name: string): Promise<ImportedNotebook> {
    const nb = importIpynb(text, name);
    for (const [k] of await this.kv.entries('edits', `${lang}/imported/`)) await this.kv.delete('edits', k);
    await this.kv.set('imported', 'last', { text, name });
    this.notify();
    return nb;
  }

  /** The notebook imported last, if any. */
  async lastImported(): Promise<ImportedNotebook | null> {
    const f = await this.kv.get<{ text: string; name: string }>('imported', 'last');
    return f ? importIpynb(f.text, f.name) : null;
  }

  private write(fn: () => Promise<unknown>): void {
    this.writes = this.writes.then(fn).then(() => this.notify(), () => undefined);
  }

  private notify(): void {
    for (const l of this.listeners) l();
  }
}
