// The progress output as the page renders it: a native <progress> (role progressbar) named by its
// label, whose aria-valuetext says in words what the bar and the line beside it show.
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { LangContext } from '../../i18n/react';
import { ProgressView } from './ProgressView';

const render = (lang: 'es' | 'en', props: Parameters<typeof ProgressView>[0]) =>
  renderToStaticMarkup(createElement(LangContext.Provider, { value: lang }, createElement(ProgressView, props)));

const attr = (html: string, name: string) => html.match(new RegExp(`<progress[^>]* ${name}="([^"]*)"`))?.[1];

describe('ProgressView', () => {
  it('names the bar by its label and says the percentage and the detail in words', () => {
    const html = render('es', { label: 'Entrenando js', value: 120, max: 469, detail: 'lote 120 de 469 · 5.230 muestras/s · quedan ~9 s' });
    const labelId = attr(html, 'aria-labelledby');
    expect(labelId).toBeTruthy();
    expect(html).toContain(`id="${labelId}">Entrenando js</span>`);
    expect(attr(html, 'aria-valuetext')).toBe('26 % · lote 120 de 469 · 5.230 muestras/s · quedan ~9 s');
    expect(attr(html, 'value')).toBe('120');
    expect(attr(html, 'max')).toBe('469');
    expect(html).toContain('data-percent="26"');
  });

  it('without a detail (an output saved before it existed) still says the percentage', () => {
    const html = render('en', { label: 'Loading MNIST', value: 5, max: 10 });
    expect(attr(html, 'aria-valuetext')).toBe('50%');
    expect(html).not.toContain('progress-detail');
  });

  it('an unknown total is an indeterminate bar that says it is under way', () => {
    const html = render('en', { label: 'Loading MNIST', value: 0, max: 0 });
    expect(attr(html, 'value')).toBeUndefined();
    expect(attr(html, 'aria-valuetext')).toBe('in progress');
  });

  it('keeps a forged value inside 0..100%', () => {
    expect(attr(render('en', { label: 'x', value: 50, max: 10 }), 'aria-valuetext')).toBe('100%');
    expect(attr(render('en', { label: 'x', value: -5, max: 10 }), 'aria-valuetext')).toBe('0%');
  });
});
