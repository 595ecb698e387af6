import { describe, expect, it } from 'vitest';
import { codeSpans, plainText } from './inlineCode';

describe('codeSpans: backtick pairs in front-matter text', () => {
  it('turns each pair into a code span and keeps the text around it', () => {
    expect(codeSpans('explicar por qué el backend `js` corre como C')).toEqual([
      { code: false, text: 'explicar por qué el backend ' }, { code: true, text: 'js' }, { code: false, text: ' corre como C' },
    ]);
    expect(codeSpans('`parallel().map` y `delayed`')).toEqual([{ code: true, text: 'parallel().map' }, { code: false, text: ' y ' }, { code: true, text: 'delayed' }]);
  });
  it('leaves text without backticks whole, and an unpaired backtick literal', () => {
    expect(codeSpans('sin código')).toEqual([{ code: false, text: 'sin código' }]);
    expect(codeSpans('a `b` c ` d')).toEqual([{ code: false, text: 'a ' }, { code: true, text: 'b' }, { code: false, text: ' c ` d' }]);
    expect(codeSpans('`x` `')).toEqual([{ code: true, text: 'x' }, { code: false, text: ' `' }]);
    expect(codeSpans('')).toEqual([]);
  });
  it('reads without the backticks', () => {
    expect(plainText('el backend `js` y `wasm`')).toBe('el backend js y wasm');
  });
});
