import { describe, expect, it } from 'vitest';
import { BACKEND_DASH, BACKEND_MARKER, PALETTES, luminance } from '../../design/tokens';
import { groupStyles, mix, otherColor, seriesStyles, stackStyles } from './seriesStyle';

/** Hue in degrees of a #rrggbb colour. */
function hue(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255);
  const max = Math.max(r, g, b), min = Math.min(r, g, b), d = max - min;
  if (d === 0) return 0;
  const h = max === r ? ((g - b) / d) % 6 : max === g ? (b - r) / d + 2 : (r - g) / d + 4;
  return (h * 60 + 360) % 360;
}
const reddish = (h: number) => h >= 320 || h < 25;
const greenish = (h: number) => h >= 70 && h < 170;

for (const [theme, palette] of Object.entries(PALETTES)) {
  describe(`series styles (${theme})`, () => {
    it('gives a series that names a backend that backend\'s colour, dash and marker', () => {
      const labels = ['js', 'workers ×2', 'wasm threads=2', 'webgpu (resident)'];
      const styles = seriesStyles(labels, palette);
      expect(styles.map((s) => s.color)).toEqual([palette.backend.js, palette.backend.workers, palette.backend.wasm, palette.backend.webgpu]);
      expect(styles.map((s) => s.dash)).toEqual([BACKEND_DASH.js, BACKEND_DASH.workers, BACKEND_DASH.wasm, BACKEND_DASH.webgpu]);
      expect(styles.map((s) => s.marker)).toEqual([BACKEND_MARKER.js, BACKEND_MARKER.workers, BACKEND_MARKER.wasm, BACKEND_MARKER.webgpu]);
    });

    it('keeps a backend\'s colour for its second run and changes the dash', () => {
      const [a, b] = seriesStyles(['wasm threads=1', 'wasm threads=4'], palette);
      expect(b.color).toBe(a.color);
      expect(b.dash).not.toBe(a.dash);
    });

    it('gives other series the further colours, each its own marker, dashes to the reference lines', () => {
      const styles = seriesStyles(['speedup', 'ideal', 'Amdahl fit'], palette, ['ideal', 'Amdahl fit']);
      expect(new Set(styles.map((s) => s.color)).size).toBe(3);
      for (const s of styles) expect(palette.series).toContain(s.color);
      expect(new Set(styles.map((s) => s.marker)).size).toBe(3);
      expect(styles[0].dash).toBeUndefined();
      expect(styles[1].dash).toBeDefined();
      expect(styles[2].dash).toBeDefined();
      expect(styles[1].dash).not.toBe(styles[2].dash);
    });

    it('never puts red next to green among the further colours', () => {
      for (let i = 0; i + 1 < palette.series.length; i++) {
        const [h1, h2] = [hue(otherColor(palette, i)), hue(otherColor(palette, i + 1))];
        expect([i, (reddish(h1) && greenish(h2)) || (greenish(h1) && reddish(h2))]).toEqual([i, false]);
      }
    });

    it('stacks parts in one hue, lighter (or, on dark, dimmer) part by part, each with its own hatch', () => {
      const parts = stackStyles(5, palette);
      const l = parts.map((p) => luminance(p.fill));
      for (let i = 1; i < l.length; i++) {
        if (theme === 'light') expect(l[i]).toBeGreaterThan(l[i - 1]);
        else expect(l[i]).toBeLessThan(l[i - 1]);
      }
      expect(new Set(parts.map((p) => p.hatch)).size).toBe(5);
      expect(parts.every((p) => p.ink === parts[0].fill)).toBe(true);
    });

    it('gives side-by-side series different hatches', () => {
      const g = groupStyles(['gradient', 'reduce+update'], palette);
      expect(g[0].hatch).not.toBe(g[1].hatch);
    });
  });
}

it('mixes two colours', () => {
  expect(mix('#000000', '#ffffff', 0)).toBe('#000000');
  expect(mix('#000000', '#ffffff', 1)).toBe('#ffffff');
  expect(mix('#000000', '#ffffff', 0.5)).toBe('#808080');
});
