// Per-kernel checks of the C, llm.c style: a test build of wasm/*.c (`node wasm/build.mjs --kernels`,
// into a temporary folder, a few seconds) exports each function of wasm/mlp.h alone; each is called
// on seeded random inputs and compared with the function of the same name in src/mlp/reference.ts,
// in the scalar and the SIMD build, so a divergence names one kernel. Shapes: B = rows, C = inputs,
// OC = outputs; the odd ones leave a remainder in every blocking (nt 2×4, bcast 4×8, 4 SIMD lanes),
// the others are the real layers (784 → 128 → 10, batch 128).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { epochPermutation, mulberry32 } from '../../mlp/random';
import * as reference from '../../mlp/reference';
import { maxAbsDiff, randomBytes, randomFloats } from '../../mlp/compare';

type Arr = Float32Array | Uint8Array | Uint32Array;
/** An argument: a size or scalar, a NULL pointer, an input array, or an output (its initial contents) to compare. */
type Arg = number | null | { in: Arr } | { out: Arr; name: string };

/** The functions of wasm/mlp.h, each with the largest |C − reference| allowed on any output element. */
const TOLERANCE = {
  // float32 sums in C (4 lanes, then combined, in the SIMD build) vs float64 sums in the reference
  matmul_forward: 1e-5,
  matmul_backward: 1e-5,
  // the fused pairs (train.c's layer 1 forward, layer 2 backward) against the two reference calls
  matmul_forward_relu: 1e-5,
  matmul_backward_relu: 1e-5,
  // the same arithmetic in the same precision: exact
  relu_forward: 0,
  relu_backward: 0,
  sgd_update: 0,
  gather_batch: 0,
  // exp and log in double on both sides (libm, or exp_f64x2 in the SIMD build, vs V8), rounded to float once
  softmax_xent: 1e-6,
} as const;
type Kernel = keyof typeof TOLERANCE;

const SHAPES: readonly (readonly [number, number, number])[] = [[1, 1, 1], [5, 13, 7], [7, 9, 17], [128, 784, 128], [128, 128, 10]];

function cases(B: number, C: number, OC: number, seed: number): { kernel: Kernel; note?: string; args: Arg[] }[] {
  const rand = mulberry32(seed);
  const f = (n: number, lo = -1, hi = 1) => randomFloats(rand, n, lo, hi);
  const out = (name: string, n: number) => ({ name, out: f(n, -9, 9) }); // garbage the kernel must overwrite
  const inp = f(B * C, 0, 1), weight = f(OC * C, -0.1, 0.1), dout = f(B * OC, -0.1, 0.1);
  const N = B * OC, P = OC * C + OC, V = OC, count = B + 3;
  return [
    { kernel: 'matmul_forward', args: [out('out', B * OC), { in: inp }, { in: weight }, { in: f(OC, -0.1, 0.1) }, B, C, OC] },
    { kernel: 'matmul_backward', args: [out('dinp', B * C), out('dweight', OC * C), out('dbias', OC), { in: dout }, { in: inp }, { in: weight }, B, C, OC] },
    { kernel: 'matmul_backward', note: 'dinp = NULL', args: [null, out('dweight', OC * C), out('dbias', OC), { in: dout }, { in: inp }, { in: weight }, B, C, OC] },
    { kernel: 'matmul_forward_relu', args: [out('out', B * OC), { in: f(B * C, -1, 1) }, { in: weight }, { in: f(OC, -0.1, 0.1) }, B, C, OC] },
    // inp as a ReLU leaves it (about half zeros): the mask dinp is kept by
    { kernel: 'matmul_backward_relu', args: [out('dinp', B * C), out('dweight', OC * C), out('dbias', OC), { in: dout }, { in: f(B * C).map((v) => Math.max(0, v)) }, { in: weight }, B, C, OC] },
    { kernel: 'relu_forward', args: [out('out', N), { in: f(N) }, N] },
    { kernel: 'relu_backward', args: [out('dinp', N), { in: f(N) }, { in: f(N).map((v) => Math.max(0, v)) }, N] },
    // norm ≠ B: a shard of a larger batch
    { kernel: 'softmax_xent', args: [out('probs', B * V), out('losses', B), out('dlogits', B * V), { in: f(B * V, -4, 4) }, { in: randomBytes(rand, B, V) }, B, V, B + 3] },
    // logits far apart: e^x down to e^-160 (0 in float), the whole range exp_f64x2 handles
    { kernel: 'softmax_xent', note: 'wide logits', args: [out('probs', B * V), out('losses', B), out('dlogits', B * V), { in: f(B * V, -80, 80) }, { in: randomBytes(rand, B, V) }, B, V, B] },
    { kernel: 'sgd_update', args: [{ name: 'params', out: f(P) }, { in: f(P) }, 0.1, P] },
    { kernel: 'gather_batch', args: [out('x', B * C), { name: 'targets', out: randomBytes(rand, B, 256) }, { in: randomBytes(rand, count * C, 256) }, { in: randomBytes(rand, count, 10) }, { in: epochPermutation(count, seed, 0) }, 3, B, C] },
  ];
}

type KernelFn = (...args: number[]) => void;
interface KernelModule {
  HEAPU8: Uint8Array;
  _malloc(bytes: number): number;
  _free(ptr: number): void;
}

