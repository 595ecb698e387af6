import { useRef, useState, useSyncExternalStore } from 'react';
import { ChoiceDialog } from './ChoiceDialog';
import { useT } from '../../i18n/react';
import type { Notebook } from '../../notebook/core/notebook';
import { PresentHint } from '../present/PresentHint';

interface Props {
  notebook: Notebook;
  onExport(): void;
  onImport(file: File): void;
  /** presentation mode (issue 13 §2): on or off, and the toggle */
  present?: boolean;
  onPresent?(on: boolean): void;
}

export function Toolbar({ notebook, onExport, onImport, present = false, onPresent }: Props) {
  const t = useT();
  const s = useSyncExternalStore(notebook.subscribe, notebook.getSnapshot);
  const file = useRef<HTMLInputElement>(null);
  const busy = s.running !== null || s.queue.length > 0;
  // reset asks first, in the page, and offers to export the lesson before its edits are discarded
  const [asking, setAsking] = useState<null | { exported: boolean }>(null);
  return (
    <div className="toolbar" role="toolbar" aria-label={t('notebookToolbar')}>
      <button type="button" data-testid="run-all" onClick={() => notebook.runAll()} disabled={busy}><span aria-hidden="true">▶▶</span> {t('runAll')}</button>
      <button type="button" data-testid="stop" onClick={() => void notebook.stop()} disabled={!busy || s.stopping}><span aria-hidden="true">■</span> {s.stopping ? t('stopping') : t('stop')}</button>
      <button type="button" data-testid="restart" onClick={() => notebook.restartKernel()}><span aria-hidden="true">↻</span> {t('restartKernel')}</button>
      <button type="button" data-testid="clear" onClick={() => notebook.clearOutputs()} disabled={busy}>{t('clearOutputs')}</button>
      <button type="button" data-testid="reset-lesson" disabled={busy} onClick={() => setAsking({ exported: false })}>{t('resetLesson')}</button>
      <button type="button" data-testid="export" onClick={onExport}>{t('exportIpynb')}</button>
      <button type="button" data-testid="import" onClick={() => file.current?.click()}>{t('importIpynb')}</button>
      {present && <PresentHint notebook={notebook} />}
      {onPresent && (
        <button type="button" className="present-toggle" data-testid="present-toggle" aria-pressed={present} title={t('presentToggleTitle')} onClick={() => onPresent(!present)}>
          <span aria-hidden="true">▣</span> {t('presentToggle')}
        </button>
      )}
      <input ref={file} type="file" accept=".ipynb,application/json" hidden data-testid="import-file"
        onChange={(e) => { const f = e.target.files?.[0]; if (f) onImport(f); e.target.value = ''; }} />
      {asking && (
        <ChoiceDialog testId="reset-dialog" message={t('resetDialog')} note={asking.exported ? t('exported') : null}
          choices={[{ value: 'export', label: t('exportFirst') }, { value: 'reset', label: t('reset'), primary: true }, { value: 'cancel', label: t('cancel') }]}
          onChoose={(v) => {
            if (v === 'export') { onExport(); setAsking({ exported: true }); return; }
            setAsking(null);
            if (v === 'reset') notebook.resetLesson();
          }} />
      )}
    </div>
  );
}
