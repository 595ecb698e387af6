// What survives a reload, with no React: each lesson's edited cells, each code cell's last outputs,
// and the last imported notebook. The key-value store is injected: IndexedDB in the app, a Map in
// tests. Which cells ran is the kernel's state, not storage's: it is kept in memory (`runs`), so
// after a reload or a restart the sidebar says that nothing has run.
//
// Outputs (issue 12 §5) are saved once, when a cell finishes, within a budget per cell
// (savedOutputs.ts), through the same queue of writes, report and retry as edits; they have no
// journal (too big for localStorage: a reload in the instant after a cell ends may lose them) and
// two tabs simply keep the last cell that finished.
//
// Nothing is lost silently (issue 11):
// - A write that fails is reported (`watch`: the cells not saved and why), the edit stays in memory
//   and the write is tried again (after 1 s, then up to every 15 s, and at every later edit).
// - Every edit is also written at once, synchronously, to a journal (localStorage), and removed from
//   it once IndexedDB has committed it; a reload that comes before the commit replays the journal
//   (the newer of journal and database wins).
// - Two tabs, one lesson: every stored edit carries when (`at`) and by which tab it was made, and a
//   write never replaces a newer one, so storage keeps the last edit of each cell. After a write,
//   the other tabs hear of it (BroadcastChannel) with the version it replaced. A tab that shows that
//   version, or has not edited the cell, takes the new one and says so ('remote'). A tab that edited
//   the cell itself keeps its own text on screen and is told that the saved version is the other
//   tab's ('conflict'), with a choice: keep its own (saves it again, now the last writer) or take
//   the other. Typing in the cell again also keeps its own.
// - Stored data without the expected shape (an edit that is not {source, knobs}, an imported
//   notebook that no longer parses) is ignored or quarantined with a notice, never thrown.
import type { Lang } from '../i18n';
import type { Lesson } from './core/lesson';
import type { NotebookHooks, SavedCell, SavedOutputs } from './core/notebook';
import { KernelRuns } from './core/runs';
import { importIpynb, type ImportedNotebook } from './ipynb';
import { EditJournal } from './journal';
import { fromStored, toStored } from './savedOutputs';
import {
  checkSaved, isPlainObject, message, newer, parseKey, same,
  type Broadcast, type Channel, type Kv, type LessonProgress, type Pending, type Quarantined,
  type Shown, type StoreEvent, type StoreOptions, type StoredCell,
} from './storedCell';

export { checkSaved } from './storedCell';
export type { Channel, JournalStorage, Kv, LessonProgress, Quarantined, StoreEvent, StoreOptions } from './storedCell';

export class NotebookStore {
  private writes: Promise<void> = Promise.resolve();
  private readonly listeners = new Set<() => void>();
  private readonly watchers = new Set<(e: StoreEvent) => void>();
  private readonly tab: string;
  private readonly journal: EditJournal;
  private readonly channel: Channel | null;
  /** what this tab shows of each cell it has loaded or edited */
  private readonly shown = new Map<string, Shown>();
  /** edits not yet committed to the database, by key */
  private readonly pending = new Map<string, Pending>();
  /** writes that failed, by key: what to try again and why it failed */
  private readonly failed = new Map<string, { retry: () => Promise<void>; error: string }>();
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private retryDelay = 1000;
  private lastAt = 0;
  /** the error the page was last told of (null: none) */
  private reported: string | null = null;
  /** cells both tabs edited, whose stored version is the other tab's */
  private readonly conflicts = new Set<string>();
  /** the lessons (`${lang}/${key}/`) this tab has loaded: it follows the other tabs' edits of their cells */
  private readonly loaded = new Set<string>();
  /** what ran in this page's kernel, per lesson (the App tells it of restarts) */
  readonly runs = new KernelRuns();

  constructor(private readonly kv: Kv, private readonly lessons: (lang: Lang) => readonly Lesson[], opts: StoreOptions = {}) {
    this.tab = opts.tab ?? Math.random().toString(36).slice(2, 10);
    this.journal = new EditJournal(opts.journal ?? null, this.tab);
    this.channel = opts.channel ?? null;
    if (this.channel) this.channel.onmessage = (e) => this.onBroadcast(e.data as Broadcast);
    this.runs.subscribe(() => this.notify());
  }

