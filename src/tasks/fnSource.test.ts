import { describe, expect, it } from 'vitest';
import { fnHandlers, freeVariables, functionExpression, missingInWorker, rebuild } from './fnSource';

const globals = (n: string) => n in globalThis;

describe('freeVariables', () => {
  it('finds what a function reads from outside, not its own parameters and locals', () => {
    const lr = 0.1;
    const f = (x: number) => x * lr;
    expect(missingInWorker(f.toString(), globals)).toEqual(['lr']);
    expect(freeVariables('(x, { a, b: [c] }, ...rest) => { const y = x + a + c; let z; function g(q) { return q; } try { } catch (err) { z = err; } return g(y) + rest.length + z; }')).toEqual([]);
  });

  it('lets JS globals through and skips property names, object keys and labels', () => {
    const src = 'x => { outer: for (const k of [1]) { break outer; } return Math.max(x.lr, JSON.stringify({ lr: 1, [key]: 2, short }).length, new Array(3).length); }';
    expect(missingInWorker(src, globals)).toEqual(['key', 'short']);
  });

  it('catches a cell variable in a default value, a nested function and a method', () => {
    expect(missingInWorker('(x = epochs) => x', globals)).toEqual(['epochs']);
    expect(missingInWorker('function f(x) { return () => show.text(x); }', globals)).toEqual(['show']);
    expect(missingInWorker('square(x) { return x * factor; }', globals)).toEqual(['factor']);
  });

  it('refuses what is not a function written in JS', () => {
    expect(functionExpression(Math.max.toString())).toBeNull();
    expect(() => freeVariables('not a function {')).toThrow(SyntaxError);
  });
});

describe('rebuild and the fn handler', () => {
  it('rebuilds a function, a method and an async function from their source', async () => {
    expect(rebuild(((x: number) => x * x).toString())(7)).toBe(49);
    expect(rebuild('twice(x) { return 2 * x; }')(4)).toBe(8);
    expect(await rebuild('async function (a, b) { return a + b; }')(2, 3)).toBe(5);
  });

  it('calls with args, persists into the store, reads stored arguments back', async () => {
    const store = new Map<string, unknown>();
    const env = { worker: 1, store, signal: new AbortController().signal };
    expect(await fnHandlers.fn({ source: '(a, b) => a * b', args: [6, 7] }, env)).toBe(42);
    expect(await fnHandlers.fn({ source: '(n) => Array.from({ length: n }, (_, i) => i)', args: [3], keep: 'p1' }, env)).toBeUndefined();
    expect(store.get('p1')).toEqual([0, 1, 2]);
    expect(await fnHandlers.fn({ source: '(xs, k) => xs.map((x) => x * k)', args: [null, 10], stored: [{ index: 0, key: 'p1' }] }, env)).toEqual([0, 10, 20]);
    expect(await fnHandlers.fn({ get: 'p1' }, env)).toEqual([0, 1, 2]);
    await expect(async () => fnHandlers.fn({ get: 'gone' }, env)).rejects.toThrow(/no longer on worker 1/);
  });
});
