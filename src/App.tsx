import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { ErrorBoundary } from './components/ui/ErrorBoundary';
import { ImportNotice } from './components/ui/ImportNotice';
import { LANGS, t as translate, type Lang } from './i18n';
import { LangContext } from './i18n/react';
import { findLesson, lessons } from './lessons';
import { Notebook } from './notebook/core/notebook';
import { exportIpynb, type ImportedNotebook } from './notebook/ipynb';
import { KernelClient, restartText } from './notebook/kernelClient';
import type { BackendSupport } from './notebook/kernel/protocol';
import { kv } from './notebook/persistence';
import type { LessonProgress, Quarantined } from './notebook/store';
import { openStore } from './notebook/openStore';
import { StorageNotices, useStorageNotices } from './components/ui/StorageNotices';
import { ChoiceDialog } from './components/ui/ChoiceDialog';
import { NotebookView } from './components/NotebookView';
import { Sidebar } from './components/ui/Sidebar';
import { Toolbar } from './components/ui/Toolbar';
import { ShortcutsPanel } from './components/ui/ShortcutsPanel';

const store = openStore(kv, lessons);

function parseHash(): { lang: Lang; key: string } {
  const m = location.hash.match(/^#\/(es|en)\/([\w-]+)/);
  if (m) return { lang: m[1] as Lang, key: m[2] };
  const lang: Lang = navigator.language?.toLowerCase().startsWith('es') ? 'es' : 'en';
  return { lang, key: lessons(lang)[0]?.key ?? '01' };
}

function useRoute() {
  const [route, setRoute] = useState(parseHash);
  useEffect(() => {
    const on = () => setRoute(parseHash());
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  return route;
}

function downloadIpynb(nb: Notebook): void {
  const s = nb.getSnapshot();
  const blob = new Blob([JSON.stringify(exportIpynb(s.lesson, s.cells), null, 1)], { type: 'application/x-ipynb+json' });
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = `${s.lesson.slug}.ipynb`;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

export function App() {
  const { lang, key } = useRoute();
  const kernel = useMemo(() => new KernelClient(), []);
  const [support, setSupport] = useState<Partial<BackendSupport>>({});
  const [notebook, setNotebook] = useState<Notebook | null>(null);
  const [progress, setProgress] = useState<Record<string, LessonProgress>>({});
  const [imported, setImported] = useState<ImportedNotebook | null>(null);
  const [banner, setBanner] = useState<string | null>(null);
  const [quarantined, setQuarantined] = useState<Quarantined | null>(null);
  const [importAsk, setImportAsk] = useState<null | { n: number; exported: boolean; resolve(go: boolean): void }>(null);
  const nbRef = useRef<Notebook | null>(null);

  useEffect(() => () => kernel.dispose(), [kernel]);
  useEffect(() => kernel.onRestart((info) => setBanner(restartText(lang, info, nbRef.current?.cellsRunIn(info.generation) ?? []))), [kernel, lang]);
  useEffect(() => kernel.onSupport(setSupport), [kernel]);
  useEffect(() => { document.documentElement.lang = lang; }, [lang]);
  useEffect(() => store.watchProgress(lang, setProgress), [lang]);
  useEffect(() => { void store.loadImported().then((r) => { setImported(r.notebook); setQuarantined(r.quarantined); }); }, []);
  const storage = useStorageNotices(store, lang, notebook);

  const lesson = key === 'imported' ? imported?.lesson : findLesson(lang, key);

  useEffect(() => {
    if (!lesson) return;
    let cancelled = false;
    const fromImport = lesson.key === 'imported' ? imported : null;
    void (async () => {
      if (kernel.busy) await nbRef.current?.stop();
      const saved = await store.savedCells(lang, lesson, fromImport);
      if (cancelled) return;
      const nb = new Notebook(lesson, kernel, lang, store.hooks(lang, lesson.key), saved, fromImport?.outputs);
      nbRef.current = nb;
      setNotebook(nb);
    })();
    return () => { cancelled = true; };
  }, [lesson, lang, kernel, imported]);

  const onImport = useCallback(async (file: File) => {
    const text = await file.text();
    // the edits of the notebook imported before are discarded by a new import: ask first
    const n = await store.importedEdits().catch(() => 0);
    if (n > 0 && !(await new Promise<boolean>((resolve) => setImportAsk({ n, exported: false, resolve })))) return;
    try {
      setImported(await store.importNotebook(lang, text, file.name));
      setBanner(null); // the imported lesson carries its own notice (ImportNotice): nothing in it has run
      location.hash = `#/${lang}/imported`;
    } catch (e) {
      setBanner(translate(lang, 'importError', { message: (e as Error).message }));
    }
  }, [lang]);

  const onExport = useCallback(() => {
    const nb = nbRef.current;
    if (nb) downloadIpynb(nb);
  }, []);

  /** The notebook imported before, with its edits, as a .ipynb (before a new import replaces it). */
  const exportImported = useCallback(async () => {
    if (!imported) return;
    for (const l of [lang, lang === 'es' ? 'en' : 'es'] as const) {
      const saved = await store.savedCells(l, imported.lesson, imported);
      if (saved.size === 0) continue;
      downloadIpynb(new Notebook(imported.lesson, kernel, l, { saveCell: () => undefined, cellDone: () => undefined }, saved, imported.outputs));
      return;
    }
  }, [imported, kernel, lang]);

  const switchLang = (l: Lang) => { location.hash = `#/${l}/${key}`; };

  return (
    <LangContext.Provider value={lang}>
      <a className="skip-link" href="#lesson">{translate(lang, 'skipToContent')}</a>
      <header className="app-header">
        <h1>{translate(lang, 'appTitle')} <small>{translate(lang, 'appTagline')}</small></h1>
        <label className="lang-switch">
          {translate(lang, 'language')}{' '}
          <select value={lang} onChange={(e) => switchLang(e.target.value as Lang)} data-testid="lang-switch">
            {LANGS.map((l) => <option key={l} value={l}>{l === 'es' ? 'Español' : 'English'}</option>)}
          </select>
        </label>
      </header>
      <div className="layout">
        <ErrorBoundary lang={lang}><Sidebar lang={lang} lessons={lessons(lang)} current={key} progress={progress} importedTitle={imported?.lesson.title} /></ErrorBoundary>
        <main id="lesson" tabIndex={-1}>
          {notebook && <Toolbar notebook={notebook} onExport={onExport} onImport={onImport} />}
          {!globalThis.crossOriginIsolated && <p className="banner" role="note" data-testid="isolation-notice">{translate(lang, 'notIsolated')}</p>}
          {banner && <p className="banner" role="status" data-testid="banner">{banner} <button type="button" onClick={() => setBanner(null)} aria-label="×">×</button></p>}
          <StorageNotices lang={lang} state={storage} quarantined={quarantined}
            onDeleteQuarantined={() => { void store.deleteImported().then(() => setQuarantined(null), () => undefined); }} />
          {importAsk && (
            <ChoiceDialog testId="import-dialog" message={translate(lang, 'importDialog', { n: importAsk.n })} note={importAsk.exported ? translate(lang, 'exported') : null}
              choices={[{ value: 'export', label: translate(lang, 'exportFirst') }, { value: 'import', label: translate(lang, 'importAnyway'), primary: true }, { value: 'cancel', label: translate(lang, 'cancel') }]}
              onChoose={(v) => {
                if (v === 'export') { void exportImported(); setImportAsk({ ...importAsk, exported: true }); return; }
                setImportAsk(null);
                importAsk.resolve(v === 'import');
              }} />
          )}
          {!lesson && <p>{translate(lang, 'notFound')}</p>}
          {notebook && lesson && notebook.getSnapshot().lesson === lesson && <ErrorBoundary lang={lang} key={`${lang}/${key}`}>
            {lesson.key === 'imported' && imported && <ImportNotice notebook={notebook} imported={imported} />}
            <NotebookView notebook={notebook} support={support} unsaved={storage.marks} />
          </ErrorBoundary>}
        </main>
      </div>
      <ShortcutsPanel />
    </LangContext.Provider>
  );
}
