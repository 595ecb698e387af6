// The presenter's keys (issue 13 §2): Space or → runs the next code cell and scrolls to it; ← or
// Shift+Space goes back to the previous one without running it. The keys are the page's only where
// they mean nothing else: never in an editor or a field (they type there), never on a button or a
// link for Space (Space presses it), never where arrows move something (a slider, a chart, a menu),
// never with Ctrl/Alt/Meta, and never behind an open dialog.

export type Step = 'next' | 'back';

/** What the focused element does with keys: 'text' (it takes them all), 'press' (Space presses it), 'arrows' (arrows move in it), 'free'. */
export type KeyPlace = 'text' | 'press' | 'arrows' | 'free';

export interface KeyInfo { key: string; shiftKey: boolean; ctrlKey: boolean; altKey: boolean; metaKey: boolean; isComposing?: boolean; repeat?: boolean }

/** The step a key asks for where the focus is, or null when the key is not the presenter's. */
export function stepFor(e: KeyInfo, place: KeyPlace): Step | null {
  if (e.ctrlKey || e.altKey || e.metaKey || e.isComposing || place === 'text') return null;
  if (e.key === ' ' || e.key === 'Spacebar') {
    if (place === 'press' || e.repeat) return null;
    return e.shiftKey ? 'back' : 'next';
  }
  if (place === 'arrows' || e.shiftKey) return null;
  if (e.key === 'ArrowRight') return 'next';
  if (e.key === 'ArrowLeft') return 'back';
  return null;
}

const TEXT = 'input, textarea, select, [contenteditable]:not([contenteditable="false"]), [role="textbox"], [role="combobox"], .monaco-editor';
const ARROWS = '[role="slider"], [role="tablist"], [role="menu"], [role="listbox"], [role="radiogroup"], .recharts-surface, .recharts-wrapper';
const PRESS = 'button, a[href], summary, label, [role="button"], [role="link"], [role="checkbox"], [role="switch"], [role="tab"]';

/** Where the keyboard focus is, as far as the presenter's keys go. */
export function keyPlace(el: EventTarget | null): KeyPlace {
  if (typeof Element === 'undefined' || !(el instanceof Element)) return 'free';
  if (el.closest(TEXT) || el.closest('dialog[open]')) return 'text';
  if (el.closest(ARROWS)) return 'arrows';
  if (el.closest(PRESS)) return 'press';
  return 'free';
}

/** The first code cell after `from` (-1: before the first cell), or -1 when there is none. */
export function nextCode(kinds: readonly string[], from: number): number {
  for (let i = Math.max(-1, from) + 1; i < kinds.length; i++) if (kinds[i] === 'code') return i;
  return -1;
}

/** The last code cell before `from`, or -1 when there is none. */
export function prevCode(kinds: readonly string[], from: number): number {
  for (let i = Math.min(kinds.length, from) - 1; i >= 0; i--) if (kinds[i] === 'code') return i;
  return -1;
}