  /** Cells run (in the kernel now running) and cells edited, for every lesson of `lang`. */
  async progress(lang: Lang): Promise<Record<string, LessonProgress>> {
    const edits = await this.kv.entries<SavedCell>('edits', `${lang}/`);
    const out: Record<string, LessonProgress> = {};
    for (const l of this.lessons(lang)) {
      const total = l.cells.filter((c) => c.kind === 'code').length;
      out[l.key] = { done: Math.min(total, this.runs.done(`${lang}/${l.key}`)), total, edited: edits.filter(([k, v]) => k.startsWith(`${lang}/${l.key}/`) && checkSaved(v)).length };
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

  /** Calls `fn` with every StoreEvent (failed saves, other tabs' edits, ignored data); returns the unsubscribe. */
  watch(fn: (e: StoreEvent) => void): () => void {
    this.watchers.add(fn);
    return () => { this.watchers.delete(fn); };
  }

  /** The edits not saved (key → why), now. */
  unsaved(): ReadonlyMap<string, string> {
    return new Map([...this.failed].filter(([k]) => parseKey(k)).map(([k, f]) => [k, f.error]));
  }

  /** A lesson's saved cells by index; an imported notebook's own knobs stand for the cells not edited since. */
  async savedCells(lang: Lang, lesson: Lesson, imported?: ImportedNotebook | null): Promise<Map<number, SavedCell>> {
    const prefix = `${lang}/${lesson.key}/`;
    const saved = new Map<number, SavedCell>();
    const ignored: string[] = [];
    let stored: [string, unknown][] = [];
    try {
      stored = await this.kv.entries<unknown>('edits', prefix);
    } catch (e) {
      this.emitStatus(message(e));
    }
    const versions = new Map<string, Shown>();
    this.loaded.add(prefix);
    for (const [k, v] of stored) {
      const index = Number(k.slice(prefix.length));
      const s = checkSaved(v);
      if (!s || !Number.isInteger(index) || index < 0 || index >= lesson.cells.length) { ignored.push(k); continue; }
      versions.set(k, { saved: { source: s.source, knobs: s.knobs }, at: s.at ?? 0, tab: s.tab ?? '', dirty: false });
    }
    // the journal holds edits the database may not have committed before the last reload: the newer wins
    for (const [k, j] of this.journal.entries(prefix)) {
      const index = Number(k.slice(prefix.length));
      if (!Number.isInteger(index) || index < 0 || index >= lesson.cells.length) continue;
      const v = versions.get(k);
      if (v && !newer(j, v)) { this.journal.remove(k, j.at); continue; }
      versions.set(k, { saved: j.saved, at: j.at, tab: j.tab, dirty: false });
      if (!this.pending.has(k)) {
        this.pending.set(k, { saved: j.saved, prev: v?.saved ?? null, at: j.at, tab: j.tab });
        this.attempt(k, () => this.flush(k));
      }
    }
    for (const [k, v] of versions) {
      // an edit this tab holds and has not saved yet stays what it shows
      const p = this.pending.get(k);
      const shown = p && newer(p, v) ? { saved: p.saved, at: p.at, tab: p.tab, dirty: true } : v;
      this.shown.set(k, shown);
      if (shown.saved) saved.set(Number(k.slice(prefix.length)), shown.saved);
    }
    for (const [k, p] of this.pending) {
      if (k.startsWith(prefix) && !versions.has(k)) {
        this.shown.set(k, { saved: p.saved, at: p.at, tab: p.tab, dirty: true });
        if (p.saved) saved.set(Number(k.slice(prefix.length)), p.saved);
      }
    }
    if (imported) {
      for (const [i, k] of imported.knobs) if (!saved.has(i)) saved.set(i, { source: lesson.cells[i].source, knobs: k as SavedCell['knobs'] });
    }
    if (ignored.length) this.emit({ type: 'ignored', keys: ignored });
    return saved;
  }

  /** What a lesson's Notebook calls when a cell is edited or has run, and the record of what ran. */
  hooks(lang: Lang, lessonKey: string): NotebookHooks {
    const key = (index: number) => `${lang}/${lessonKey}/${index}`;
    return {
      saveCell: (index, s) => this.saveEdit(key(index), s),
      saveOutputs: (index, s) => this.saveOutputs(key(index), s),
      runs: this.runs.lesson(`${lang}/${lessonKey}`),
    };
  }

  /** A lesson's saved outputs by cell index, as the cells showed them when they last finished (in an earlier session). */
  async savedOutputs(lang: Lang, lesson: Lesson): Promise<Map<number, SavedOutputs>> {
    const prefix = `${lang}/${lesson.key}/`;
    const out = new Map<number, SavedOutputs>();
    let stored: [string, unknown][];
    try {
      stored = await this.kv.entries<unknown>('outputs', prefix);
    } catch (e) {
      this.emitStatus(message(e));
      return out;
    }
    for (const [k, v] of stored) {
      const index = Number(k.slice(prefix.length));
      // a record for no code cell of this lesson (the lesson changed since) is left unread
      if (Number.isInteger(index) && lesson.cells[index]?.kind === 'code') out.set(index, fromStored(v, lang));
    }
    return out;
  }

  /** Saves a finished cell's outputs (within the budget), or forgets them (null). */
  private saveOutputs(key: string, s: SavedOutputs | null): void {
    const rec = s && toStored(s, this.tab, (this.lastAt = Math.max(Date.now(), this.lastAt + 1)));
    // its own key in `failed`: a failed output save is reported, but it is not an unsaved edit
    this.attempt(`outputs:${key}`, () => (rec ? this.kv.set('outputs', key, rec) : this.kv.delete('outputs', key)));
  }

  /** This tab's cell `key` again as the last edit (after a conflict: "keep mine"). */
  keepMine(key: string, saved: SavedCell | null): void {
    this.saveEdit(key, saved);
  }

  /** Takes the other tab's version of `key` (after a conflict: "use theirs"); returns it. */
  takeTheirs(key: string, theirs: SavedCell | null): SavedCell | null {
    const s = this.shown.get(key);
    this.shown.set(key, { saved: theirs, at: s?.at ?? 0, tab: s?.tab ?? '', dirty: false });
    if (this.conflicts.delete(key)) this.emit({ type: 'resolved', key });
    return theirs;
  }

  /** Resolves once every write so far has been made (or has failed). */
  settled(): Promise<void> {
    return this.writes;
  }

  /** Edited cells of the notebook imported last, in either language. */
  async importedEdits(): Promise<number> {
    const [es, en] = await Promise.all((['es', 'en'] as const).map((l) => this.kv.entries('edits', `${l}/imported/`)));
    return es.length + en.length;
  }

  /**
   * Parses a .ipynb (an IpynbError says what is wrong), forgets the edits of the previous import, in
   * both languages (the page asks first: importedEdits), and keeps this one.
   */
  async importNotebook(_lang: Lang, text: string, name: string): Promise<ImportedNotebook> {
    const nb = importIpynb(text, name);
    await this.forgetImportedEdits();
    await this.kv.set('imported', 'last', { text, name });
    this.notify();
    return nb;
  }

  /** The notebook imported last, if any (throws if it no longer parses: see loadImported). */
  async lastImported(): Promise<ImportedNotebook | null> {
    const f = await this.kv.get<{ text: string; name: string }>('imported', 'last');
    return f ? importIpynb(f.text, f.name) : null;
  }

  /** The notebook imported last; one that fails to load is returned as `quarantined`, never thrown. */
  async loadImported(): Promise<{ notebook: ImportedNotebook | null; quarantined: Quarantined | null }> {
    let f: unknown;
    try {
      f = await this.kv.get<unknown>('imported', 'last');
    } catch (e) {
      this.emitStatus(message(e));
      return { notebook: null, quarantined: null };
    }
    if (f === undefined) return { notebook: null, quarantined: null };
    const rec = isPlainObject(f) ? f : {};
    const name = typeof rec.name === 'string' ? rec.name : 'notebook.ipynb';
    let text: string;
    if (typeof rec.text === 'string') text = rec.text;
    else {
      try { text = JSON.stringify(f) ?? String(f); } catch { text = ''; }
    }
    try {
      if (typeof rec.text !== 'string') throw new Error('the stored copy is not text');
      return { notebook: importIpynb(text, name), quarantined: null };
    } catch (e) {
      let error: string;
      try { error = message(e); } catch { error = 'unreadable error'; }
      return { notebook: null, quarantined: { name, text, error } };
    }
  }

  /** Deletes the notebook imported last and its edits (a quarantined one). */
  async deleteImported(): Promise<void> {
    await this.forgetImportedEdits();
    await this.kv.delete('imported', 'last');
    this.notify();
  }

  private async forgetImportedEdits(): Promise<void> {
    for (const l of ['es', 'en'] as const) {
      this.runs.forget(`${l}/imported`); // its cells are another notebook's now
      for (const [k] of await this.kv.entries('outputs', `${l}/imported/`)) {
        await this.kv.delete('outputs', k);
        this.failed.delete(`outputs:${k}`);
      }
      for (const [k] of await this.kv.entries('edits', `${l}/imported/`)) {
        await this.kv.delete('edits', k);
        this.shown.delete(k);
        this.pending.delete(k);
        this.failed.delete(k);
        this.journal.remove(k);
      }
    }
  }

  /** After the database was deleted or upgraded under us: write again every edit this tab holds. */
  reset(complete: boolean): void {
    for (const [k, s] of this.shown) {
      if (!s.dirty && complete) continue;
      if (!this.pending.has(k)) this.pending.set(k, { saved: s.saved, prev: s.saved, at: s.at, tab: s.tab });
      this.attempt(k, () => this.flush(k));
    }
    this.emit({ type: 'restored', complete });
  }

  private saveEdit(key: string, s: SavedCell | null): void {
    const at = (this.lastAt = Math.max(Date.now(), this.lastAt + 1));
    const before = this.shown.get(key);
    const p = this.pending.get(key);
    this.shown.set(key, { saved: s, at, tab: this.tab, dirty: true });
    this.pending.set(key, { saved: s, at, tab: this.tab, prev: p ? p.prev : (before?.saved ?? null) });
    this.journal.put(key, s, at);
    this.attempt(key, () => this.flush(key));
    if (this.conflicts.delete(key)) this.emit({ type: 'resolved', key }); // typing again keeps this tab's version
  }

  /** Writes the pending edit of `key`, unless storage holds a newer one; tells the other tabs. */
  private async flush(key: string): Promise<void> {
    const p = this.pending.get(key);
    if (!p) return;
    const mine: StoredCell | null = p.saved ? { ...p.saved, at: p.at, tab: p.tab } : null;
    const wrote = await this.kv.swap<StoredCell>('edits', key, (old) => {
      const o = checkSaved(old);
      if (o && newer({ at: o.at ?? 0, tab: o.tab ?? '' }, p)) return undefined;
      if (!mine && old === undefined) return undefined;
      return mine;
    });
    if (this.pending.get(key) === p) this.pending.delete(key);
    this.journal.remove(key, p.at);
    if (wrote || mine === null) this.channel?.postMessage({ key, saved: p.saved, prev: p.prev, at: p.at, tab: p.tab } satisfies Broadcast);
  }

  private onBroadcast(m: Broadcast): void {
    if (!m || typeof m.key !== 'string' || typeof m.at !== 'number' || typeof m.tab !== 'string' || m.tab === this.tab) return;
    const where = parseKey(m.key);
    if (!where) return;
    const saved = m.saved === null ? null : checkSaved(m.saved);
    if (m.saved !== null && !saved) return;
    const theirs = saved ? { source: saved.source, knobs: saved.knobs } : null;
    // not loaded here: the next load reads it from storage
    if (!this.loaded.has(`${where.lang}/${where.lesson}/`)) return;
    const s = this.shown.get(m.key) ?? { saved: null, at: 0, tab: '', dirty: false };
    if (!newer(m, s)) return; // ours is newer: storage keeps ours, and the other tab hears of it
    if (same(theirs, s.saved)) { this.shown.set(m.key, { ...s, at: m.at, tab: m.tab }); return; }
    const prev = m.prev === null ? null : checkSaved(m.prev);
    if (!s.dirty || same(prev ? { source: prev.source, knobs: prev.knobs } : null, s.saved)) {
      this.shown.set(m.key, { saved: theirs, at: m.at, tab: m.tab, dirty: false });
      if (this.conflicts.delete(m.key)) this.emit({ type: 'resolved', key: m.key });
      this.emit({ type: 'remote', key: m.key, ...where, saved: theirs });
      this.notify(); // the sidebar's counts
    } else {
      // both tabs edited this cell: storage has theirs (newer); we keep ours on screen until the student chooses
      this.shown.set(m.key, { ...s, at: m.at, tab: m.tab });
      this.conflicts.add(m.key);
      this.emit({ type: 'conflict', key: m.key, ...where, theirs });
    }
  }

  /** Runs a write in turn; a failure is reported and tried again later, a success clears it. */
  private attempt(key: string, fn: () => Promise<void>): void {
    this.writes = this.writes.then(fn).then(
      () => {
        const had = this.failed.delete(key);
        if (this.failed.size === 0) this.retryDelay = 1000;
        if (had || (this.failed.size === 0 && this.reported)) this.emitStatus(null);
        this.notify();
      },
      (e: unknown) => {
        this.failed.set(key, { retry: fn, error: message(e) });
        this.emitStatus(message(e));
        this.scheduleRetry();
      },
    );
  }

  private scheduleRetry(): void {
    if (this.retryTimer) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.retryDelay = Math.min(15_000, this.retryDelay * 2);
      for (const [k, f] of [...this.failed]) this.attempt(k, f.retry);
    }, this.retryDelay);
  }

  private emitStatus(error: string | null): void {
    const last = [...this.failed.values()].at(-1)?.error ?? null;
    this.reported = error ?? last;
    // only outputs failing is said differently: the student's code is saved, the results are not
    const onlyOutputs = this.failed.size > 0 && [...this.failed.keys()].every((k) => k.startsWith('outputs:'));
    this.emit({ type: 'status', unsaved: this.unsaved(), error: this.reported, what: onlyOutputs ? 'outputs' : 'edits' });
  }

  private emit(e: StoreEvent): void {
    for (const w of this.watchers) {
      try { w(e); } catch { /* a watcher's fault is not the store's */ }
    }
  }

  private notify(): void {
    for (const l of this.listeners) l();
  }
}
