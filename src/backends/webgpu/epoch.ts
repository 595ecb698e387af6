// One epoch on the GPU, in either mode:
//  resident — the step table and the epoch's order are the only uploads; batches are gathered on
//             the GPU; many steps are encoded per submit; the per-step losses stay on the GPU and
//             are read back once per epoch (or every `readbackEvery` steps for a live chart);
//  naive    — as a first PyCUDA port: each batch is gathered on the host and uploaded, and the
//             loss is read back after every step, each transfer waited for.

import type { Dataset } from '../../data/dataset';
import { gather_batch } from '../../mlp/reference';
import type { BatchRunner } from '../epoch';
import type { EpochPlan } from '../types';
import type { GpuContext } from './context';
import { epochSteps, packStepTable, STEP_STRIDE, type StepEntry } from './layout';
import { encodeKernel } from './pipelines';
import { profileEvery } from './profile';

/** Steps per submit in resident mode when no read-back cadence is asked for. */
export const RESIDENT_CHUNK = 16;

export interface Transfers {
  h2dMs: number;
  h2dBytes: number;
  uploads: number;
  d2hMs: number;
  d2hBytes: number;
  readbacks: number;
}

export interface EpochMeasure {
  readonly steps: readonly StepEntry[];
  readonly transfers: Transfers;
  readonly every: number; // timed step cadence
  readonly timedSlots: number;
}

/** Host scratch for naive mode: one batch of floats and labels, reused every step. */
export class HostBatch {
  x = new Float32Array(0);
  t8 = new Uint8Array(0);
  t32 = new Uint32Array(0);
  ensure(B: number, C: number): void {
    if (this.t8.length >= B) return;
    this.x = new Float32Array(B * C);
    this.t8 = new Uint8Array(B);
    this.t32 = new Uint32Array(B);
  }
}

async function uploadTimed(ctx: GpuContext, t: Transfers, writes: () => number): Promise<void> {
  const t0 = performance.now();
  t.h2dBytes += writes();
  await ctx.guard(ctx.device.queue.onSubmittedWorkDone());
  t.h2dMs += performance.now() - t0;
  t.uploads++;
}

/** Reads the summed losses of steps [from, to) after the GPU went idle; returns batch means. */
async function readLosses(ctx: GpuContext, t: Transfers, steps: readonly StepEntry[], from: number, to: number, out: Float32Array): Promise<void> {
  const bytes = (to - from) * 4;
  const t0 = performance.now();
  const raw = new Float32Array(await ctx.guard(ctx.reader.read(ctx.buffers.get('stepLosses'), from * 4, bytes)));
  t.d2hMs += performance.now() - t0;
  t.d2hBytes += bytes;
  t.readbacks++;
  for (let i = from; i < to; i++) out[i] = raw[i - from] / steps[i].rows;
}

/** Records steps [s0, s1): untimed steps share one pass; a timed step gets a pass per kernel. */
function encodeSteps(ctx: GpuContext, steps: readonly StepEntry[], s0: number, s1: number, every: number): GPUCommandBuffer {
  const enc = ctx.device.createCommandEncoder({ label: `steps ${s0}–${s1 - 1}` });
  const groups = ctx.bindGroups();
  let pass: GPUComputePassEncoder | null = null;
  for (let s = s0; s < s1; s++) {
    const B = steps[s].rows;
    const timed = ctx.timestamps && s % every === 0;
    if (timed) {
      pass?.end();
      pass = null;
      ctx.kernels.forEach((k, i) => {
        const p = enc.beginComputePass({ label: k.label, timestampWrites: ctx.profiler.writes(s / every, i) });
        encodeKernel(p, k, groups[i], s * STEP_STRIDE, B, ctx.maxPerDim);
        p.end();
      });
    } else {
      pass ??= enc.beginComputePass({ label: 'steps' });
      ctx.kernels.forEach((k, i) => encodeKernel(pass!, k, groups[i], s * STEP_STRIDE, B, ctx.maxPerDim));
    }
  }
  pass?.end();
  return enc.finish();
}

