// The WGSL files and the TypeScript tables must agree: bindings, entry points, override constants.
import { describe, expect, it } from 'vitest';
import { makeSpec } from '../../mlp/spec';
import { constantsFor, declaredOverrides, KERNEL_NAMES, KERNELS } from './kernels';
import { stepKernelDefs } from './pipelines';

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
