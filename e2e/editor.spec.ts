// The code editor's JavaScript colouring (issue 12): identifiers with accents (`época`, `pérdida`,
// `dígito`: valid JavaScript) are identifiers, not `invalid` (painted red). Tokens come from
// Monaco's own tokenizer with the grammar the app registers (src/components/editor/unicodeJs.ts).
import { expect, test } from './fixtures';

test('accented identifiers get identifier tokens, never invalid', async ({ page }) => {
  await page.goto('/harness.html');
  await expect(page.locator('#status')).toHaveText('harness ready');
  const src = 'const época = 1; pérdida(dígito);\nclass Época { #señal = ñandú_2 + $x; }\nconst s = `${época} y ${`${dígito}`}`; // ¿pérdida?';
  const lines = await page.evaluate((s) => window.harness.editorTokens(s), src);
  const words = lines.flatMap((tokens, i) => {
    const line = src.split('\n')[i];
    return tokens.map((t, j) => ({ text: line.slice(t.offset, tokens[j + 1]?.offset ?? line.length).trim(), type: t.type }));
  });
  expect(words.filter((w) => w.type.includes('invalid'))).toEqual([]);
  for (const text of ['época', 'pérdida', 'dígito', 'ñandú_2', '$x']) expect(words).toContainEqual({ text, type: 'identifier.js' });
  expect(words).toContainEqual({ text: 'const', type: 'keyword.js' });
  expect(words).toContainEqual({ text: 'Época', type: 'type.identifier.js' });
  expect(words).toContainEqual({ text: '#señal', type: 'identifier.js' });
  // inside a template literal's ${…} too, and the comment stays a comment
  expect(words.filter((w) => w.text === 'época')).toHaveLength(2);
  expect(words.at(-1)).toEqual({ text: '// ¿pérdida?', type: 'comment.js' });
});
