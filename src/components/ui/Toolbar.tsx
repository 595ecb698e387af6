import { useRef, useSyncExternalStore } from 'react';
import { useT } from '../../i18n/react';
import type { Notebook } from '../../notebook/core/notebook';

interface Props {
  notebook: Notebook;
  onExport(): void;
  onImport(file: File): void;
}

export function Toolbar({ notebook, onExport, onImport }: Props) {
  const t = useT();
  const s = useSyncExternalStore(notebook.subscribe, notebook.getSnapshot);
  const file = useRef<HTMLInputElement>(null);
  const busy = s.running !== null || s.queue.length > 0;
  return (
    <div className="toolbar" role="toolbar" aria-label="notebook">
      <button type="button" data-testid="run-all" onClick={() => notebook.runAll()} disabled={busy}>▶▶ {t('runAll')}</button>
      <button type="button" data-testid="stop" onClick={() => void notebook.stop()} disabled={!busy || s.stopping}>■ {s.stopping ? t('stopping') : t('stop')}</button>
      <button type="button" data-testid="restart" onClick={() => notebook.restartKernel()}>↻ {t('restartKernel')}</button>
      <button type="button" data-testid="clear" onClick={() => notebook.clearOutputs()} disabled={busy}>{t('clearOutputs')}</button>
      <button type="button" data-testid="reset-lesson" disabled={busy} onClick={() => { if (window.confirm(t('resetLessonConfirm'))) notebook.resetLesson(); }}>{t('resetLesson')}</button>
      <button type="button" data-testid="export" onClick={onExport}>{t('exportIpynb')}</button>
      <button type="button" data-testid="import" onClick={() => file.current?.click()}>{t('importIpynb')}</button>
      <input ref={file} type="file" accept=".ipynb,application/json" hidden data-testid="import-file"
        onChange={(e) => { const f = e.target.files?.[0]; if (f) onImport(f); e.target.value = ''; }} />
    </div>
  );
}
