// Boxes that scroll sideways on their own (wide tables, code, display math on a phone) must be
// reachable by keyboard, or a keyboard user cannot read their hidden part (WCAG 2.1.1; axe's
// scrollable-region-focusable; Chrome focuses such boxes by itself, Safari does not). A box gets
// tabindex="0" while it overflows and loses it when it fits again, so a table that fits adds no tab stop.
// The boxes come from several components (outputs, charts' data tables, rendered Markdown): one watcher
// over the page covers them all without each component measuring itself.
import { useEffect } from 'react';

export const SCROLL_BOXES = '.data-table, .markdown-cell table, .markdown-cell pre, .out-code, .katex-display';
const MARK = 'data-scroll-box';
/** Boxes measured per read: all their sizes are read before any attribute is written. */
const BATCH = 8;
/** The most time one slice of measuring takes before it yields to the page (a long task is 50 ms). */
const SLICE_MS = 10;

/**
 * Sets or clears the tab stop of each box. Every size is read before any attribute is written: a
 * write between two reads would make the browser lay the page out again for the next read.
 */
export function markScrollBoxes(boxes: readonly HTMLElement[]): void {
  const overflows = boxes.map((el) => el.scrollWidth > el.clientWidth + 1);
  boxes.forEach((el, i) => setStop(el, overflows[i]));
}

/**
 * Gives `el` our tab stop (`on`) or takes ours away; a tabindex of its own is never touched, nor the
 * stop of the box that has the focus (taking it would drop the keyboard's place on the page).
 */
function setStop(el: HTMLElement, on: boolean): void {
  const marked = el.hasAttribute(MARK);
  if (on && !marked && !el.hasAttribute('tabindex')) {
    el.setAttribute('tabindex', '0');
    el.setAttribute(MARK, '');
  } else if (!on && marked && el !== document.activeElement) {
    el.removeAttribute('tabindex');
    el.removeAttribute(MARK);
  }
}

type Later = (fn: () => void) => () => void;
const whenIdle: Later = typeof requestIdleCallback === 'function'
  ? (fn) => { const id = requestIdleCallback(fn, { timeout: 1000 }); return () => cancelIdleCallback(id); }
  : (fn) => { const id = setTimeout(fn, 0); return () => clearTimeout(id); };

/**
 * Whether the browser lays `el` out now. Cells off screen are skipped (`content-visibility: auto`,
 * styles.css); reading a size inside one makes the browser lay that cell out for the read alone, so
 * a lesson's boxes measured in one go held the page for 40–80 ms just after it appeared. A box in a
 * skipped cell keeps a tab stop until it is measured (it may overflow: a keyboard must be able to
 * reach it, and axe says so); it is measured when its cell comes near the screen, and a box that
 * fits then loses the stop before a student tabbing down the page gets to it.
 */
const rendered = (el: HTMLElement): boolean => typeof el.checkVisibility !== 'function' || el.checkVisibility({ contentVisibilityAuto: true });

/**
 * Watches `selector` (the page's main region) for content and size changes, at most every 200 ms,
 * and measures the boxes the browser lays out, in slices of ≤ 10 ms when the page is idle.
 */
export function useScrollBoxes(selector: string): void {
  useEffect(() => {
    const root = document.querySelector(selector);
    if (!root) return;
    let queue: HTMLElement[] = [];
    let timer: ReturnType<typeof setTimeout> | null = null;
    let cancelSlice: (() => void) | null = null;
    // boxes measured since the page last changed width or fonts: one in a cell skipped since keeps its state
    let measured = new WeakSet<HTMLElement>();
    const slice = () => {
      cancelSlice = null;
      const end = performance.now() + SLICE_MS;
      while (queue.length > 0 && performance.now() < end) {
        const shown: HTMLElement[] = [];
        for (const el of queue.splice(0, BATCH)) {
          if (!el.isConnected) continue;
          if (rendered(el)) shown.push(el);
          else if (!measured.has(el)) setStop(el, true); // not measured yet: it may overflow
        }
        markScrollBoxes(shown);
        for (const el of shown) measured.add(el);
      }
      if (queue.length > 0) cancelSlice = whenIdle(slice);
    };
    const schedule = () => {
      timer ??= setTimeout(() => {
        timer = null;
        queue = [...root.querySelectorAll<HTMLElement>(SCROLL_BOXES)];
        cancelSlice ??= whenIdle(slice);
      }, 200);
    };
    const remeasureAll = () => { measured = new WeakSet(); schedule(); };
    const mo = new MutationObserver((records) => {
      // a box whose content changed is measured again (a new box is not in the set yet)
      for (const r of records) {
        const box = (r.target instanceof Element ? r.target : r.target.parentElement)?.closest<HTMLElement>(SCROLL_BOXES);
        if (box) measured.delete(box);
      }
      schedule();
    });
    mo.observe(root, { childList: true, subtree: true, characterData: true });
    // the page's height changes with every output; only a new width (or new fonts) changes what fits
    let width = -1;
    const ro = new ResizeObserver(([entry]) => {
      const w = entry.contentRect.width;
      if (w !== width) { width = w; remeasureAll(); } else schedule();
    });
    ro.observe(root);
    // a web font (KaTeX's) arriving after a box was measured changes its width
    document.fonts?.addEventListener('loadingdone', remeasureAll);
    // a cell coming near the screen is laid out: its boxes can be read (the event does not bubble)
    const shown = (e: Event) => { if (!(e as Event & { skipped?: boolean }).skipped) schedule(); };
    root.addEventListener('contentvisibilityautostatechange', shown, { capture: true });
    schedule();
    return () => {
      mo.disconnect();
      ro.disconnect();
      root.removeEventListener('contentvisibilityautostatechange', shown, { capture: true });
      document.fonts?.removeEventListener('loadingdone', remeasureAll);
      if (timer) clearTimeout(timer);
      cancelSlice?.();
    };
  }, [selector]);
}
