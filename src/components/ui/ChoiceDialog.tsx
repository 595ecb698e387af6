// An in-page question with a few answers (a modal <dialog>): reset a lesson, replace an import.
// Escape or the close button answers null (cancel).
import { useEffect, useId, useRef } from 'react';

export interface Choice<T extends string> { value: T; label: string; primary?: boolean }

interface Props<T extends string> {
  message: string;
  choices: readonly Choice<T>[];
  note?: string | null;
  testId?: string;
  onChoose(value: T | null): void;
}

export function ChoiceDialog<T extends string>({ message, choices, note, testId = 'choice-dialog', onChoose }: Props<T>) {
  const ref = useRef<HTMLDialogElement>(null);
  const id = useId();
  const cb = useRef(onChoose);
  useEffect(() => { cb.current = onChoose; });
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (!d.open) {
      try { d.showModal(); } catch { d.setAttribute('open', ''); }
    }
    const onCancel = (e: Event) => { e.preventDefault(); cb.current(null); };
    // Escape without a user gesture first: the browser closes the dialog itself (its cancel cannot be
    // prevented); answer null then too, or the page would keep a closed dialog it thinks is asking
    const onClose = () => cb.current(null);
    d.addEventListener('cancel', onCancel);
    d.addEventListener('close', onClose);
    return () => { d.removeEventListener('cancel', onCancel); d.removeEventListener('close', onClose); if (d.open) d.close(); };
  }, []);
  return (
    <dialog ref={ref} className="choice-dialog" data-testid={testId} aria-labelledby={`${id}-q`}>
      <p id={`${id}-q`}>{message}</p>
      {note && <p className="dialog-note" role="status" data-testid={`${testId}-note`}>{note}</p>}
      <div className="dialog-actions">
        {choices.map((c) => (
          <button key={c.value} type="button" data-testid={`${testId}-${c.value}`} className={c.primary ? 'primary' : undefined} onClick={() => onChoose(c.value)}>{c.label}</button>
        ))}
      </div>
    </dialog>
  );
}
