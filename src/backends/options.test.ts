import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BACKEND_OPTIONS, OptionError, optionDefault, optionProblems, resolveOption, resolveOptions, WASM_OPTIONS, WORKERS_OPTIONS } from './options';
import { backendEntries } from './registry';

describe('the options schema', () => {
  it('is what each registry entry declares', () => {
    for (const e of backendEntries()) expect(e.options).toBe(BACKEND_OPTIONS[e.name]);
  });

  it('keeps the thread limit of the C pool', () => {
    const max = Number(readFileSync(new URL('../../wasm/pool.h', import.meta.url), 'utf8').match(/#define POOL_MAX_THREADS (\d+)/)?.[1]);
    expect(WASM_OPTIONS.threads.max).toBe(max);
  });

  it("resolves a 'cores' default to the logical cores, within the range", () => {
    expect(optionDefault(WORKERS_OPTIONS.workers, 4)).toBe(4);
    expect(optionDefault(WORKERS_OPTIONS.workers, 64)).toBe(16);
    expect(optionDefault(WASM_OPTIONS.threads, 64)).toBe(8);
    expect(optionDefault(WASM_OPTIONS.threads, 0)).toBe(1);
    expect(optionDefault(WASM_OPTIONS.simd, 4)).toBe(true);
  });

  it('checks each type: integers in range, open and closed number ranges, booleans, enum values', () => {
    const specs = {
      n: { type: 'int', min: 1, max: 16, default: 1 },
      rate: { type: 'number', min: 0, minExclusive: true, max: 10, default: 1 },
      closed: { type: 'number', min: 0, max: 1, default: 0 },
      kind: { type: 'enum', values: ['a', 'b'], default: 'a' },
    } as const;
    const bad = { n: 2.5, rate: 0, closed: Infinity, kind: 'c' };
    expect(optionProblems(specs, bad).map((p) => [p.key, p.got])).toEqual([['n', '2.5'], ['rate', '0'], ['closed', 'Infinity'], ['kind', '"c"']]);
    expect(optionProblems(specs, { n: 16, rate: 10, closed: 0, kind: 'b' })).toEqual([]);
    expect(optionProblems(specs, { n: 17 }).map((p) => p.key)).toEqual(['n']);
    expect(optionProblems(WASM_OPTIONS, { simd: 'yes' }).map((p) => p.key)).toEqual(['simd']);
    expect(optionProblems(WASM_OPTIONS, { simd: false, threads: 8 })).toEqual([]);
  });

  it('fills defaults, keeps given values and names every problem with its range', () => {
    expect(resolveOptions('webgpu', BACKEND_OPTIONS.webgpu, { mode: 'naive' })).toEqual({ mode: 'naive', readbackEvery: 0 });
    expect(resolveOption('workers', 'dispatch', undefined)).toBe('allreduce');
    const e = (() => { try { resolveOptions('webgpu', BACKEND_OPTIONS.webgpu, { mode: 'fast', readbackEvery: -1 }); } catch (err) { return err; } })();
    expect(e).toBeInstanceOf(OptionError);
    expect((e as Error).message).toBe("invalid options for the webgpu backend: mode must be one of resident, naive, got \"fast\"; readbackEvery must be an integer between 0 and 60000, got -1");
  });
});
