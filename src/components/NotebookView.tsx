import { useSyncExternalStore } from 'react';
import type { Notebook } from '../notebook/core/notebook';
import { CodeCell } from './cell/CodeCell';
import { focusEditorIn } from './editor/CodeEditor';
import { MarkdownCell } from './cell/MarkdownCell';
import type { BackendSupport } from '../notebook/kernel/protocol';

interface Props {
  notebook: Notebook;
  support: Partial<BackendSupport>;
  /** cells whose edit is not saved (cell index → why) */
  unsaved?: ReadonlyMap<number, string>;
}

/** The cells of one lesson. Shift+Enter runs a cell and moves the focus to the next code cell. */
export function NotebookView({ notebook, support, unsaved }: Props) {
  const state = useSyncExternalStore(notebook.subscribe, notebook.getSnapshot);
  let codeN = 0;
  // a lesson cell index → its number as the page shows it ("cell 2": the 2nd code cell)
  const numbers = new Map<number, number>();
  state.cells.forEach((c, i) => { if (c.spec.kind === 'code') numbers.set(i, numbers.size + 1); });
  const cellNumber = (i: number) => numbers.get(i) ?? i + 1;
  const focusNextAfter = (i: number) => {
    const cells = document.querySelectorAll<HTMLElement>('[data-cell-index]');
    for (const el of cells) {
      if (Number(el.dataset.cellIndex) > i && el.querySelector('[data-testid="code-cell"]')) {
        el.scrollIntoView({ block: 'nearest' });
        focusEditorIn(el);
        return;
      }
    }
  };
  return (
    <div className="notebook" data-testid="notebook" data-lesson={state.lesson.slug}>
      {state.cells.map((c, i) => (
        <div key={`${state.lesson.slug}-${i}`} data-cell-index={i}>
          {c.spec.kind === 'markdown'
            ? <MarkdownCell source={c.source} />
            : (
              <CodeCell
                cell={c} position={++codeN} support={support} unsaved={unsaved?.get(c.spec.index)}
                onEdit={(s) => notebook.edit(i, s)}
                onKnobs={(k) => notebook.setKnobs(i, k)}
                onRun={(advance) => { notebook.run(i); if (advance) focusNextAfter(i); }}
                onRunFrom={() => notebook.runFrom(i)}
                onReset={() => notebook.resetCell(i)}
                onRunNeeded={() => notebook.runNeeded(i)}
                cellNumber={cellNumber}
              />
            )}
        </div>
      ))}
    </div>
  );
}
