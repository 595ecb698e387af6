import { isEdited, type CellState } from '../../notebook/core/cell';
import { ErrorBoundary } from '../ui/ErrorBoundary';
import type { BackendSupport, Knobs } from '../../notebook/kernel/protocol';
import type { MessageKey } from '../../i18n';
import { useLang, useT } from '../../i18n/react';
import { CodeEditor } from '../editor/CodeEditor';
import { CellAnnouncer } from './CellAnnouncer';
import { CellToolbar } from './CellToolbar';
import { shownKnobs } from '../../notebook/core/knobUse';
import { NeedsNote, RestoredNote } from './CellNotes';
import { OutputView } from './OutputView';

interface Props {
  cell: CellState;
  position: number;
  support: Partial<BackendSupport>;
  onEdit(source: string): void;
  onKnobs(k: Partial<Knobs>): void;
  onRun(advance: boolean): void;
  onRunFrom(): void;
  onReset(): void;
  readOnlyKnobs?: boolean;
  /** why this cell's edit is not saved, if it is not */
  unsaved?: string;
  /** runs the earlier cells this one needs (its `needs`), then this one */
  onRunNeeded?(): void;
  /** a lesson cell index as the page numbers code cells */
  cellNumber?(index: number): number;
}

export function CodeCell({ cell, position, support, onEdit, onKnobs, onRun, onRunFrom, onReset, unsaved, onRunNeeded, cellNumber }: Props) {
  const t = useT();
  const lang = useLang();
  const edited = isEdited(cell);
  // the knobs its run reads: found in its source, corrected by what its last run of this source reported
  const shown = shownKnobs(cell.source, cell.knobs, cell.trained?.source === cell.source ? cell.trained.uses : null);
  // what each train() call of its last run ran with (e2e reads it back: every knob must change the run)
  const runConfig = cell.trained?.uses.length ? JSON.stringify(cell.trained.uses.map((u) => u.options)) : undefined;
  const count = cell.status === 'queued' ? '*' : cell.status === 'running' ? '*' : (cell.executionCount ?? ' ');
  return (
    <section className={`cell code-cell status-${cell.status}`} data-testid="code-cell" data-status={cell.status} data-result={cell.result ?? undefined} data-restored={cell.restored || undefined}
      data-edited={edited || undefined} data-run-config={runConfig} data-unsaved={unsaved !== undefined || undefined} role="group" aria-label={t('cellLabel', { n: position })}>
      <div className="cell-head">
        <span className="exec-count"><span className="visually-hidden">{t('executionCount')} </span><span data-testid="exec-count">[{count}]</span></span>
        <button type="button" data-testid="run-cell" onClick={() => onRun(false)} disabled={cell.status !== 'idle'} title="Ctrl+Enter"><span aria-hidden="true">▶</span> {t('run')}</button>
        <button type="button" data-testid="run-from" onClick={onRunFrom} disabled={cell.status !== 'idle'}>{t('runFromHere')}</button>
        {edited && (
          <>
            <span className="badge edited" data-testid="edited-badge">{t('edited')}</span>
            <button type="button" data-testid="reset-cell" onClick={onReset} disabled={cell.status !== 'idle'}>{t('resetCell')}</button>
          </>
        )}
        {unsaved !== undefined && <span className="badge unsaved" data-testid="unsaved-badge" title={t('notSavedTitle', { reason: unsaved })}>{t('notSaved')}</span>}
        {cell.status !== 'idle' && <span className="badge" data-testid="cell-status">{t(cell.status === 'running' ? 'running' : 'queued')}</span>}
        {cell.status === 'idle' && cell.result && cell.result !== 'ok' && <span className={`badge result-${cell.result}`} data-testid="cell-result">{t(`result_${cell.result}` as MessageKey)}</span>}
        <CellAnnouncer n={position} status={cell.status} result={cell.result} />
      </div>
      <CellToolbar knobs={cell.knobs} support={support} onChange={onKnobs} shown={shown} disabled={cell.status !== 'idle'} label={t('knobsLabel', { n: position })} />
      <CodeEditor value={cell.source} onChange={onEdit} onRun={onRun} label={t('cellLabel', { n: position })} />
      {cell.restored && <RestoredNote />}
      <div className="outputs" data-testid="outputs">
        {cell.outputs.map((o) => <ErrorBoundary key={o.id} lang={lang}><OutputView output={o} onRetry={cell.status === 'idle' ? () => onRun(false) : undefined} /></ErrorBoundary>)}
        {cell.result === 'interrupted' && <p className="out-error" data-testid="interrupted">{t('interrupted')}</p>}
        {cell.needs && onRunNeeded && <NeedsNote needs={cell.needs} cellNumber={cellNumber ?? ((i) => i + 1)} onRun={onRunNeeded} disabled={cell.status !== 'idle'} />}
      </div>
    </section>
  );
}
