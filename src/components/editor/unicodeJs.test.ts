import { describe, expect, it } from 'vitest';
import type { languages } from 'monaco-editor';
import { IDENTIFIER_RULES, withUnicodeIdentifiers } from './unicodeJs';

/** What Monarch does with a rule's regex: anchored at the current position, compiled with the lexer's `u` flag. */
function matchAt(rule: languages.IMonarchLanguageRule, text: string): string | null {
  const re = Array.isArray(rule) ? rule[0] : rule.regex;
  const source = typeof re === 'string' ? re : re!.source;
  return new RegExp(`^(?:${source})`, 'u').exec(text)?.[0] ?? null;
}

const [plain, capital] = IDENTIFIER_RULES;

describe('Unicode identifiers for the editor', () => {
  it('takes whole accented identifiers, as JavaScript defines them', () => {
    for (const id of ['época', 'pérdida', 'dígito', 'ñandú_2', '$x', '_y', 'año1', '#señal', 'x\u200Dy']) expect(matchAt(plain, `${id} = 1`)).toBe(id);
    expect(matchAt(capital, 'Época {')).toBe('Época');
    expect(matchAt(capital, 'Ñu.x')).toBe('Ñu');
  });

  it('leaves capitalised names to the type rule, and never starts at a digit or a symbol', () => {
    expect(matchAt(plain, 'Época')).toBeNull();
    for (const s of ['1abc', '¿qué', '·x', '-x']) {
      expect(matchAt(plain, s)).toBeNull();
      expect(matchAt(capital, s)).toBeNull();
    }
  });

  it('goes first in the grammar\'s common state, with the unicode flag on', () => {
    const base: languages.IMonarchLanguage = { defaultToken: 'invalid', tokenizer: { root: [{ include: 'common' }], common: [[/[a-z_$][\w$]*/, 'identifier']] } };
    const got = withUnicodeIdentifiers(base);
    expect(got.unicode).toBe(true);
    expect(got.tokenizer.common).toEqual([...IDENTIFIER_RULES, ...base.tokenizer.common]);
    expect(got.tokenizer.root).toBe(base.tokenizer.root);
    expect(() => withUnicodeIdentifiers({ tokenizer: { root: [] } })).toThrow(/common/);
  });
});
