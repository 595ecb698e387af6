import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { ErrorBoundary } from './components/ui/ErrorBoundary';
import { ImportNotice } from './components/ui/ImportNotice';
import { LANGS, t as translate, type Lang } from './i18n';
import { LangContext } from './i18n/react';
import { findLesson, lessons, lessonsLoaded, loadLessonExtras, loadLessons, onLessonsLoaded } from './lessons';
import { lessonNumber } from './notebook/core/lesson';
import { Notebook } from './notebook/core/notebook';
import { exportIpynb, type ImportedNotebook } from './notebook/ipynb';
import { KernelClient, restartText } from './notebook/kernelClient';
import type { BackendSupport } from './notebook/kernel/protocol';
import { kv } from './notebook/persistence';
import type { LessonProgress, Quarantined } from './notebook/store';
import { openStore } from './notebook/openStore';
import { StorageNotices, useStorageNotices } from './components/ui/StorageNotices';
import { ChoiceDialog } from './components/ui/ChoiceDialog';
import { chartImages } from './components/cell/chartImage';
import { NotebookView } from './components/NotebookView';
import { SIDEBAR_ID, Sidebar } from './components/ui/Sidebar';
import { Toolbar } from './components/ui/Toolbar';
import { useDrawer } from './components/ui/useDrawer';
import { Welcome } from './components/welcome/Welcome';
import { LessonIntro, hasIntro } from './components/lesson/LessonIntro';
import { DemoBar } from './components/lesson/DemoBar';
import { useMonacoTheme } from './design/useMonacoTheme';
import { useScrollBoxes } from './design/scrollBoxes';
import { defaultRoute, DIGITS_KEY, GLOSSARY_KEY, MODELS_KEY, parseRoute, RACE_KEY, routeHash, type Route } from './route';
import { DigitsKernelContext } from './components/digits/kernelContext';
import { keepModels } from './models/keep';
import { OfflineStatus } from './components/ui/OfflineStatus';
import { ShortcutsPanel } from './components/ui/ShortcutsPanel';
import { PresentContext, usePresentation } from './components/present/usePresentation';
import { usePresenter } from './components/present/usePresenter';
import './components/present/present.css';

const store = openStore(kv, lessons);
const ModelsPage = lazy(() => import('./components/models/ModelsPage').then((m) => ({ default: m.ModelsPage })));
const RacePage = lazy(() => import('./components/race/RacePage').then((m) => ({ default: m.RacePage })));
const DigitsPage = lazy(() => import('./components/digits/DigitsPage').then((m) => ({ default: m.DigitsPage })));
const GlossaryPage = lazy(() => import('./components/glossary/GlossaryPage').then((m) => ({ default: m.GlossaryPage })));
const ModelsPanel = lazy(() => import('./components/models/ModelsPanel').then((m) => ({ default: m.ModelsPanel })));

const currentRoute = (): Route => parseRoute(location.hash) ?? defaultRoute(navigator.language);

