// What the page says about its saved data (issue 11): saves that failed (a banner, and the cells
// marked "not saved"), another tab's edits of the open lesson (taken, or a choice when both tabs
// edited the same cell), the database deleted under the page, damaged saved edits, and an imported
// notebook that no longer loads (quarantined: download its raw text or delete it).
import { useEffect, useState } from 'react';
import { t, type Lang } from '../../i18n';
import type { Notebook, SavedCell } from '../../notebook/core/notebook';
import type { NotebookStore, Quarantined } from '../../notebook/store';

interface Notice {
  id: number;
  text: string;
  /** the cell it is about: a newer notice about the same cell replaces it */
  key?: string;
  conflict?: { key: string; index: number; theirs: SavedCell | null };
}

let nextId = 0;

/** The cell's number as the page shows it ("Cell 2": the 2nd code cell). */
function cellNumber(nb: Notebook, index: number): number {
  return nb.getSnapshot().cells.filter((c) => c.spec.kind === 'code' && c.spec.index <= index).length;
}

/** Follows the store: returns what is not saved in the open lesson (cell index → why) and the notices. */
export function useStorageNotices(store: NotebookStore, lang: Lang, notebook: Notebook | null) {
  const [unsaved, setUnsaved] = useState<ReadonlyMap<string, string>>(() => store.unsaved());
  const [error, setError] = useState<{ reason: string; what: 'edits' | 'outputs' } | null>(null);
  const [conflicts, setConflicts] = useState<ReadonlyMap<string, string>>(new Map());
  const [notices, setNotices] = useState<Notice[]>([]);
  const lessonKey = notebook?.getSnapshot().lesson.key;

  useEffect(() => store.watch((e) => {
    const add = (n: Omit<Notice, 'id'>) => setNotices((ns) => [...ns.filter((x) => !n.key || x.key !== n.key), { ...n, id: ++nextId }].slice(-5));
    switch (e.type) {
      case 'status':
        setUnsaved(e.unsaved);
        setError(e.error === null ? null : { reason: e.error, what: e.what });
        break;
      case 'remote':
        if (notebook && e.lang === lang && e.lesson === lessonKey) {
          notebook.applySaved(e.index, e.saved);
          add({ key: e.key, text: t(lang, 'remoteChanged', { n: cellNumber(notebook, e.index) }) });
        }
        setConflicts((c) => { const m = new Map(c); m.delete(e.key); return m; });
        break;
      case 'conflict':
        if (notebook && e.lang === lang && e.lesson === lessonKey) {
          add({ key: e.key, text: t(lang, 'remoteConflict', { n: cellNumber(notebook, e.index) }), conflict: { key: e.key, index: e.index, theirs: e.theirs } });
          setConflicts((c) => new Map(c).set(e.key, t(lang, 'conflictReason')));
        }
        break;
      case 'resolved':
        setConflicts((c) => { const m = new Map(c); m.delete(e.key); return m; });
        setNotices((ns) => ns.filter((n) => n.conflict?.key !== e.key));
        break;
      case 'ignored':
        add({ text: t(lang, 'ignoredEdits', { n: e.keys.length }) });
        break;
      case 'restored':
        add({ text: t(lang, e.complete ? 'storageRestored' : 'storageRestoredPartly') });
        break;
    }
  }), [store, lang, notebook, lessonKey]);

  const prefix = `${lang}/${lessonKey}/`;
  const marks = new Map<number, string>();
  for (const m of [unsaved, conflicts]) for (const [k, why] of m) if (k.startsWith(prefix)) marks.set(Number(k.slice(prefix.length)), why);
  const keep = (n: Notice) => {
    if (!n.conflict || !notebook) return;
    store.keepMine(n.conflict.key, notebook.savedOf(n.conflict.index));
  };
  const theirs = (n: Notice) => {
    if (!n.conflict || !notebook) return;
    notebook.applySaved(n.conflict.index, store.takeTheirs(n.conflict.key, n.conflict.theirs));
  };
  const dismiss = (id: number) => setNotices((ns) => ns.filter((n) => n.id !== id));
  return { marks, error, notices, keep, theirs, dismiss };
}

interface Props {
  lang: Lang;
  state: ReturnType<typeof useStorageNotices>;
  quarantined: Quarantined | null;
  onDeleteQuarantined(): void;
}

function download(name: string, text: string): void {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(new Blob([text], { type: 'application/octet-stream' }));
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

export function StorageNotices({ lang, state, quarantined, onDeleteQuarantined }: Props) {
  const { error, notices } = state;
  return (
    <>
      {error && <p className="banner banner-error" role="alert" data-testid="save-error">{t(lang, error.what === 'outputs' ? 'outputsSaveFailed' : 'saveFailed', { reason: error.reason.replace(/[.\s]+$/, '') })}</p>}
      {quarantined && (
        <p className="banner banner-error" role="alert" data-testid="quarantine">
          {t(lang, 'quarantined', { name: quarantined.name, error: quarantined.error })}{' '}
          <button type="button" data-testid="quarantine-export" onClick={() => download(quarantined.name, quarantined.text)}>{t(lang, 'quarantineExport')}</button>{' '}
          <button type="button" data-testid="quarantine-delete" onClick={onDeleteQuarantined}>{t(lang, 'quarantineDelete')}</button>
        </p>
      )}
      {notices.map((n) => (
        <p key={n.id} className="banner" role="status" data-testid={n.conflict ? 'tab-conflict' : 'storage-notice'}>
          {n.text}{' '}
          {n.conflict && (
            <>
              <button type="button" data-testid="keep-mine" onClick={() => { state.keep(n); state.dismiss(n.id); }}>{t(lang, 'keepMine')}</button>{' '}
              <button type="button" data-testid="use-theirs" onClick={() => { state.theirs(n); state.dismiss(n.id); }}>{t(lang, 'useTheirs')}</button>{' '}
            </>
          )}
          <button type="button" onClick={() => state.dismiss(n.id)} aria-label={t(lang, 'dismiss')}>×</button>
        </p>
      ))}
    </>
  );
}
