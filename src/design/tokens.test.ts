import { describe, expect, it } from 'vitest';
import { BACKEND_DASH, PALETTES, backendOf, contrast } from './tokens';

describe('design tokens', () => {
  it('computes WCAG contrast (black on white is 21:1, a colour on itself 1:1)', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrast('#1f5fbf', '#1f5fbf')).toBe(1);
    expect(contrast('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
  });

  for (const [theme, p] of Object.entries(PALETTES)) {
    it(`${theme}: text, backend and series colours reach 4.5:1 on the surface and on the page`, () => {
      const fg = { text: p.text, muted: p.muted, accent: p.accent, bad: p.bad, ok: p.ok, ...p.backend, ...Object.fromEntries(p.series.map((c, i) => [`series${i}`, c])) };
      for (const [name, c] of Object.entries(fg)) {
        for (const bg of [p.surface, p.page]) expect([name, bg, contrast(c, bg) >= 4.5]).toEqual([name, bg, true]);
      }
    });
  }

  it('gives every backend its own colour and dash pattern', () => {
    for (const p of Object.values(PALETTES)) expect(new Set(Object.values(p.backend)).size).toBe(4);
    expect(new Set(Object.values(BACKEND_DASH)).size).toBe(4);
  });

  it('finds the backend a series label names', () => {
    expect(backendOf('wasm threads=2')).toBe('wasm');
    expect(backendOf('workers ×4')).toBe('workers');
    expect(backendOf('webgpu (resident)')).toBe('webgpu');
    expect(backendOf('js')).toBe('js');
    expect(backendOf('ideal')).toBeUndefined();
  });
});