/** The route in the hash. A hash that is not a route (an in-page anchor) leaves it as it is. */
function useRoute(onChange: (next: Route, prev: Route) => void) {
  const [route, setRoute] = useState(currentRoute);
  const shown = useRef(route);
  const cb = useRef(onChange);
  useEffect(() => { cb.current = onChange; });
  useEffect(() => {
    const on = () => {
      const next = parseRoute(location.hash);
      if (!next) return;
      const prev = shown.current;
      shown.current = next;
      setRoute(next);
      cb.current(next, prev);
    };
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  return route;
}

/** `onScreen`: the notebook is the one shown, so its charts are exported with their pictures too. */
async function downloadIpynb(nb: Notebook, onScreen: boolean): Promise<void> {
  const s = nb.getSnapshot();
  const root = onScreen ? document.querySelector('[data-testid="notebook"]') : null;
  const images = root ? await chartImages(root).catch(() => new Map<string, string>()) : undefined;
  const blob = new Blob([JSON.stringify(exportIpynb(s.lesson, s.cells, images), null, 1)], { type: 'application/x-ipynb+json' });
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = `${s.lesson.slug}.ipynb`;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

export function App() {
  const { open: drawerOpen, toggle: toggleDrawer, close: closeDrawer, button: menuButton, panel: drawerPanel } = useDrawer();
  const mainRef = useRef<HTMLElement>(null);
  const route = useRoute((next, prev) => {
    closeDrawer(false);
    if (next.key === prev.key) return;
    // a new page: start at its top, with the focus on it (where a screen reader expects to be)
    requestAnimationFrame(() => {
      window.scrollTo(0, 0);
      mainRef.current?.focus({ preventScroll: true });
    });
  });
  const { lang, key } = route;
  const kernel = useMemo(() => new KernelClient(), []);
  const [support, setSupport] = useState<Partial<BackendSupport>>({});
  const [notebook, setNotebook] = useState<Notebook | null>(null);
  const [progress, setProgress] = useState<Record<string, LessonProgress>>({});
  const [imported, setImported] = useState<ImportedNotebook | null>(null);
  const [banner, setBanner] = useState<string | null>(null);
  const [quarantined, setQuarantined] = useState<Quarantined | null>(null);
  const [importAsk, setImportAsk] = useState<null | { n: number; exported: boolean; resolve(go: boolean): void }>(null);
  const nbRef = useRef<Notebook | null>(null);
  /** the route whose "run the first cell" has been done (it runs once, not again for the same route) */
  const ranFor = useRef<Route | null>(null);

  useEffect(() => () => kernel.dispose(), [kernel]);
  useEffect(() => kernel.onRestart((info) => setBanner(restartText(lang, info, nbRef.current?.cellsRunIn(info.generation) ?? []))), [kernel, lang]);
  useEffect(() => kernel.onSupport(setSupport), [kernel]);
  useEffect(() => keepModels(kernel), [kernel]);
  // nothing has run in the new kernel: the sidebar's counts start again from 0
  useEffect(() => kernel.onRestart(() => store.runs.restarted(kernel.generation)), [kernel]);
  useEffect(() => { document.documentElement.lang = lang; }, [lang]);
  // the other language's lessons load when the student switches to it (main.tsx loaded the first one)
  const lessonsReady = useSyncExternalStore(onLessonsLoaded, () => lessonsLoaded(lang));
  useEffect(() => { loadLessons(lang).catch(() => undefined); }, [lang]);
  useEffect(() => (lessonsReady ? store.watchProgress(lang, setProgress) : undefined), [lang, lessonsReady]);
  useEffect(() => { void store.loadImported().then((r) => { setImported(r.notebook); setQuarantined(r.quarantined); }); }, []);
  const storage = useStorageNotices(store, lang, notebook);
  const [present, setPresent] = usePresentation();
  usePresenter(notebook, present && key !== null);
  // turned on: the focus goes to the lesson, so the next Space steps rather than presses the toggle again
  const onPresent = useCallback((on: boolean) => {
    setPresent(on);
    if (on) mainRef.current?.focus({ preventScroll: true });
  }, [setPresent]);

  const modelsPage = key === MODELS_KEY;
  const racePage = key === RACE_KEY || modelsPage; // a page of its own, no notebook (modelsPage tells which)
  const glossaryPage = key === GLOSSARY_KEY;
  const digitsPage = key === DIGITS_KEY || glossaryPage; // a page of its own, no notebook, no kernel use (glossaryPage tells which)
  const digitsKernel = useMemo(() => ({ kernel, support }), [kernel, support]);
  const lesson = key === null || racePage || digitsPage ? undefined : key === 'imported' ? imported?.lesson : findLesson(lang, key);
  const all = lessons(lang);
  const number = lesson ? lessonNumber(lesson.key) : null;
  const lastNumber = Math.max(0, ...all.map((l) => lessonNumber(l.key) ?? 0));
  useMonacoTheme(lesson !== undefined);
  useScrollBoxes('#lesson');
  useEffect(() => {
    document.title = lesson ? `${lesson.title} · ${translate(lang, 'appTitle')}`
      : modelsPage ? `${translate(lang, 'modelsPageTitle')} · ${translate(lang, 'appTitle')}`
      : racePage ? `${translate(lang, 'racePageTitle')} · ${translate(lang, 'appTitle')}`
        : glossaryPage ? `${translate(lang, 'glossaryPageTitle')} · ${translate(lang, 'appTitle')}`
        : digitsPage ? `${translate(lang, 'digitsPageTitle')} · ${translate(lang, 'appTitle')}` : `${translate(lang, 'appTitle')} · ${translate(lang, 'welcomeTitle')}`;
  }, [lesson, lang, racePage, modelsPage, digitsPage, glossaryPage]);

  // only the imported notebook depends on `imported`: a lesson's notebook is not made again when the
  // imported one loads (that would stop a cell the first notebook had started)
  const importedDep = key === 'imported' ? imported : null;
  useEffect(() => {
    // back from the welcome page to the lesson shown before: the same notebook, its outputs and run
    if (!lesson || nbRef.current?.getSnapshot().lesson === lesson) return;
    let cancelled = false;
    const fromImport = lesson.key === 'imported' ? importedDep : null;
    void (async () => {
      if (kernel.busy) await nbRef.current?.stop();
      const [saved, outputs] = await Promise.all([
        store.savedCells(lang, lesson, fromImport), store.savedOutputs(lang, lesson),
        // the cells' HTML and knob use from the build; if they cannot load, the page renders the cells itself
        fromImport ? undefined : loadLessonExtras(lang, lesson.slug).catch(() => undefined),
      ]);
      if (cancelled) return;
      // what the cells showed when they last ran here wins over an imported file's outputs
      const shown = new Map([...(fromImport?.outputs ?? []), ...outputs]);
      const nb = new Notebook(lesson, kernel, lang, store.hooks(lang, lesson.key), saved, shown);
      nbRef.current = nb;
      setNotebook(nb);
    })();
    return () => { cancelled = true; };
  }, [lesson, lang, kernel, importedDep]);

  // `#/es/03?run=1` (the welcome page's "See it race"): run the lesson's first code cell, once. The flag
  // leaves the address at once, so a reload or Back does not run it again.
  useEffect(() => {
    if (!route.run || ranFor.current === route || !notebook || !lesson || notebook.getSnapshot().lesson !== lesson) return;
    ranFor.current = route;
    history.replaceState(history.state, '', `${location.pathname}${location.search}${routeHash(route.lang, route.key)}`);
    const first = notebook.getSnapshot().cells.findIndex((c) => c.spec.kind === 'code');
    if (first < 0) return;
    notebook.run(first);
    requestAnimationFrame(() => document.querySelector(`[data-cell-index="${first}"]`)?.scrollIntoView({ block: 'start' }));
  }, [route, notebook, lesson]);

  const onImport = useCallback(async (file: File) => {
    const text = await file.text();
    // the edits of the notebook imported before are discarded by a new import: ask first
    const n = await store.importedEdits().catch(() => 0);
    if (n > 0 && !(await new Promise<boolean>((resolve) => setImportAsk({ n, exported: false, resolve })))) return;
    try {
      setImported(await store.importNotebook(lang, text, file.name));
      setBanner(null); // the imported lesson carries its own notice (ImportNotice): nothing in it has run
      location.hash = routeHash(lang, 'imported');
    } catch (e) {
      setBanner(translate(lang, 'importError', { message: (e as Error).message }));
    }
  }, [lang]);

  const onExport = useCallback(() => {
    const nb = nbRef.current;
    if (nb) void downloadIpynb(nb, true);
  }, []);

  /** The notebook imported before, with its edits, as a .ipynb (before a new import replaces it). */
  const exportImported = useCallback(async () => {
    if (!imported) return;
    for (const l of [lang, lang === 'es' ? 'en' : 'es'] as const) {
      const saved = await store.savedCells(l, imported.lesson, imported);
      if (saved.size === 0) continue;
      await downloadIpynb(new Notebook(imported.lesson, kernel, l, { saveCell: () => undefined }, saved, imported.outputs), false);
      return;
    }
  }, [imported, kernel, lang]);

  // a lesson by its key (a slug differs per language), so the same lesson opens in the other language
  const switchLang = (l: Lang) => { location.hash = routeHash(l, lesson?.key ?? key); };
  const intro = lesson !== undefined && hasIntro(lesson);

  return (
    <LangContext.Provider value={lang}>
    <PresentContext.Provider value={present && key !== null}>
    <DigitsKernelContext.Provider value={digitsKernel}>
      <a className="skip-link" href="#lesson" onClick={(e) => { e.preventDefault(); mainRef.current?.focus(); }}>{translate(lang, 'skipToContent')}</a>
      <header className="app-header">
        <button type="button" className="menu-button" ref={menuButton} onClick={toggleDrawer} aria-expanded={drawerOpen} aria-controls={SIDEBAR_ID}
          title={translate(lang, 'navMenuLabel')} data-testid="menu-button">
          <span className="menu-icon" aria-hidden="true" />{translate(lang, 'navMenu')}
        </button>
        <a className="brand" href={routeHash(lang, null)} data-testid="brand">
          {translate(lang, 'appTitle')}<span className="tagline"> {translate(lang, 'appTagline')}</span>
        </a>
        <span className="header-spacer" />
        <label className="lang-switch">
          <span className="lang-label">{translate(lang, 'language')}</span>
          <select value={lang} onChange={(e) => switchLang(e.target.value as Lang)} data-testid="lang-switch">
            {LANGS.map((l) => <option key={l} value={l} lang={l}>{l === 'es' ? 'Español' : 'English'}</option>)}
          </select>
        </label>
      </header>
      <div className="layout">
        <ErrorBoundary lang={lang}>
          <Sidebar lang={lang} lessons={all} current={lesson?.key ?? key} progress={progress} importedTitle={imported?.lesson.title} open={drawerOpen} navRef={drawerPanel} />
        </ErrorBoundary>
        {drawerOpen && <div className="drawer-backdrop" data-testid="drawer-backdrop" onClick={() => closeDrawer()} aria-hidden="true" />}
        <main id="lesson" ref={mainRef} tabIndex={-1} className={key === null ? 'page-welcome' : 'page-lesson'}>
          {key !== null && !racePage && !digitsPage && notebook && <Toolbar notebook={notebook} onExport={onExport} onImport={onImport} present={present} onPresent={onPresent} />}
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
          {key === null && <ErrorBoundary lang={lang}><Welcome lang={lang} lessons={all} progress={progress} support={support} /></ErrorBoundary>}
          {key !== null && !racePage && !digitsPage && !lesson && (lessonsReady || key === 'imported') && <p>{translate(lang, 'notFound')}</p>}
          {modelsPage && <ErrorBoundary lang={lang}><Suspense fallback={null}><ModelsPage lang={lang} kernel={kernel} /></Suspense></ErrorBoundary>}
          {racePage && !modelsPage && <ErrorBoundary lang={lang}><Suspense fallback={null}>
            <RacePage lang={lang} kernel={kernel} support={support} beforeRun={async () => { if (kernel.busy) await nbRef.current?.stop(); }} />
          </Suspense></ErrorBoundary>}
          {glossaryPage && <ErrorBoundary lang={lang}><Suspense fallback={null}><GlossaryPage key={lang} lang={lang} /></Suspense></ErrorBoundary>}
          {digitsPage && !glossaryPage && <ErrorBoundary lang={lang}><Suspense fallback={null}>
            <DigitsPage lang={lang} kernel={kernel} beforeRun={async () => { if (kernel.busy) await nbRef.current?.stop(); }}
              modelsPanel={(p) => <Suspense fallback={null}><ModelsPanel {...p} onUse={(m) => kernel.adoptModel(m)} /></Suspense>} />
          </Suspense></ErrorBoundary>}
          {notebook && lesson && notebook.getSnapshot().lesson === lesson && <ErrorBoundary lang={lang} key={`${lang}/${key}`}>
            <article className={intro ? 'lesson has-intro' : 'lesson'} data-testid="lesson">
              {intro && <LessonIntro lang={lang} lesson={lesson} number={number} last={lastNumber} />}
              {lesson.key === 'imported' && imported && <ImportNotice notebook={notebook} imported={imported} />}
              <DemoBar notebook={notebook} />
              <NotebookView notebook={notebook} support={support} unsaved={storage.marks} />
            </article>
          </ErrorBoundary>}
        </main>
      </div>
      <OfflineStatus lang={lang} kernel={kernel} />
      <ShortcutsPanel />
    </DigitsKernelContext.Provider>
    </PresentContext.Provider>
    </LangContext.Provider>
  );
}
