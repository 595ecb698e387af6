// The presenter's keyboard (issue 13 §2): in presentation mode, Space or → runs the next code cell and
// scrolls to it; ← or Shift+Space goes back to the previous code cell without running it (stepper.ts
// says which keys count where). The next step starts after the cell that ran last, however it was
// started (a step, its Run button, Run all), and waits while a cell runs or is queued: a second
// press never queues a second training behind the first.
import { useEffect, useRef } from 'react';
import type { Notebook } from '../../notebook/core/notebook';
import { keyPlace, nextCode, prevCode, stepFor } from './stepper';

/** Brings cell `i` to the top of the screen, under the sticky toolbar (present.css sets its margin). */
export function scrollToCell(i: number): void {
  const smooth = typeof matchMedia === 'function' && !matchMedia('(prefers-reduced-motion: reduce)').matches;
  document.querySelector(`[data-cell-index="${i}"]`)?.scrollIntoView({ block: 'start', behavior: smooth ? 'smooth' : 'auto' });
}

export function usePresenter(notebook: Notebook | null, on: boolean): void {
  /** the code cell the presenter stands on (-1: before the first) */
  const cursor = useRef(-1);
  useEffect(() => {
    cursor.current = -1;
    if (!notebook) return;
    let running: number | null = null;
    return notebook.subscribe(() => {
      const r = notebook.getSnapshot().running;
      if (r !== null && r !== running) cursor.current = r;
      running = r;
    });
  }, [notebook]);

  useEffect(() => {
    if (!on || !notebook) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented) return;
      const step = stepFor(e, keyPlace(e.target));
      if (!step) return;
      e.preventDefault(); // Space would scroll the page
      const s = notebook.getSnapshot();
      const kinds = s.cells.map((c) => c.spec.kind);
      if (step === 'back') {
        const i = prevCode(kinds, cursor.current);
        if (i >= 0) {
          cursor.current = i;
          scrollToCell(i);
        }
        return;
      }
      if (s.running !== null || s.queue.length > 0) return;
      const i = nextCode(kinds, cursor.current);
      if (i < 0) return;
      cursor.current = i;
      notebook.run(i);
      scrollToCell(i);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [on, notebook]);
}
