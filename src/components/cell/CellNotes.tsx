// What a code cell says about its state beside its outputs (issue 12 §5): outputs restored from an
// earlier session, and "run cell N first" with a button that runs the cells it needs.
import type { ReactNode } from 'react';
import type { MessageKey } from '../../i18n';
import { useLang, useT } from '../../i18n/react';
import type { Needs } from '../../notebook/core/needs';
import './cellNotes.css';

/** `a` and `b` in text become code. */
function withCode(text: string): ReactNode[] {
  return text.split('`').map((part, i) => (i % 2 ? <code key={i}>{part}</code> : part));
}

export function RestoredNote() {
  const t = useT();
  return <p className="cell-note restored-note" role="note" data-testid="restored-note">{t('restoredNote')}</p>;
}

const REASON: Record<Needs['reason'], MessageKey> = { notRun: 'needsNotRun', stopped: 'needsStopped', error: 'needsError', interrupted: 'needsInterrupted' };

/** `cellNumber`: a lesson cell index as the page numbers code cells (1-based). */
export function NeedsNote({ needs, cellNumber, onRun, disabled }: { needs: Needs; cellNumber(index: number): number; onRun(): void; disabled: boolean }) {
  const t = useT();
  const lang = useLang();
  const cells = new Intl.ListFormat(lang, { type: 'conjunction' }).format(needs.run.map((i) => String(cellNumber(i))));
  return (
    <p className="cell-note needs-note" role="alert" data-testid="needs-note" data-name={needs.name} data-reason={needs.reason}>
      {withCode(t(REASON[needs.reason], { name: needs.name, cell: cellNumber(needs.definer) }))}{' '}
      <button type="button" data-testid="run-needed" onClick={onRun} disabled={disabled}>
        {t(needs.run.length === 1 ? 'runNeeded_one' : 'runNeeded_other', { cells })}
      </button>
    </p>
  );
}
