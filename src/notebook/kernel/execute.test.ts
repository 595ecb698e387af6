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

it('a cell that stops or fails before it assigns a name it declares leaves no `undefined` behind (issue 12)', async () => {
  const scope: Record<string, unknown> = { kept: 1 };
  // lesson 2: `const run = await train()` stopped in the middle
  const stopped = await executeCell('const run = await (async () => { throw Object.assign(new Error("stopped"), { name: "StoppedError" }); })();', scope, 'cell-1.js');
  expect('failure' in stopped && stopped.failure.stopped).toBe(true);
  expect('run' in scope).toBe(false);
  // the next cell is told that `run` is not defined, not handed undefined
  const next = await executeCell('run.accuracy', scope, 'cell-2.js');
  expect('failure' in next && [next.failure.name, next.failure.message]).toEqual(['ReferenceError', 'run is not defined']);
  // what was assigned before the failure stays, and so does what the scope held before
  await executeCell('const a = 1;\nconst b = undefined;\nlet c;\nthrow new Error("x");\nconst kept = 2;', scope, 'cell-3.js');
  expect(scope).toMatchObject({ a: 1, kept: 1 });
  expect('c' in scope).toBe(false);
  // a cell that runs to the end keeps its names, even undefined ones
  await executeCell('let d;', scope, 'cell-4.js');
  expect('d' in scope).toBe(true);
});
