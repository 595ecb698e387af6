// What the WASM heap must hold, checked before anything is allocated, so a configuration that
// cannot fit fails with the numbers instead of an out-of-memory abort halfway through an epoch.
import type { MlpSpec } from '../../mlp/spec';

const MIB = 1024 * 1024;
const F32 = 4;
const U32 = 4;
// Thread stacks (7 × 128 KiB, created with the pool), malloc bookkeeping and alignment padding.
export const HEAP_RESERVE_BYTES = 2 * MIB;

export interface HeapNeeds {
  readonly spec: MlpSpec;
  readonly samples: number; // training samples held in the heap (0 before setData)
  readonly batchSize: number; // largest batch the scratch must hold (0 before training)
  readonly evalRows?: number; // images the inference scratch holds (0 before evaluate)
}

export interface HeapParts {
  readonly data: number; // the training set as bytes: pixels + labels
  readonly order: number; // an epoch's order + per-batch losses
  readonly model: number; // parameters + gradients
  readonly scratch: number; // one batch's activations and their gradients
  readonly evaluate: number; // the inference scratch: a chunk of images, their activations and outputs
  readonly total: number;
}

/** n rounded up to whole panels of `width` (the padding the packed panels carry). */
const panels = (n: number, width: number) => Math.ceil(n / width) * width;

export function heapParts({ spec, samples, batchSize, evalRows = 0 }: HeapNeeds): HeapParts {
  const C = spec.inputSize, H = spec.hiddenSize, V = spec.outputSize;
  const P = H * C + H + V * H + V;
  const data = samples * (C + 1);
  const order = samples * (U32 + F32);
  // parameters, gradients, and (SIMD builds) W1ᵀ in panels of 8 for the training step (wasm/rows.h)
  const model = (2 * P + panels(H, 8) * C) * F32;
  // x (B,C) (the SIMD builds hold it in panels of 8 instead, padded by 16 floats per panel:
  // wasm/rows.h x8_stride; counted so, the larger of the two), h and dh (B,H), logits, probs,
  // dlogits (B,V), losses (B) as floats; targets (B) as bytes; dh again in panels of 4 (SIMD builds)
  const xFloats = batchSize * panels(C, 8) + (batchSize ? (panels(C, 8) / 8) * 16 : 0);
  const scratch = xFloats * F32 + batchSize * ((2 * H + 3 * V + 1 + panels(H, 4)) * F32 + 1);
  // images, labels, predictions as bytes and an index (u32); x (B,C), h (B,H), logits, probs, dlogits (B,V), losses (B)
  const evaluate = evalRows * (C + 3 + U32 + (C + H + 3 * V + 1) * F32);
  return { data, order, model, scratch, evaluate, total: data + order + model + scratch + evaluate };
}

const mib = (bytes: number) => `${(bytes / MIB).toFixed(1)} MiB`;

/** Throws an Error naming every part when `needs` plus `baseBytes` (the runtime) exceed `heapBytes`. */
export function checkHeap(needs: HeapNeeds, heapBytes: number, baseBytes: number): void {
  const p = heapParts(needs);
  const total = p.total + baseBytes + HEAP_RESERVE_BYTES;
  if (total <= heapBytes) return;
  throw new Error(
    `wasm backend: this configuration needs ${mib(total)} of WASM heap but the module has ${mib(heapBytes)}: ` +
      `training set ${mib(p.data)} (${needs.samples} samples) + epoch order ${mib(p.order)} + ` +
      `model and gradients ${mib(p.model)} (hidden ${needs.spec.hiddenSize}) + ` +
      `batch scratch ${mib(p.scratch)} (batch ${needs.batchSize}) + ` +
      (p.evaluate ? `inference scratch ${mib(p.evaluate)} (${needs.evalRows} images) + ` : '') +
      `runtime ${mib(baseBytes + HEAP_RESERVE_BYTES)}. ` +
      'Use a smaller batch size or hidden size.',
  );
}
