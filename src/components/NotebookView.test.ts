import { describe, expect, it } from 'vitest';
import { firstShown } from './NotebookView';

describe('NotebookView: the cells of the first render', () => {
  it('shows the opening up to the first code cell and one more, at least 4, never more than the lesson has', () => {
    expect(firstShown(['markdown', 'markdown', 'markdown', 'markdown', 'markdown', 'code', 'markdown', 'code', 'markdown'])).toBe(7);
    expect(firstShown(['markdown', 'code', 'markdown', 'code', 'markdown', 'code'])).toBe(4);
    expect(firstShown(['markdown', 'markdown', 'markdown', 'markdown', 'markdown', 'markdown'])).toBe(4);
    expect(firstShown(['markdown', 'code'])).toBe(2);
    expect(firstShown([])).toBe(0);
  });
});
