import { expect, it } from 'vitest';
import { linesFrom, visibleEnd } from './TextOutput';

it('shows a page of a long text at a time, by characters and, for folded lines, by lines', () => {
  const big = 'x'.repeat(250_000);
  expect(visibleEnd(big, 1)).toBe(100_000);
  expect(visibleEnd(big, 3)).toBe(250_000);
  const lines = Array.from({ length: 1000 }, (_, i) => `line ${i}`).join('\n');
  expect(visibleEnd(lines, 0, 100_000, 200)).toBe(0);
  const one = visibleEnd(lines, 1, 100_000, 200);
  expect(lines.slice(0, one).split('\n')).toHaveLength(200);
  expect(lines.slice(0, one).endsWith('line 199')).toBe(true);
  expect(linesFrom(lines, one)).toBe(800);
  expect(linesFrom(lines, 0)).toBe(1000);
  expect(visibleEnd(lines, 5, 100_000, 200)).toBe(lines.length);
  expect(linesFrom(lines, lines.length)).toBe(0);
});
