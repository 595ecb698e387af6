import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { msg, type BackendMessage } from './backends/messages';
import { backendEntries } from './backends/registry';
import { LANGS, t as translate, type Lang } from './i18n';
import { LangContext } from './i18n/react';
import { findLesson, lessons } from './lessons';
import { Notebook, type SavedCell } from './notebook/core/notebook';
import { exportIpynb, importIpynb, type ImportedNotebook } from './notebook/ipynb';
import { KernelClient } from './notebook/kernelClient';
import { kv } from './notebook/persistence';
import { NotebookView } from './components/NotebookView';
import { Sidebar, type LessonProgress } from './components/ui/Sidebar';
import { Toolbar } from './components/ui/Toolbar';

let progressWrites: Promise<unknown> = Promise.resolve();

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

async function loadProgress(lang: Lang): Promise<Record<string, LessonProgress>> {
  const [done, edits] = await Promise.all([kv.entries<number[]>('progress', `${lang}/`), kv.entries<SavedCell>('edits', `${lang}/`)]);
  const out: Record<string, LessonProgress> = {};
  for (const l of lessons(lang)) {
    const total = l.cells.filter((c) => c.kind === 'code').length;
    const d = done.find(([k]) => k === `${lang}/${l.key}`)?.[1] ?? [];
    out[l.key] = { done: d.length, total, edited: edits.filter(([k]) => k.startsWith(`${lang}/${l.key}/`)).length };
  }
  return out;
}

export function App() {
  const { lang, key } = useRoute();
  const kernel = useMemo(() => new KernelClient(), []);
  const [support, setSupport] = useState<Record<string, true | BackendMessage>>({});
  const [notebook, setNotebook] = useState<Notebook | null>(null);
  const [progress, setProgress] = useState<Record<string, LessonProgress>>({});
  const [imported, setImported] = useState<ImportedNotebook | null>(null);
  const [banner, setBanner] = useState<string | null>(null);
  const nbRef = useRef<Notebook | null>(null);

  useEffect(() => () => kernel.dispose(), [kernel]);
  useEffect(() => kernel.onRestart(() => setBanner(translate(lang, 'kernelRestarted'))), [kernel, lang]);
  useEffect(() => {
    void Promise.all(backendEntries().map(async (e) => [e.name, await e.isSupported().catch((err: Error) => msg('unsupported_adapter_failed', { message: err.message }))] as const))
      .then((pairs) => setSupport(Object.fromEntries(pairs)));
  }, []);
  useEffect(() => { document.documentElement.lang = lang; }, [lang]);
  useEffect(() => { void loadProgress(lang).then(setProgress).catch(() => undefined); }, [lang]);
  useEffect(() => {
    void kv.get<{ text: string; name: string }>('imported', 'last').then((f) => { if (f) setImported(importIpynb(f.text, f.name)); }).catch(() => undefined);
  }, []);

  const lesson = key === 'imported' ? imported?.lesson : findLesson(lang, key);

  useEffect(() => {
    if (!lesson) return;
    let cancelled = false;
    const prefix = `${lang}/${lesson.key}/`;
    void (async () => {
      if (kernel.busy) await nbRef.current?.stop();
      const saved = new Map<number, SavedCell>();
      for (const [k, v] of await kv.entries<SavedCell>('edits', prefix).catch(() => [] as [string, SavedCell][])) saved.set(Number(k.slice(prefix.length)), v);
      if (cancelled) return;
      if (lesson.key === 'imported' && imported) {
        for (const [i, k] of imported.knobs) if (!saved.has(i)) saved.set(i, { source: lesson.cells[i].source, knobs: k as SavedCell['knobs'] });
      }
      const nb = new Notebook(lesson, kernel, lang, {
        saveCell: (index, s) => {
          void (s ? kv.set('edits', `${prefix}${index}`, s) : kv.delete('edits', `${prefix}${index}`))
            .then(() => loadProgress(lang)).then(setProgress).catch(() => undefined);
        },
        cellDone: (index) => {
          const pk = `${lang}/${lesson.key}`;
          // read-modify-write, one at a time: cells of a "run all" finish in quick succession
          progressWrites = progressWrites
            .then(() => kv.get<number[]>('progress', pk))
            .then((d = []) => kv.set('progress', pk, [...new Set([...d, index])]))
            .then(() => loadProgress(lang)).then(setProgress).catch(() => undefined);
        },
      }, saved, lesson.key === 'imported' ? imported?.outputs : undefined);
      nbRef.current = nb;
      setNotebook(nb);
    })();
    return () => { cancelled = true; };
  }, [lesson, lang, kernel, imported]);

  const onImport = useCallback(async (file: File) => {
    const text = await file.text();
    try {
      const nb = importIpynb(text, file.name);
      for (const [k] of await kv.entries('edits', `${lang}/imported/`)) await kv.delete('edits', k);
      await kv.set('imported', 'last', { text, name: file.name });
      setImported(nb);
      setBanner(translate(lang, 'importedNote'));
      location.hash = `#/${lang}/imported`;
    } catch (e) {
      setBanner(translate(lang, 'importError', { message: (e as Error).message }));
    }
  }, [lang]);

  const onExport = useCallback(() => {
    const nb = nbRef.current;
    if (!nb) return;
    const s = nb.getSnapshot();
    const blob = new Blob([JSON.stringify(exportIpynb(s.lesson, s.cells), null, 1)], { type: 'application/x-ipynb+json' });
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = `${s.lesson.slug}.ipynb`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 1000);
  }, []);

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
        <Sidebar lang={lang} lessons={lessons(lang)} current={key} progress={progress} importedTitle={imported?.lesson.title} />
        <main id="lesson" tabIndex={-1}>
          {notebook && <Toolbar notebook={notebook} onExport={onExport} onImport={onImport} />}
          {banner && <p className="banner" role="status" data-testid="banner">{banner} <button type="button" onClick={() => setBanner(null)} aria-label="×">×</button></p>}
          {!lesson && <p>{translate(lang, 'notFound')}</p>}
          {notebook && lesson && notebook.getSnapshot().lesson === lesson && <NotebookView notebook={notebook} support={support} />}
        </main>
      </div>
    </LangContext.Provider>
  );
}
