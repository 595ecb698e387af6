// tokens.css against tokens.ts: one source of truth for colour. The CSS variables that tokens.ts names
// must hold PALETTES' values in each theme; the colours only CSS has must keep AA contrast; and
// styles.css may not write a colour of its own.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { BackendName } from '../backends/types';
import { PALETTES, contrast, type Palette, type Theme } from './tokens';

const css = readFileSync(new URL('./tokens.css', import.meta.url), 'utf8');
const styles = readFileSync(new URL('../styles.css', import.meta.url), 'utf8');

/** The custom properties declared in the first block of `text` that starts with `selector {`. */
function declarations(text: string, start: number): Map<string, string> {
  const open = text.indexOf('{', start);
  const close = text.indexOf('}', open);
  const vars = new Map<string, string>();
  for (const m of text.slice(open + 1, close).matchAll(/--([\w-]+)\s*:\s*([^;]+);/g)) vars.set(m[1], m[2].trim().toLowerCase());
  return vars;
}

function themeVars(theme: Theme): Map<string, string> {
  const dark = css.indexOf('@media (prefers-color-scheme: dark)');
  expect(dark).toBeGreaterThan(0);
  // light: the first `:root` block of the file; dark: the `:root` block inside the media query
  return theme === 'light' ? declarations(css, css.indexOf(':root')) : declarations(css, css.indexOf(':root', dark));
}

const BACKENDS: readonly BackendName[] = ['js', 'workers', 'wasm', 'webgpu'];

/** CSS variable → the palette's value. */
function expected(p: Palette): Record<string, string> {
  return {
    page: p.page, surface: p.surface, fg: p.text, muted: p.muted, line: p.line, accent: p.accent, bad: p.bad, ok: p.ok,
    ...Object.fromEntries(BACKENDS.map((b) => [`c-${b}`, p.backend[b]])),
  };
}

describe('tokens.css', () => {
  for (const theme of ['light', 'dark'] as const) {
    const vars = themeVars(theme);
    const p = PALETTES[theme];

    it(`${theme}: every colour tokens.ts names has the same value in CSS`, () => {
      for (const [name, value] of Object.entries(expected(p))) expect([name, vars.get(name)]).toEqual([name, value.toLowerCase()]);
    });

    it(`${theme}: text on the CSS-only backgrounds reaches 4.5:1, control borders 3:1`, () => {
      const v = (n: string) => {
        const c = vars.get(n);
        expect(c, n).toMatch(/^#[0-9a-f]{6}$/);
        return c!;
      };
      const text: [string, string][] = [
        ['fg', 'code-bg'], ['muted', 'code-bg'], ['accent', 'code-bg'],
        ['on-accent', 'accent'], ['accent', 'accent-soft'], ['fg', 'accent-soft'],
        ['bad', 'bad-soft'], ['fg', 'bad-soft'], ['ok', 'ok-soft'],
        ['warn-fg', 'warn-bg'], ['fg', 'warn-bg'],
      ];
      for (const [fg, bg] of text) expect([fg, bg, contrast(v(fg), v(bg)) >= 4.5]).toEqual([fg, bg, true]);
      for (const bg of ['surface', 'page', 'code-bg']) expect(['control-line', bg, contrast(v('control-line'), v(bg)) >= 3]).toEqual(['control-line', bg, true]);
    });

    it(`${theme}: declares every colour the light theme declares`, () => {
      const light = themeVars('light');
      const colours = [...light].filter(([, value]) => /^(#|rgb)/.test(value)).map(([name]) => name);
      for (const name of colours) expect([name, vars.has(name)]).toEqual([name, true]);
    });
  }

  it('the parser reads a block (so the checks above can fail)', () => {
    const vars = declarations(':root { --a: #ABCDEF; --b : 1px; }', 0);
    expect(vars.get('a')).toBe('#abcdef');
    expect(vars.get('b')).toBe('1px');
  });
});

describe('styles.css', () => {
  it('imports the tokens and writes no colour of its own (every colour is a token)', () => {
    expect(styles).toContain("@import './design/tokens.css'");
    const code = styles.replace(/\/\*[\s\S]*?\*\//g, '');
    expect(code.match(/#[0-9a-f]{3,8}\b|\brgba?\(|\bhsla?\(/gi)).toBeNull();
  });
});
