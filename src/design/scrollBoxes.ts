// Boxes that scroll sideways on their own (wide tables, code, display math on a phone) must be
// reachable by keyboard, or a keyboard user cannot read their hidden part (WCAG 2.1.1; axe's
// scrollable-region-focusable; Chrome focuses such boxes by itself, Safari does not). A box gets
// tabindex="0" while it overflows and loses it when it fits again, so a table that fits adds no tab stop.
// The boxes come from several components (outputs, charts' data tables, rendered Markdown): one watcher
// over the page covers them all without each component measuring itself.
import { useEffect } from 'react';

export const SCROLL_BOXES = '.data-table, .markdown-cell table, .markdown-cell pre, .out-code, .katex-display';
const MARK = 'data-scroll-box';

export function markScrollBoxes(root: ParentNode): void {
  // every size is read before any attribute is written: a write between two reads would make the
  // browser lay the page out again for the next read (on a lesson's first paint: once per box)
  const boxes = [...root.querySelectorAll<HTMLElement>(SCROLL_BOXES)];
  const overflows = boxes.map((el) => el.scrollWidth > el.clientWidth + 1);
  boxes.forEach((el, i) => {
    const marked = el.hasAttribute(MARK);
    if (overflows[i] && !marked && !el.hasAttribute('tabindex')) {
      el.setAttribute('tabindex', '0');
      el.setAttribute(MARK, '');
    } else if (!overflows[i] && marked) {
      el.removeAttribute('tabindex');
      el.removeAttribute(MARK);
    }
  });
}

/** Watches `selector` (the page's main region) for content and size changes, at most every 200 ms. */
export function useScrollBoxes(selector: string): void {
  useEffect(() => {
    const root = document.querySelector(selector);
    if (!root) return;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const schedule = () => {
      timer ??= setTimeout(() => { timer = null; markScrollBoxes(root); }, 200);
    };
    const mo = new MutationObserver(schedule);
    mo.observe(root, { childList: true, subtree: true, characterData: true });
    const ro = new ResizeObserver(schedule);
    ro.observe(root);
    schedule();
    return () => {
      mo.disconnect();
      ro.disconnect();
      if (timer) clearTimeout(timer);
    };
  }, [selector]);
}
