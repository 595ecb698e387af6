import { describe, expect, it } from 'vitest';
import { CellSyntaxError, transformCell } from './transform';

// Runs cells the way the kernel does, with one shared scope.
async function runCells(cells: string[]) {
  const scope: Record<string, unknown> = {};
  const AsyncFunction = Object.getPrototypeOf(async () => undefined).constructor as new (...a: string[]) => (s: object) => Promise<unknown>;
  const results: unknown[] = [];
  for (const c of cells) {
    const t = transformCell(c);
    for (const n of t.declared) if (!(n in scope)) scope[n] = undefined;
    const fn = new AsyncFunction('__scope', `with (__scope) {\n${t.body}\n}`);
    results.push(await fn(scope));
  }
  return { scope, results };
}

describe('cell transform', () => {
  it('shares const, let, destructuring, functions and classes across cells', async () => {
    const { results } = await runCells([
      'const a = 2; let { b, c: [d] } = { b: 3, c: [4] };\nfunction sq(x) { return x * x }\nclass K { v() { return 5 } }',
      'const r = await Promise.resolve(a + b + d + sq(2) + new K().v());\nr',
    ]);
    expect(results[1]).toBe(18);
  });

  it('returns the value of a final expression, and nothing otherwise', async () => {
    const { results } = await runCells(['1 + 1', 'const z = 3;', 'let q = 1; q += 4; q']);
    expect(results).toEqual([2, undefined, 5]);
  });

  it('a parenthesised last line is the value too (it was a SyntaxError with no line)', async () => {
    const { results } = await runCells(['(1 + 2)', 'const loss = 1, acc = 2;\n({ loss, acc });', '(1) + (2)', '((x) => x * 2)(4) // a comment']);
    expect(results).toEqual([3, { loss: 1, acc: 2 }, 3, 8]);
  });

  it('keeps line numbers: a syntax error reports the editor line', () => {
    try {
      transformCell('const a = 1;\nconst b = ;\n');
      throw new Error('no error');
    } catch (e) {
      expect(e).toBeInstanceOf(CellSyntaxError);
      expect((e as CellSyntaxError).line).toBe(2);
    }
  });

  it('rewrites without moving code to other lines', () => {
    const src = 'let x = 1;\nfunction f() {\n  return x;\n}\nconst y = f();\ny';
    expect(transformCell(src).body.split('\n').length).toBe(src.split('\n').length);
  });
});
