import { startTransition, useEffect, useState, useSyncExternalStore } from 'react';
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

/** Cells in the first render: the lesson's opening up to its first code cell and the cell after it (what a screen shows first). */
export function firstShown(kinds: readonly ('markdown' | 'code')[]): number {
  const code = kinds.indexOf('code');
  return Math.min(kinds.length, Math.max(4, code < 0 ? 4 : code + 2));
}
/** Cells added per step after that, each step in a task of its own (a code cell renders in about 10–20 ms on a slow laptop). */
const STEP = 2;

/**
 * How many of the lesson's cells are rendered: the first screen at once, then the rest a few cells
 * per task (issue 18 §5). A lesson rendered whole in one task kept the page busy for 200–400 ms
 * after its text appeared, so a first click or keypress waited for the cells far below it.
 */
function useShownCells(slug: string, kinds: readonly ('markdown' | 'code')[]): number {
  const [shown, setShown] = useState(() => ({ slug, n: firstShown(kinds) }));
  const n = shown.slug === slug ? shown.n : firstShown(kinds);
  useEffect(() => {
    if (n >= kinds.length) return;
    const id = setTimeout(() => startTransition(() => setShown({ slug, n: n + STEP })), 0);
    return () => clearTimeout(id);
  }, [slug, n, kinds.length]);
  return Math.min(n, kinds.length);
}

/** The cells of one lesson. Shift+Enter runs a cell and moves the focus to the next code cell. */
export function NotebookView({ notebook, support, unsaved }: Props) {
  const state = useSyncExternalStore(notebook.subscribe, notebook.getSnapshot);
  const shownCells = useShownCells(state.lesson.slug, state.cells.map((c) => c.spec.kind));
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
    <div className="notebook" data-testid="notebook" data-lesson={state.lesson.slug} data-complete={shownCells === state.cells.length || undefined}>
      {state.cells.slice(0, shownCells).map((c, i) => (
        <div key={`${state.lesson.slug}-${i}`} data-cell-index={i}>
          {c.spec.kind === 'markdown'
            ? <MarkdownCell source={c.source} html={c.source === c.spec.source ? c.spec.html : undefined} />
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