/** Calls one C kernel: arrays are copied into the heap, outputs copied back out. */
function callC(m: KernelModule, kernel: Kernel, args: readonly Arg[]): Arr[] {
  const ptrs: number[] = [];
  const outs: { ptr: number; like: Arr }[] = [];
  const raw = args.map((a) => {
    if (a === null || typeof a === 'number') return a ?? 0;
    const arr = 'in' in a ? a.in : a.out;
    const ptr = m._malloc(Math.max(4, arr.byteLength));
    ptrs.push(ptr);
    m.HEAPU8.set(new Uint8Array(arr.buffer, arr.byteOffset, arr.byteLength), ptr);
    if ('out' in a) outs.push({ ptr, like: arr });
    return ptr;
  });
  (m as unknown as Record<string, KernelFn>)[`_${kernel}`](...raw);
  const got = outs.map(({ ptr, like }) => {
    const copy = like.slice();
    new Uint8Array(copy.buffer).set(m.HEAPU8.subarray(ptr, ptr + like.byteLength));
    return copy;
  });
  for (const p of ptrs) m._free(p);
  return got;
}

type Vec = Float32Array;
/** The fused C functions' references: the two reference calls each one replaces. */
const COMPOSED: Partial<Record<Kernel, (...a: never[]) => void>> = {
  matmul_forward_relu(out: Vec, inp: Vec, weight: Vec, bias: Vec, B: number, C: number, OC: number) {
    reference.matmul_forward(out, inp, weight, bias, B, C, OC);
    reference.relu_forward(out, out, B * OC);
  },
  matmul_backward_relu(dinp: Vec, dweight: Vec, dbias: Vec, dout: Vec, inp: Vec, weight: Vec, B: number, C: number, OC: number) {
    reference.matmul_backward(dinp, dweight, dbias, dout, inp, weight, B, C, OC);
    reference.relu_backward(dinp, dinp, inp, B * C);
  },
};

/** Calls the reference function of the same name (or its COMPOSED pair) on copies of the outputs. */
function callReference(kernel: Kernel, args: readonly Arg[]): Arr[] {
  const outs: Arr[] = [];
  const plain = args.map((a) => {
    if (a === null || typeof a === 'number') return a;
    if ('in' in a) return a.in;
    outs.push(a.out.slice());
    return outs[outs.length - 1];
  });
  ((COMPOSED[kernel] ?? reference[kernel as keyof typeof reference]) as (...a: unknown[]) => void)(...plain);
  return outs;
}

const kernelNames = (header: string) => [...header.matchAll(/^void (\w+)\(/gm)].map((m) => m[1]);

describe('C kernels, each alone vs the reference function of the same name', () => {
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'paralelo-kernels-'));
    const r = spawnSync(process.execPath, ['wasm/build.mjs', '--kernels', dir], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`the per-kernel test build failed:\n${r.stderr}`);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('every function of wasm/mlp.h has a check here', () => {
    const declared = kernelNames(readFileSync(join(process.cwd(), 'wasm', 'mlp.h'), 'utf8'));
    expect(declared.length).toBeGreaterThan(0);
    expect(declared.sort()).toEqual(Object.keys(TOLERANCE).sort());
  });

  for (const variant of ['kernels-scalar', 'kernels-simd']) {
    it(`${variant}: every kernel matches the reference at every shape`, async () => {
      const url = pathToFileURL(join(dir, `${variant}.js`)).href;
      const factory = ((await import(/* @vite-ignore */ url)) as { default: (o: object) => Promise<KernelModule> }).default;
      const m = await factory({ wasmBinary: readFileSync(join(dir, `${variant}.wasm`)) });
      const worst = new Map<Kernel, number>();
      for (const [i, [B, C, OC]] of SHAPES.entries()) {
        for (const c of cases(B, C, OC, 100 + i)) {
          const got = callC(m, c.kernel, c.args);
          const want = callReference(c.kernel, c.args);
          const names = c.args.flatMap((a) => (a !== null && typeof a === 'object' && 'out' in a ? [a.name] : []));
          for (const [k, name] of names.entries()) {
            const diff = maxAbsDiff(got[k], want[k]);
            worst.set(c.kernel, Math.max(worst.get(c.kernel) ?? 0, diff));
            const where = `${variant} ${c.kernel}${c.note ? ` (${c.note})` : ''} at B=${B} C=${C} OC=${OC}: ${name}`;
            expect(diff, `${where}: max |C − reference| = ${diff.toExponential(2)} > ${TOLERANCE[c.kernel]}`).toBeLessThanOrEqual(TOLERANCE[c.kernel]);
          }
        }
      }
      // each fused function equals, bit for bit, the two C calls it stands for
      for (const [i, [B, C, OC]] of SHAPES.entries()) {
        const [fwd, bwd] = cases(B, C, OC, 200 + i).filter((c) => c.kernel.endsWith('_relu'));
        const [fused] = callC(m, 'matmul_forward_relu', fwd.args);
        const [plain] = callC(m, 'matmul_forward', fwd.args);
        const [relu] = callC(m, 'relu_forward', [{ name: 'out', out: plain }, { in: plain }, B * OC]);
        expect(Buffer.from(fused.buffer).equals(Buffer.from(relu.buffer)), `${variant} matmul_forward_relu ≠ matmul_forward + relu_forward at B=${B} C=${C} OC=${OC}`).toBe(true);
        const got = callC(m, 'matmul_backward_relu', bwd.args);
        const ref = callC(m, 'matmul_backward', bwd.args);
        const inp = (bwd.args[4] as { in: Arr }).in;
        const [masked] = callC(m, 'relu_backward', [{ name: 'dinp', out: ref[0] }, { in: ref[0] }, { in: inp }, B * C]);
        for (const [k, want] of [masked, ref[1], ref[2]].entries()) {
          expect(Buffer.from(got[k].buffer).equals(Buffer.from(want.buffer)), `${variant} matmul_backward_relu output ${k} ≠ matmul_backward + relu_backward at B=${B} C=${C} OC=${OC}`).toBe(true);
        }
      }
      console.log(`${variant}: max |C − reference| per kernel: ${[...worst].map(([k, d]) => `${k} ${d.toExponential(1)}`).join(', ')}`);
    });
  }
});
