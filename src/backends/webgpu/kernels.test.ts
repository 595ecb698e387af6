// The WGSL files and the TypeScript tables must agree: bindings, entry points, override constants.
import { describe, expect, it } from 'vitest';
import { makeSpec } from '../../mlp/spec';
import { constantsFor, declaredOverrides, KERNEL_NAMES, KERNELS, TILED_SOURCES, type KernelName } from './kernels';
import { checkSharedTile, defaultTiling, defSource, REGISTER_TILING, SHARED_TILING, stepKernelDefs, WORKGROUP_SIZE, type Tiling } from './pipelines';

/** [binding, address space + access] for each `@binding(n) var<...>` declaration. */
function declaredBindings(wgsl: string): [number, string][] {
  return [...wgsl.matchAll(/@binding\((\d+)\)\s*var<([^>]+)>/g)].map((m) => [Number(m[1]), m[2].replace(/\s/g, '')]);
}

const KIND: Record<string, string> = { step: 'uniform', read: 'storage,read', write: 'storage,read_write' };

describe.each(KERNEL_NAMES)('kernel %s', (name) => {
  const { source, bindings } = KERNELS[name];

  it('declares exactly the bindings the backend binds, in order', () => {
    expect(declaredBindings(source)).toEqual(bindings.map((k, i) => [i, KIND[k]]));
  });

  it('has an entry point named after the reference function and an overridable workgroup size', () => {
    expect(source).toMatch(new RegExp(`@compute @workgroup_size\\(WG\\)\\s*\\nfn ${name}\\(`));
    expect(declaredOverrides(source).has('WG')).toBe(true);
  });

  it('states its shapes in its first comment line', () => {
    expect(source.split('\n')[0]).toMatch(new RegExp(`^// ${name}: .*\\(`));
  });

  it('gets a value for every override without a default, from every use', () => {
    for (const use of stepKernelDefs(makeSpec(100), 'resident').filter((d) => d.kernel === name)) {
      const withoutDefault = [...source.matchAll(/\boverride\s+(\w+)\s*:\s*\w+\s*;/g)].map((m) => m[1]);
      for (const o of withoutDefault) expect(use.constants, `${use.label} sets ${o}`).toHaveProperty(o);
    }
  });
});

describe('constantsFor', () => {
  it('passes only the overrides a (possibly edited) source declares', () => {
    const src = 'override C: u32;\n// override X: u32;\noverride WG: u32 = 64;';
    expect(constantsFor(src, { C: 784, X: 1, WG: 32, H: 128 })).toEqual({ C: 784, WG: 32 });
  });
});

describe('stepKernelDefs', () => {
  it('gathers on the GPU only in resident mode', () => {
    expect(stepKernelDefs(makeSpec(), 'resident').map((d) => d.kernel)[0]).toBe('gather_batch');
    expect(stepKernelDefs(makeSpec(), 'naive').some((d) => d.kernel === 'gather_batch')).toBe(false);
    expect(stepKernelDefs(makeSpec(), 'resident').length).toBe(8);
  });
});

describe('shared-memory variants (kernels/*_tiled.wgsl)', () => {
  const tiled = Object.entries(TILED_SOURCES) as [KernelName, string][];

  it('exist for the two large matmuls only', () => {
    expect(tiled.map(([name]) => name).sort()).toEqual(['matmul_backward_weight', 'matmul_forward_relu']);
  });

  it.each(tiled)('%s keeps the plain kernel\'s bindings, entry point and overrides, and adds TX, RB, RO', (name, source) => {
    expect(declaredBindings(source)).toEqual(declaredBindings(KERNELS[name].source));
    expect(source).toMatch(new RegExp(`@compute @workgroup_size\\(WG\\)\\s*\\nfn ${name}\\(`));
    const plain = declaredOverrides(KERNELS[name].source);
    expect(declaredOverrides(source)).toEqual(new Set([...plain, 'TX', 'RB', 'RO']));
    expect(source).toContain('workgroupBarrier()');
  });

  it('are used for layer 1 only, with the tile constants and one workgroup per tile', () => {
    const spec = makeSpec(128);
    const shared: Tiling = { kind: 'shared', forward: { TX: 8, RB: 2, RO: 2 }, weight: { TX: 16, RB: 4, RO: 4 } };
    const defs = stepKernelDefs(spec, 'resident', shared);
    expect(defs.filter((d) => d.tiled).map((d) => d.label)).toEqual(['matmul_forward_relu (W1)', 'matmul_backward_weight (W1)']);
    const [f, w] = defs.filter((d) => d.tiled);
    expect(f.constants).toMatchObject({ TX: 8, RB: 2, RO: 2, C: 784, OC: 128 });
    expect(w.constants).toMatchObject({ TX: 16, RB: 4, RO: 4, C: 784, OC: 128 });
    // forward: 16 samples × 16 outputs per workgroup; weight: 16 outputs × 64 inputs
    expect(f.invocations(128)).toBe(8 * 8 * WORKGROUP_SIZE);
    expect(f.invocations(5)).toBe(1 * 8 * WORKGROUP_SIZE);
    expect(w.invocations(128)).toBe(8 * Math.ceil(784 / 64) * WORKGROUP_SIZE);
    expect(defSource(f)).toBe(TILED_SOURCES.matmul_forward_relu);
    expect(defSource(defs.find((d) => d.label === 'matmul_backward_weight (W2)')!)).toBe(KERNELS.matmul_backward_weight.source);
    expect(stepKernelDefs(spec, 'resident', REGISTER_TILING).some((d) => d.tiled)).toBe(false);
    // layer 2's weight gradient joins when weight2 is given: 10 outputs in tiles of 4 × 16
    const w2 = stepKernelDefs(spec, 'resident', { ...shared, weight2: { TX: 16, RB: 1, RO: 1 } }).find((d) => d.label === 'matmul_backward_weight (W2)')!;
    expect(w2.tiled).toBe(true);
    expect(w2.constants).toMatchObject({ TX: 16, RB: 1, RO: 1, C: 128, OC: 10 });
    expect(w2.invocations(512)).toBe(3 * 8 * WORKGROUP_SIZE);
  });

  it('refuse a tile that does not fit', () => {
    expect(checkSharedTile({ TX: 8, RB: 2, RO: 2 })).toEqual({ rows: 16, cols: 16 });
    expect(() => checkSharedTile({ TX: 8, RB: 5, RO: 2 })).toThrow(/RB, RO in 1…4/);
    expect(() => checkSharedTile({ TX: 6, RB: 2, RO: 2 })).toThrow(RangeError); // 64 / 6 is not whole
    expect(() => checkSharedTile({ TX: 64, RB: 1, RO: 4 })).toThrow(RangeError); // 1 row: not a multiple of 4; 256 columns
    expect(() => checkSharedTile({ TX: 2, RB: 4, RO: 4 })).toThrow(RangeError); // 128 rows
  });

  it('go to real GPUs; a CPU emulation keeps the register tiles', () => {
    expect(defaultTiling(true)).toEqual(REGISTER_TILING);
    expect(defaultTiling(false)).toEqual(SHARED_TILING);
    if (SHARED_TILING.kind === 'shared') {
      checkSharedTile(SHARED_TILING.forward);
      checkSharedTile(SHARED_TILING.weight);
    }
  });
});
