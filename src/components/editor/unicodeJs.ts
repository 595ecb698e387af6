// Monaco's JavaScript grammar (a Monarch definition shared with TypeScript) matches identifiers with
// ASCII classes only (`[a-z_$][\w$]*`), so `época`, `pérdida` or `dígito` — valid JavaScript, and
// natural in Spanish lessons — fall through to its default token, `invalid`, painted red. This is
// the same grammar with identifiers as the language defines them: a Unicode ID_Start character (or
// `$`, `_`) followed by ID_Continue characters (or `$`, ZWNJ, ZWJ). Monarch compiles every rule with
// the `u` flag when the definition says `unicode: true`; the grammar's other rules are valid there.
import type { languages } from 'monaco-editor';

const ID_CONTINUE = String.raw`[\p{ID_Continue}$\u200C\u200D]*`;

/** Identifier rules, as the base grammar splits them: a capitalised name is a type (class) name;
 * any other one is a keyword when it is one (`@keywords`), else an identifier. */
export const IDENTIFIER_RULES: languages.IMonarchLanguageRule[] = [
  [new RegExp(String.raw`#?(?!\p{Lu})[\p{ID_Start}$_]` + ID_CONTINUE, 'u'), { cases: { '@keywords': 'keyword', '@default': 'identifier' } }],
  [new RegExp(String.raw`\p{Lu}` + ID_CONTINUE, 'u'), 'type.identifier'],
];

/** `base` (Monaco's JavaScript definition) with Unicode identifiers: the rules above go first in
 * its `common` state (which `root` and template-literal `${…}` include), so they take every
 * identifier before the ASCII rules could. */
export function withUnicodeIdentifiers(base: languages.IMonarchLanguage): languages.IMonarchLanguage {
  const common = base.tokenizer.common;
  if (!common) throw new Error('Monaco\'s JavaScript grammar has no "common" state: update src/components/editor/unicodeJs.ts');
  return { ...base, unicode: true, tokenizer: { ...base.tokenizer, common: [...IDENTIFIER_RULES, ...common] } };
}
