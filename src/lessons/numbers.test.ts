// Issue 16 §7: a number a lesson prints is written the way the notebook's language writes it
// (0,4510 and 9,9 % in Spanish), so lesson cells format with `fmt` (src/notebook/kernel/fmt.ts), never
// with toFixed / toLocaleString / toExponential / toPrecision, which always write "0.4510".
// Two uses stay allowed: `+x.toFixed(3)` keeps a NUMBER (rounded) that the page formats itself, and a
// comparison with a literal (`loss.toFixed(4) === '0.9440'`) prints nothing.
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseLesson } from '../notebook/core/lesson';

const FORMATTERS = /(^|[^+\w])([\w$.[\]()]*?)\.(toFixed|toLocaleString|toExponential|toPrecision)\(/;

function printedByHand(code: string): string[] {
  return code.split('\n').filter((line) => {
    if (/\.to(Fixed|LocaleString|Exponential|Precision)\([^)]*\)\s*===\s*'/.test(line)) return false;
    // strip the allowed numeric roundings: +x.toFixed(n), +(expr).toFixed(n)
    const rest = line.replace(/\+\s*(\((?:[^()]|\([^()]*\))*\)|[\w$.[\]]+(?:\([^()]*\))?)\.toFixed\(\d\)/g, '');
    return FORMATTERS.test(rest);
  });
}

describe('lesson cells print numbers for the language', () => {
  it('spots a hand-formatted number and lets numeric roundings and comparisons through', () => {
    expect(printedByHand("show.text(`acc ${(run.accuracy * 100).toFixed(2)}%`);")).toHaveLength(1);
    expect(printedByHand("show.text(`n = ${n.toLocaleString('es')}`);")).toHaveLength(1);
    expect(printedByHand("show.table([{ ms: +ms.toFixed(3), x: +(a / b).toFixed(2) }]);")).toEqual([]);
    expect(printedByHand("const same = loss[0].toFixed(4) === '0.9440';")).toEqual([]);
    expect(printedByHand('show.text(`acc ${fmt.pct(run.accuracy, 2)}`);')).toEqual([]);
  });

  for (const lang of ['es', 'en']) {
    const dir = fileURLToPath(new URL(`./${lang}/`, import.meta.url));
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.md')).sort()) {
      it(`${lang}/${file}: every printed number goes through fmt`, () => {
        const lesson = parseLesson(readFileSync(dir + file, 'utf8'), file.replace(/\.md$/, ''), lang);
        const bad = lesson.cells.filter((c) => c.kind === 'code').flatMap((c) => printedByHand(c.source).map((l) => `cell ${c.index}: ${l.trim()}`));
        expect(bad).toEqual([]);
      });
    }
  }
});
