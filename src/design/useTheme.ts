// The theme follows the system setting (prefers-color-scheme), live. CSS reads the same through
// @media (prefers-color-scheme: dark); code that draws with colours (charts, canvases) reads this.
import { useSyncExternalStore } from 'react';
import { PALETTES, type Palette, type Theme } from './tokens';

const query = () => (typeof matchMedia === 'function' ? matchMedia('(prefers-color-scheme: dark)') : null);

function subscribe(fn: () => void): () => void {
  const q = query();
  q?.addEventListener('change', fn);
  return () => q?.removeEventListener('change', fn);
}

export function currentTheme(): Theme {
  return query()?.matches ? 'dark' : 'light';
}

export function useTheme(): Theme {
  return useSyncExternalStore(subscribe, currentTheme, () => 'light');
}

export function usePalette(): Palette {
  return PALETTES[useTheme()];
}