/**
 * The GPU's side of one epoch (see BatchRunner). `measure` fills in as the epoch runs: the steps,
 * the timed transfers and the profiling cadence, for the breakdown.
 */
export function gpuRunner(
  ctx: GpuContext, plan: EpochPlan, readbackEvery: number, train: Dataset | null, host: HostBatch,
): { runner: Omit<BatchRunner, 'parts' | 'backend'>; measure: EpochMeasure } {
  const steps = epochSteps(plan.order.length, plan.batchSize);
  // refused up front: every buffer this epoch needs is checked against the limits first
  ctx.buffers.ensureBatch(plan.batchSize);
  ctx.buffers.ensureSteps(steps.length);
  const every = profileEvery(steps.length);
  const t: Transfers = { h2dMs: 0, h2dBytes: 0, uploads: 0, d2hMs: 0, d2hBytes: 0, readbacks: 0 };
  const measure: EpochMeasure = { steps, transfers: t, every, timedSlots: ctx.timestamps ? Math.ceil(steps.length / every) : 0 };
  const q = ctx.device.queue;
  const read = async (from: number, to: number) => {
    const out = new Float32Array(to - from);
    await readLosses(ctx, t, steps, from, to, out);
    return out;
  };
  const begin = () => uploadTimed(ctx, t, () => {
    const table = packStepTable(steps, plan.learningRate);
    q.writeBuffer(ctx.buffers.get('steps'), 0, table);
    if (ctx.mode === 'naive') return table.byteLength;
    q.writeBuffer(ctx.buffers.get('order'), 0, plan.order.buffer, plan.order.byteOffset, plan.order.byteLength);
    return table.byteLength + plan.order.byteLength;
  });
  // on a stop or an error, the batches already submitted finish before the model is read
  const end = () => ctx.guard(q.onSubmittedWorkDone()).catch(() => undefined);
  if (ctx.mode === 'resident') {
    let inFlight: Promise<void> | null = null;
    return {
      measure,
      runner: {
        chunk: readbackEvery > 0 ? readbackEvery : RESIDENT_CHUNK,
        begin, end,
        async run(s0, count) {
          ctx.check();
          const s1 = s0 + count;
          q.submit([encodeSteps(ctx, steps, s0, s1, every)]);
          const done = q.onSubmittedWorkDone();
          if (inFlight) await ctx.guard(inFlight); // at most two chunks queued, so Stop acts quickly
          inFlight = done;
          if (readbackEvery === 0) return null; // the losses stay on the GPU until the epoch ends
          await ctx.guard(inFlight);
          inFlight = null;
          return read(s0, s1);
        },
        async deferred(from, to) {
          if (inFlight) await ctx.guard(inFlight);
          return read(from, to);
        },
      },
    };
  }
  if (!train) throw new Error('webgpu: setData() must be called before trainEpoch()');
  const C = ctx.shapes.C;
  host.ensure(plan.batchSize, C);
  return {
    measure,
    runner: {
      begin, end,
      async run(s) {
        ctx.check();
        const { start, rows: B } = steps[s];
        gather_batch(host.x, host.t8, train.images, train.labels, plan.order, start, B, C);
        for (let b = 0; b < B; b++) host.t32[b] = host.t8[b];
        await uploadTimed(ctx, t, () => {
          q.writeBuffer(ctx.buffers.get('x'), 0, host.x, 0, B * C);
          q.writeBuffer(ctx.buffers.get('targets'), 0, host.t32, 0, B);
          return B * C * 4 + B * 4;
        });
        q.submit([encodeSteps(ctx, steps, s, s + 1, every)]);
        await ctx.guard(q.onSubmittedWorkDone()); // the kernels have run: what follows is the copy
        return read(s, s + 1);
      },
    },
  };
}
