import { useSyncExternalStore } from 'react';
import type { Lang } from '../../i18n';
import { optionProblemText } from '../../i18n/options';
import { useLang, useT } from '../../i18n/react';
import type { Notebook } from '../../notebook/core/notebook';
import type { ImportedNotebook, ImportNote } from '../../notebook/ipynb';

/**
 * Imports whose code has run in this page session. Kept by the parsed notebook, not by the view: a
 * language switch remounts the notice and keeps the answer; a reload parses the file again and
 * starts untrusted (nothing has run in the new page).
 */
const ranImports = new WeakSet<ImportedNotebook>();

function noteText(t: ReturnType<typeof useT>, lang: Lang, n: ImportNote): string {
  switch (n.kind) {
    case 'knobInvalid': return t('importNoteKnobInvalid', { cell: n.cell, problem: optionProblemText(lang, n.problem) });
    case 'knobUnknown': return t('importNoteKnobUnknown', { cell: n.cell, key: n.key });
    case 'knobsNotObject': return t('importNoteKnobsNotObject', { cell: n.cell });
    case 'outputAsText': return t('importNoteOutputAsText', { cell: n.cell, mime: n.mime });
    case 'outputHidden': return t('importNoteOutputHidden', { cell: n.cell, mime: n.mime });
  }
}

/**
 * An imported notebook is untrusted: the notice says that nothing in it has run and that its code
 * runs only when the student presses Run; after the first run (in this page session) it says so.
 * Below it, what the import dropped or shows as text (invalid knobs, HTML/SVG/script outputs).
 */
export function ImportNotice({ notebook, imported }: { notebook: Notebook; imported: ImportedNotebook }) {
  const t = useT();
  const lang = useLang();
  const state = useSyncExternalStore(notebook.subscribe, notebook.getSnapshot);
  // latched: clearing the outputs afterwards does not make the code un-run (adding is idempotent)
  if (state.cells.some((c) => c.status !== 'idle' || c.result !== null)) ranImports.add(imported);
  const ran = ranImports.has(imported);
  const notes = imported.notes.slice(0, 50);
  return (
    <div className={`banner import-notice${ran ? ' ran' : ''}`} role="note" data-testid="import-notice" data-ran={ran}>
      <p>{t(ran ? 'importNoticeRan' : 'importNotice', { file: imported.fileName })}</p>
      {notes.length > 0 && (
        <details data-testid="import-notes" open>
          <summary>{t('importNotesTitle')}</summary>
          <ul>{notes.map((n, i) => <li key={i}>{noteText(t, lang, n)}</li>)}</ul>
          {imported.notes.length > notes.length && <p>… +{imported.notes.length - notes.length}</p>}
        </details>
      )}
    </div>
  );
}
