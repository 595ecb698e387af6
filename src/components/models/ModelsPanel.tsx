// The models panel (issue 14 §5): the model in use, "save it as", the saved models with Use /
// Download / Rename / Delete, and Upload. Everything is stored by the page (src/models/store.ts);
// a file is src/models/file.ts's format. A wrong file is refused with the reason next to Upload,
// and nothing saved is touched. The Digits page embeds this panel; the Models page shows it alone.
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import type { Lang } from '../../i18n';
import { useT } from '../../i18n/react';
import { MODEL_EXTENSION, ModelFileError, modelFileErrorText, readModelFile, writeModelFile } from '../../models/file';
import type { TrainedModel } from '../../models/model';
import { deleteModel, listModels, loadModel, MAX_NAME, ModelStoreError, modelStoreErrorText, onModelsChange, renameModel, saveModel, type SavedModelInfo } from '../../models/store';
import { ChoiceDialog } from '../ui/ChoiceDialog';
import { factsOf, fileNameFor, uniqueName } from './modelFacts';
import './models.css';

interface Props {
  lang: Lang;
  current: TrainedModel | null;
  onUse: (m: TrainedModel) => void;
}

interface Ask { message: string; confirm: string; run: () => Promise<void> }

export function ModelsPanel({ lang, current, onUse }: Props) {
  const t = useT();
  const uid = useId();
  const [list, setList] = useState<SavedModelInfo[] | null>(null);
  const [edited, setName] = useState<string | null>(null);
  const name = edited ?? current?.meta.label ?? ''; // the run's label until the student types
  const [status, setStatus] = useState('');
  const [error, setError] = useState('');
  const [uploadError, setUploadError] = useState('');
  const [ask, setAsk] = useState<Ask | null>(null);
  const [renaming, setRenaming] = useState<{ from: string; to: string } | null>(null);
  const fileRef = useRef<HTMLInputElement>(null);
  const rootRef = useRef<HTMLDivElement>(null);
  /** the focus after a row's form or dialog closes: that row's button (once the list shows the row), or the list's heading when the row is gone */
  const focusNext = useRef<{ name: string | null; button: string } | null>(null);
  const refocus = (name: string | null, button: string) => { focusNext.current = { name, button }; };
  useEffect(() => {
    const f = focusNext.current;
    const root = rootRef.current;
    if (!f || !root) return;
    const row = f.name === null ? null : [...root.querySelectorAll<HTMLElement>('[data-testid="models-item"]')].find((r) => r.dataset.name === f.name);
    if (f.name !== null && !row) return; // the list has not caught up yet
    focusNext.current = null;
    (row?.querySelector<HTMLElement>(`[data-testid="${f.button}"]`) ?? root.querySelector<HTMLElement>('.models-saved h2'))?.focus();
  }, [list, renaming]);

  const refresh = useCallback(() => {
    listModels().then((l) => { setList(l); }, (e: unknown) => { setList([]); setError(modelStoreErrorText(lang, e)); });
  }, [lang]);
  useEffect(() => { refresh(); return onModelsChange(refresh); }, [refresh]);

  /** runs an action; its failure is shown (in words) and nothing else changes */
  const act = async (fn: () => Promise<string | void>) => {
    setError('');
    try {
      const done = await fn();
      if (done) setStatus(done);
    } catch (e) {
      setStatus('');
      setError(modelStoreErrorText(lang, e));
    }
  };

  const save = () => act(async () => {
    if (!current) return;
    try {
      const info = await saveModel(name, current, false);
      return t('modelsDone_saved', { name: info.name });
    } catch (e) {
      if (!(e instanceof ModelStoreError && e.code === 'exists')) throw e;
      const target = name.trim();
      setAsk({ message: t('modelsAskReplace', { name: target }), confirm: t('modelsReplace'), run: () => act(async () => { await saveModel(target, current, true); return t('modelsDone_saved', { name: target }); }) });
    }
  });

  const use = (n: string) => act(async () => { onUse(await loadModel(n)); return t('modelsDone_used', { name: n }); });

  const download = (n: string) => act(async () => {
    const bytes = writeModelFile(await loadModel(n));
    const a = document.createElement('a');
    a.href = URL.createObjectURL(new Blob([bytes], { type: 'application/octet-stream' }));
    a.download = fileNameFor(n);
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 1000);
  });

  const remove = (n: string) => setAsk({
    message: t('modelsAskDelete', { name: n }), confirm: t('modelsDelete'),
    run: () => act(async () => { await deleteModel(n); refocus(null, ''); return t('modelsDone_deleted', { name: n }); }),
  });

  const rename = () => act(async () => {
    if (!renaming) return;
    const info = await renameModel(renaming.from, renaming.to);
    setRenaming(null);
    refocus(info.name, 'models-rename');
    return t('modelsDone_renamed', { name: info.name });
  });

  const upload = async (file: File | undefined) => {
    if (!file) return;
    setUploadError('');
    setError('');
    try {
      const model = readModelFile(await file.arrayBuffer());
      const base = file.name.replace(/\.(paralelo-model|mlp)$/i, '').slice(0, MAX_NAME) || model.meta.label;
      const taken = new Set((await listModels()).map((m) => m.name));
      const info = await saveModel(uniqueName(base, taken), model, false);
      setStatus(t('modelsDone_uploaded', { file: file.name, name: info.name }));
    } catch (e) {
      const message = e instanceof ModelFileError ? modelFileErrorText(lang, e) : modelStoreErrorText(lang, e);
      setStatus('');
      setUploadError(t('modelsUploadFailed', { file: file.name, message }));
    } finally {
      if (fileRef.current) fileRef.current.value = '';
    }
  };

  return (
    <div className="models-panel" ref={rootRef} data-testid="models-panel">
      <section className="models-current" aria-labelledby={`${uid}-current`}>
        <h2 id={`${uid}-current`}>{t('modelsCurrent')}</h2>
        {current ? <p className="models-facts" data-testid="models-current">{factsOf(lang, current.meta, current.spec)}</p>
          : <p className="models-none" data-testid="models-current-none">{t('modelsNone')}</p>}
        <form className="models-save" onSubmit={(e) => { e.preventDefault(); void save(); }}>
          <label htmlFor={`${uid}-name`}>{t('modelsSaveAs')}</label>
          <input id={`${uid}-name`} type="text" value={name} maxLength={MAX_NAME} disabled={!current} onChange={(e) => setName(e.target.value)} data-testid="models-name" />
          <button type="submit" className="primary" disabled={!current || !name.trim()} data-testid="models-save">{t('modelsSave')}</button>
        </form>
      </section>
      <p className="models-status" role="status" data-testid="models-status">{status}</p>
      {error && <p className="models-error" role="alert" data-testid="models-error">{error}</p>}
      <section className="models-saved" aria-labelledby={`${uid}-saved`}>
        <h2 id={`${uid}-saved`} tabIndex={-1}>{list && list.length ? t(list.length === 1 ? 'modelsSaved_one' : 'modelsSaved_other', { n: list.length }) : t('modelsSaved_other', { n: 0 })}</h2>
        {list && list.length === 0 && <p className="models-none">{t('modelsEmpty')}</p>}
        <ul className="models-list" data-testid="models-list">
          {list?.map((m) => (
            <li key={m.name} className="models-item" data-testid="models-item" data-name={m.name}>
              {renaming?.from === m.name ? (
                <form className="models-rename" onSubmit={(e) => { e.preventDefault(); void rename(); }}>
                  <label htmlFor={`${uid}-rename`} className="visually-hidden">{t('modelsNewName', { name: m.name })}</label>
                  <input id={`${uid}-rename`} type="text" value={renaming.to} maxLength={MAX_NAME} autoFocus onChange={(e) => setRenaming({ from: m.name, to: e.target.value })}
                    onKeyDown={(e) => { if (e.key === 'Escape') { setRenaming(null); refocus(m.name, 'models-rename'); } }} data-testid="models-rename-input" />
                  <button type="submit" className="primary" data-testid="models-rename-ok">{t('modelsRenameOk')}</button>
                  <button type="button" onClick={() => { setRenaming(null); refocus(m.name, 'models-rename'); }}>{t('modelsCancel')}</button>
                </form>
              ) : <h3 className="models-name">{m.name}</h3>}
              <p className="models-facts">{factsOf(lang, m.meta, m.spec, m.savedAt)}</p>
              <div className="models-actions">
                <button type="button" aria-label={t('modelsUseLabel', { name: m.name })} onClick={() => void use(m.name)} data-testid="models-use">{t('modelsUse')}</button>
                <button type="button" aria-label={t('modelsDownloadLabel', { name: m.name })} onClick={() => void download(m.name)} data-testid="models-download">{t('modelsDownload')}</button>
                <button type="button" aria-label={t('modelsRenameLabel', { name: m.name })} onClick={() => setRenaming({ from: m.name, to: m.name })} data-testid="models-rename">{t('modelsRename')}</button>
                <button type="button" className="danger" aria-label={t('modelsDeleteLabel', { name: m.name })} onClick={() => remove(m.name)} data-testid="models-delete">{t('modelsDelete')}</button>
              </div>
            </li>
          ))}
        </ul>
      </section>
      <div className="models-upload">
        {/* the input is hidden behind its label (a button to the eye); it keeps the focus and the keyboard */}
        <input id={`${uid}-file`} ref={fileRef} type="file" className="visually-hidden" accept={`${MODEL_EXTENSION},.mlp`} aria-describedby={`${uid}-file-hint ${uid}-file-error`}
          onChange={(e) => void upload(e.target.files?.[0])} data-testid="models-upload" />
        <label htmlFor={`${uid}-file`} className="button">{t('modelsUpload')}</label>
        <span id={`${uid}-file-hint`} className="models-hint">{t('modelsUploadHint', { ext: MODEL_EXTENSION })}</span>
        <p id={`${uid}-file-error`} className="models-error" role="alert" data-testid="models-upload-error">{uploadError}</p>
      </div>
      {ask && <ChoiceDialog testId="models-dialog" message={ask.message}
        choices={[{ value: 'yes', label: ask.confirm, primary: true }, { value: 'no', label: t('modelsCancel') }]}
        onChoose={(v) => { const a = ask; setAsk(null); if (v === 'yes') void a.run(); }} />}
    </div>
  );
}
