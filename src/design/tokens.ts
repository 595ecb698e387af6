// Design tokens shared by CSS (src/design/tokens.css) and by code that cannot read CSS variables
// (SVG charts drawn by recharts, canvases). One colour per backend, the same in every chart, lane and
// legend, in both themes; every colour here has at least 4.5:1 contrast against its theme's surface
// (checked in tokens.test.ts), so it can be used for text as well as for lines.
import type { BackendName } from '../backends/types';

export type Theme = 'light' | 'dark';

export interface Palette {
  surface: string; // cards, charts
  page: string; // the page behind them
  text: string;
  muted: string;
  line: string; // grid lines, borders (decorative: no contrast requirement)
  accent: string;
  bad: string;
  ok: string;
  backend: Record<BackendName, string>;
  /** further series (not a backend), in order; distinguishable with the backends */
  series: readonly string[];
}

export const PALETTES: Record<Theme, Palette> = {
  light: {
    surface: '#ffffff', page: '#f6f7f9', text: '#1b1e24', muted: '#545b68', line: '#d9dde4',
    accent: '#1f5fbf', bad: '#b3261e', ok: '#1e7a3c',
    backend: { js: '#5c6370', workers: '#1f5fbf', wasm: '#b35900', webgpu: '#0f7b6c' },
    series: ['#8e3fb0', '#a3385e', '#566d0f', '#2f6f9f', '#7a5c00', '#5c4bb3'],
  },
  dark: {
    surface: '#1c1f26', page: '#14161b', text: '#e8eaef', muted: '#a9b0bd', line: '#343944',
    accent: '#7fb0ff', bad: '#ff8a80', ok: '#6fd68f',
    backend: { js: '#b6bcc8', workers: '#7fb0ff', wasm: '#ffaa5c', webgpu: '#3fd2b4' },
    series: ['#d59bf0', '#ff8fb4', '#b9d86a', '#8cc8f5', '#e8c55c', '#b3a8ff'],
  },
};

/** Dash pattern per backend, so a line is told apart without its colour (undefined: solid). */
export const BACKEND_DASH: Record<BackendName, string | undefined> = {
  js: undefined, workers: '8 4', wasm: '2 3', webgpu: '10 3 2 3',
};

/** Marker shape per backend (recharts dot shapes / legend icons). */
export const BACKEND_MARKER: Record<BackendName, 'circle' | 'square' | 'triangle' | 'diamond'> = {
  js: 'circle', workers: 'square', wasm: 'triangle', webgpu: 'diamond',
};

const BACKENDS: readonly BackendName[] = ['js', 'workers', 'wasm', 'webgpu'];

/** The backend a series label names ("wasm threads=2", "workers ×4", "webgpu (resident)"), if any. */
export function backendOf(label: string): BackendName | undefined {
  const m = label.trim().toLowerCase().match(/^(js|workers|wasm|webgpu)\b/);
  return m ? (m[1] as BackendName) : BACKENDS.find((b) => label.toLowerCase().includes(b));
}

/** WCAG relative luminance of a #rrggbb colour. */
export function luminance(hex: string): number {
  const c = hex.replace('#', '');
  const [r, g, b] = [0, 2, 4].map((i) => parseInt(c.slice(i, i + 2), 16) / 255)
    .map((v) => (v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG contrast ratio of two #rrggbb colours (1 to 21). */
export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}
