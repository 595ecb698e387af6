import { describe, expect, it } from 'vitest';
import { parseLesson } from './lesson';
import { renderMarkdown } from './markdown';

const SRC = [
  '# Título',
  'Texto con $x^2$.',
  '```python',
  'print("no es una celda")',
  '```',
  '```js cell backend=workers batchSize=512 simd=false',
  'const a = 1;',
  '```',
  'Más texto.',
].join('\n');

describe('lesson parsing', () => {
  it('splits markdown and code cells, with cell options', () => {
    const l = parseLesson(SRC, '04-procesos', 'es');
    expect(l.title).toBe('Título');
    expect(l.key).toBe('04');
    expect(l.cells.map((c) => c.kind)).toEqual(['markdown', 'code', 'markdown']);
    expect(l.cells[0].source).toContain('print("no es una celda")');
    expect(l.cells[1]).toMatchObject({ source: 'const a = 1;', options: { backend: 'workers', batchSize: 512, simd: false } });
    expect(l.goals).toEqual([]);
    expect(l.minutes).toBeUndefined();
  });

  it('reads front matter (minutes, summary, goals) and keeps it out of the cells', () => {
    const l = parseLesson(`---\nminutes: 15\nsummary: Una frase.\ngoals:\n- medir algo\n- comparar: dos cosas\nother: x\n---\n${SRC}`, '04-procesos', 'es');
    expect(l).toMatchObject({ title: 'Título', minutes: 15, summary: 'Una frase.', goals: ['medir algo', 'comparar: dos cosas'] });
    expect(l.cells.map((c) => c.kind)).toEqual(['markdown', 'code', 'markdown']);
    expect(l.cells[0].source.startsWith('# Título')).toBe(true);
    // no closing line: not front matter, the source is kept whole
    expect(parseLesson('---\nminutes: 3\n# T\n', '01-x', 'en').minutes).toBeUndefined();
  });
});

describe('markdown rendering', () => {
  it('escapes raw HTML so an <img onerror> never becomes an element', () => {
    const html = renderMarkdown('hola <img src=x onerror="alert(1)"> <script>alert(2)</script>');
    expect(html).not.toMatch(/<img|<script/);
    expect(html).toContain('&lt;img');
  });

  it('refuses javascript: links', () => {
    expect(renderMarkdown('[x](javascript:alert(1))')).not.toContain('href="javascript:');
  });

  it('renders inline and display math with KaTeX', () => {
    expect(renderMarkdown('a $x^2$ b')).toContain('class="katex"');
    expect(renderMarkdown('$$\\sum_i x_i$$')).toContain('katex-display');
    expect(renderMarkdown('cuesta $ 5 y $ 6')).not.toContain('katex');
    // a notebook's attachments are never fetched: a placeholder names the file
    const att = renderMarkdown('![plot](attachment:my%20plot.png) ![x](attachment:<b>.png)');
    expect(att).toContain('📎 my plot.png');
    expect(att).not.toContain('attachment:');
    expect(att).not.toContain('<img');
  });
});
