// A table output as the page renders it: every cell and its column's header share an alignment,
// left for text and right for numbers (numbers formatted for the language), so a text column's
// header does not sit at the far right above left-aligned text.
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { LangContext } from '../../i18n/react';
import { OutputView } from './OutputView';

const render = (lang: 'es' | 'en', columns: string[], rows: (string | number)[][]) =>
  renderToStaticMarkup(createElement(LangContext.Provider, { value: lang }, createElement(OutputView, { output: { id: 't', kind: 'table', columns, rows } })));

const classes = (html: string, tag: 'th' | 'td') => [...html.matchAll(new RegExp(`<${tag}[^>]*class="(\\w+)"`, 'g'))].map((m) => m[1]);

describe('OutputView table', () => {
  it('aligns each header like its column: text left, numbers (and numeric text) right', () => {
    const html = render('es', ['medido en', 'ms', 'lote 512 ÷ lote 16'], [['una H100', 55.7, '12,5×'], ['esta celda', 1234, 'más de 12×']]);
    expect(classes(html, 'th')).toEqual(['text', 'num', 'num']);
    expect(classes(html, 'td')).toEqual(['text', 'num', 'num', 'text', 'num', 'text']);
    expect(html).toContain('>1.234<'); // Spanish grouping
  });

  it('a column mixing text and numbers keeps its header on the numbers side; an empty table has numeric headers', () => {
    expect(classes(render('en', ['workers'], [['sequential (js)'], [1], [2]]), 'th')).toEqual(['num']);
    expect(classes(render('en', ['a', 'b'], []), 'th')).toEqual(['num', 'num']);
  });
});
