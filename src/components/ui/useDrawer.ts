// The lessons drawer on phones (≤ 800px; on wider screens the sidebar is always shown and this state
// does nothing): the menu button toggles it, Escape and a click outside close it, focus moves into it
// when it opens and back to the button when it closes — unless it closed because the reader picked a
// page, when the page takes the focus (see App).
import { useCallback, useEffect, useRef, useState } from 'react';

/** The widest window where the sidebar is a drawer (styles.css: `@media (max-width: 800px)`). */
export const DRAWER_MAX_WIDTH = 800;

export function useDrawer() {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLElement>(null);
  const focusButton = useRef(true);
  const wasOpen = useRef(false);

  const close = useCallback((returnFocus = true) => {
    focusButton.current = returnFocus;
    setOpen(false);
  }, []);
  const toggle = useCallback(() => {
    if (open) close();
    else setOpen(true);
  }, [open, close]);

  useEffect(() => {
    if (open) panel.current?.querySelector<HTMLElement>('a[href], button')?.focus();
    else if (wasOpen.current && focusButton.current) button.current?.focus();
    wasOpen.current = open;
  }, [open]);

  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || e.defaultPrevented) return;
      e.preventDefault();
      close();
    };
    // the window grows past the drawer's width: the sidebar is shown anyway, and the drawer is closed
    const wide = matchMedia(`(min-width: ${DRAWER_MAX_WIDTH + 1}px)`);
    const onWide = () => { if (wide.matches) close(false); };
    document.addEventListener('keydown', onKey);
    wide.addEventListener('change', onWide);
    return () => {
      document.removeEventListener('keydown', onKey);
      wide.removeEventListener('change', onWide);
    };
  }, [open, close]);

  return { open, toggle, close, button, panel };
}
