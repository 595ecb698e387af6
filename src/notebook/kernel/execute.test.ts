import { expect, it } from 'vitest';
import { executeCell, thrownText } from './execute';

it('a thrown value of any kind ends the cell with an error that says what was thrown', async () => {
  for (const [code, text] of [
    ['throw Object.create(null)', 'a non-Error value was thrown: {}'],
    ['throw 42', 'a non-Error value was thrown: 42'],
    ['throw { toString: 1, why: "x" }', 'a non-Error value was thrown: {"toString":1,"why":"x"}'],
    ['throw Symbol("s")', 'a non-Error value was thrown: Symbol(s)'],
  ] as const) {
    const r = await executeCell(code, {}, 'cell-test.js');
    expect('failure' in r && r.failure.message, code).toBe(text);
  }
  expect(thrownText(10n)).toBe('10');
  expect(thrownText({ toJSON() { throw new Error('no'); } })).toBe('[object Object]');
});
