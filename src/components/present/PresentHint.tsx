import { useSyncExternalStore } from 'react';
import { useT } from '../../i18n/react';
import type { Notebook } from '../../notebook/core/notebook';

/** The presenter's keys, small, in the toolbar; while a cell runs, that the next step waits for it. */
export function PresentHint({ notebook }: { notebook: Notebook }) {
  const t = useT();
  const s = useSyncExternalStore(notebook.subscribe, notebook.getSnapshot);
  const busy = s.running !== null || s.queue.length > 0;
  return (
    <p className="present-hint" data-testid="present-hint">
      <span><kbd>{t('presentKeySpace')}</kbd> / <kbd>→</kbd> {t('presentHintNext')}</span>
      <span><kbd>←</kbd> / <kbd>{t('presentKeyShift')}+{t('presentKeySpace')}</kbd> {t('presentHintBack')}</span>
      {busy && <span className="present-busy" data-testid="present-busy">{t('presentHintBusy')}</span>}
    </p>
  );
}
