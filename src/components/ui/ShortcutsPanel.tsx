// The keyboard shortcuts panel (issue 12, JupyterLab's habit): `?` — when the focus is not in an
// editor or a field — or the "⌨ Shortcuts" button opens a modal dialog that lists the notebook's
// keys; Escape, Close or a click on the backdrop closes it, and the focus goes back where it was.
// One panel per page: <ShortcutsPanel /> is mounted once (App); any <ShortcutsButton /> opens it.
import { Fragment, useEffect, useId, useRef, useSyncExternalStore, type ReactNode } from 'react';
import type { MessageKey } from '../../i18n';
import { useT } from '../../i18n/react';
import './a11y.css';

let isOpen = false;
let opener: HTMLElement | null = null; // where the focus was when the panel opened
const listeners = new Set<() => void>();
function setOpen(v: boolean): void {
  isOpen = v;
  for (const l of listeners) l();
}
function subscribe(l: () => void): () => void {
  listeners.add(l);
  return () => { listeners.delete(l); };
}

export function openShortcuts(): void {
  if (isOpen) return;
  opener = document.activeElement instanceof HTMLElement && document.activeElement !== document.body ? document.activeElement : null;
  setOpen(true);
}

export function closeShortcuts(): void {
  setOpen(false);
}

/** The panel's state, for a layout that places its own button: `{ open, show, hide }`. */
export function useShortcuts(): { open: boolean; show(): void; hide(): void } {
  const open = useSyncExternalStore(subscribe, () => isOpen, () => false);
  return { open, show: openShortcuts, hide: closeShortcuts };
}

/** Where a typed `?` is text, not a shortcut: a code editor, a field, anything editable. */
export function takesText(el: EventTarget | null): boolean {
  if (!(el instanceof Element)) return false;
  return !!el.closest('input, textarea, select, [contenteditable]:not([contenteditable="false"]), [role="textbox"], .monaco-editor');
}

/** The small button that opens the panel (the layout may place its own; the panel adds a floating one). */
export function ShortcutsButton({ className = '' }: { className?: string }) {
  const t = useT();
  return (
    <button type="button" className={`shortcuts-button ${className}`.trim()} data-testid="shortcuts-button" aria-haspopup="dialog" aria-keyshortcuts="?"
      onClick={openShortcuts}>
      <span aria-hidden="true">⌨</span> {t('kbShortcutsButton')}
    </button>
  );
}

type Key = string | MessageKey;
/** One shortcut: its keys (each alternative a sequence of chords, each chord keys pressed together) and what it does. */
interface Row { keys: Key[][][]; does: MessageKey }

const ROWS: readonly Row[] = [
  { keys: [[['Ctrl', 'keyEnter']]], does: 'kbRun' },
  { keys: [[['keyShift', 'keyEnter']]], does: 'kbRunAdvance' },
  { keys: [[['keyEscape'], ['Tab']]], does: 'kbLeave' },
  { keys: [[['Tab']]], does: 'kbTabEditor' },
  { keys: [[['Tab']], [['keyShift', 'Tab']]], does: 'kbTabOrder' },
  { keys: [[['Ctrl', 'M']]], does: 'kbToggleTab' },
  { keys: [[['?']]], does: 'kbOpen' },
  { keys: [[['keyEscape']]], does: 'kbCloseKey' },
];

function Keys({ keys }: { keys: Key[][][] }) {
  const t = useT();
  const name = (k: Key) => (k.startsWith('key') ? t(k as MessageKey) : k);
  const join = (items: ReactNode[], sep: ReactNode) => items.map((x, i) => <Fragment key={i}>{i > 0 && sep}{x}</Fragment>);
  return (
    <>
      {join(keys.map((seq) => join(seq.map((chord) => <kbd>{join(chord.map((k) => <kbd>{name(k)}</kbd>), '+')}</kbd>), ` ${t('kbThen')} `)), ` ${t('kbOr')} `)}
    </>
  );
}

function ShortcutsDialog() {
  const t = useT();
  const ref = useRef<HTMLDialogElement>(null);
  const close = useRef<HTMLButtonElement>(null);
  const title = useId();
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (!d.open) {
      try { d.showModal(); } catch { d.setAttribute('open', ''); }
    }
    close.current?.focus();
    // Escape: the browser may close the dialog itself (a cancel it does not let us prevent), so both count
    const onCancel = (e: Event) => { e.preventDefault(); closeShortcuts(); };
    d.addEventListener('cancel', onCancel);
    d.addEventListener('close', closeShortcuts);
    return () => {
      d.removeEventListener('cancel', onCancel);
      d.removeEventListener('close', closeShortcuts);
      if (d.open) d.close();
      if (opener?.isConnected) opener.focus();
    };
  }, []);
  return (
    // a click on the backdrop lands on the <dialog> itself; one inside it lands on its content
    <dialog ref={ref} className="shortcuts-dialog" data-testid="shortcuts-panel" aria-labelledby={title}
      onClick={(e) => { if (e.target === ref.current) closeShortcuts(); }}>
      <h2 id={title}>{t('kbShortcutsTitle')}</h2>
      <table>
        <thead><tr><th scope="col">{t('kbKeys')}</th><th scope="col">{t('kbAction')}</th></tr></thead>
        <tbody>
          {ROWS.map((r) => <tr key={r.does}><th scope="row"><Keys keys={r.keys} /></th><td>{t(r.does)}</td></tr>)}
        </tbody>
      </table>
      <p className="shortcuts-note">{t('kbNote')}</p>
      <div className="dialog-actions">
        <button ref={close} type="button" data-testid="shortcuts-close" onClick={closeShortcuts}>{t('kbClose')}</button>
      </div>
    </dialog>
  );
}

/** Mounted once: the `?` key, the panel when open, and (unless the layout has its own) a floating button. */
export function ShortcutsPanel({ floatingButton = true }: { floatingButton?: boolean }) {
  const { open } = useShortcuts();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== '?' || e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented || e.isComposing) return;
      if (takesText(e.target) || document.querySelector('dialog[open]')) return;
      e.preventDefault();
      openShortcuts();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  return (
    <>
      {floatingButton && <ShortcutsButton className="shortcuts-button-floating" />}
      {open && <ShortcutsDialog />}
    </>
  );
}
