// Every text a backend can show a student, produced by the backends' own code, must read in
// Spanish: a new or reworded English text without a rule fails here, not in front of a class.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { JsBackend } from '../backends/js/index';
import { backendEntries, createBackend } from '../backends/registry';
import { wasmBreakdown } from '../backends/wasm/breakdown';
import { wasmSupport } from '../backends/wasm/support';
import { chooseVariant, describeChoice } from '../backends/wasm/variants';
import { deviceLostMessage, describeWebgpu } from '../backends/webgpu/describe';
import { gpuSupport } from '../backends/webgpu/device';
import type { EpochMeasure } from '../backends/webgpu/epoch';
import { GpuLimitError } from '../backends/webgpu/limits';
import { describeQuantum } from '../backends/webgpu/profile';
import { epochParts } from '../backends/webgpu/stats';
import { chooseMode, describeWorkers, MODE_LABEL } from '../backends/workers/mode';
import { WorkerFaultError } from '../backends/workers/pool';
import { EpochRecorder, tasksRecordedNote } from '../backends/workers/stats';
import type { EpochStats } from '../backends/types';
import { initParams } from '../mlp/init';
import { makeSpec } from '../mlp/spec';
import { coveredInSpanish, localizeBackendText } from './backendText';

const SAME_IN_BOTH = ['kernel', 'crossOriginIsolated'];

function statsTexts(s: Pick<EpochStats, "breakdown" | "extra">): string[] {
  return [...s.breakdown.flatMap((p) => [p.label, p.method]), ...Object.values(s.extra ?? {}).filter((v): v is string => typeof v === 'string')];
}

async function jsTexts(): Promise<string[]> {
  const spec = makeSpec(16);
  const b = new JsBackend();
  await b.init(spec, initParams(spec, 1));
  await b.setData({ images: new Uint8Array(4 * 784), labels: Uint8Array.from([0, 1, 2, 3]), count: 4, rows: 28, cols: 28 });
  const s = await b.trainEpoch({ epoch: 0, order: Uint32Array.from([0, 1, 2, 3]), batchSize: 2, learningRate: 0.1 });
  return [b.describe(), ...statsTexts(s)];
}

function workersTexts(): string[] {
  const out: string[] = [...Object.values(MODE_LABEL), tasksRecordedNote(40), tasksRecordedNote(8)];
  const opts = [{}, { forceTransfer: true }, { dispatch: 'messages' as const }];
  for (const isolated of [true, false]) {
    for (const waitAsync of [true, false]) {
      vi.stubGlobal('crossOriginIsolated', isolated);
      if (!waitAsync) vi.stubGlobal('Atomics', Object.assign(Object.create(Atomics) as typeof Atomics, { waitAsync: undefined }));
      for (const o of opts) {
        const c = chooseMode(o);
        out.push(c.reason, c.why, describeWorkers(1, c), describeWorkers(4, c));
      }
      vi.unstubAllGlobals();
    }
  }
  const rec = new EpochRecorder(2, 0);
  rec.batch(0, 2, 0, 5, 6, Float64Array.from([0, 2, 0, 3]));
  for (const p of rec.breakdown(10)) out.push(p.label, p.method);
  out.push(new WorkerFaultError(1, 15, 15, 'terminated (test hook)').message, new WorkerFaultError(0, -1, 3, 'boom').message);
  return out;
}

function wasmTexts(): string[] {
  const out: string[] = ['C → WASM (not initialised)', 'scalar', 'as requested'];
  for (const crossOriginIsolated of [true, false]) {
    for (const simdEnv of [true, false]) {
      for (const simd of [true, false]) {
        for (const threads of [1, 2, 4]) {
          const c = chooseVariant({ simd, threads }, { crossOriginIsolated, simd: simdEnv });
          out.push(describeChoice(c));
          if (c.fallback) out.push(c.fallback);
        }
      }
    }
  }
  for (const p of wasmBreakdown({ computeMs: 1, barrierMs: 1, regionMs: 2, regions: 3, stepMs: 3 }, 4)) out.push(p.label, p.method);
  return out;
}

function webgpuTexts(): string[] {
  const out: string[] = [];
  for (const mode of ['resident', 'naive'] as const) {
    for (const every of [0, 20]) out.push(describeWebgpu(mode, every), describeWebgpu(mode, every, 'google swiftshader'));
  }
  out.push(deviceLostMessage('destroyed', ''), deviceLostMessage('unknown', 'the GPU process crashed; sorry'));
  for (const ns of [1, 1000, 100_000, 2e6, NaN]) out.push(describeQuantum(ns));
  const base: EpochMeasure = {
    steps: [{ start: 0, rows: 4 }, { start: 4, rows: 2 }],
    transfers: { h2dMs: 10, h2dBytes: 2000, uploads: 1, d2hMs: 5, d2hBytes: 8e6, readbacks: 1 }, every: 1, timedSlots: 2,
  };
  const kernels = [{ name: 'a', dispatches: 2, sampled: 2, msPerDispatch: 30, ms: 60 }];
  for (const mode of ['resident', 'naive']) {
    for (const [m, wallMs] of [[base, 100], [{ ...base, every: 15 }, 100], [{ ...base, every: 2 }, 10]] as const) {
      out.push(...statsTexts(epochParts(mode, m, wallMs, { timings: kernels, quantumNs: 1 }, 'adapter')));
      out.push(...statsTexts(epochParts(mode, m, wallMs, { timings: null, quantumNs: NaN }, 'adapter')));
    }
  }
  out.push(new GpuLimitError(['x (batch) needs 1 bytes (0.0 MiB) > maxBufferSize 0 (0.0 MiB)'], 'batch size 99999').message);
  return out.filter((s) => s !== 'adapter' && s !== 'resident' && s !== 'naive'); // identifiers, not prose
}

async function reasonTexts(): Promise<string[]> {
  const out: string[] = [];
  vi.stubGlobal('WebAssembly', undefined);
  out.push(String(await wasmSupport()));
  vi.unstubAllGlobals();
  vi.stubGlobal('Worker', undefined);
  out.push(String(await wasmSupport()));
  out.push(String(await backendEntries().find((e) => e.name === 'workers')!.isSupported()));
  out.push(await createBackend('workers').then(() => 'created', (e: Error) => e.message));
  vi.unstubAllGlobals();
  vi.stubGlobal('isSecureContext', false);
  out.push(String(await gpuSupport()));
  vi.unstubAllGlobals();
  vi.stubGlobal('navigator', {});
  out.push(String(await gpuSupport()));
  vi.stubGlobal('navigator', { gpu: { requestAdapter: async () => null } });
  out.push(String(await gpuSupport()));
  vi.stubGlobal('navigator', { gpu: { requestAdapter: async () => { throw new Error('adapter blew up'); } } });
  out.push(String(await gpuSupport()));
  vi.unstubAllGlobals();
  return out;
}

describe('backend texts in Spanish', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('covers every text the backends produce, and leaves English as it is', async () => {
    const texts = [...await jsTexts(), ...workersTexts(), ...wasmTexts(), ...webgpuTexts(), ...await reasonTexts()];
    expect(texts.length).toBeGreaterThan(80);
    const missing = [...new Set(texts)].filter((s) => !coveredInSpanish(s));
    expect(missing).toEqual([]);
    for (const s of texts) {
      expect(localizeBackendText('en', s)).toBe(s);
      if (!SAME_IN_BOTH.includes(s)) expect(localizeBackendText('es', s), s).not.toBe(s);
    }
  });

  it('translates the parts of composed texts', () => {
    expect(localizeBackendText('es', '2 workers, shared memory, batches signalled with Atomics (crossOriginIsolated)'))
      .toBe('2 workers, memoria compartida, lotes señalizados con Atomics (crossOriginIsolated)');
    expect(localizeBackendText('es', 'timestamp-query around each kernel on every 15th step (32 of 469 steps), mean per kernel × dispatches; nanosecond timestamps'))
      .toBe('timestamp-query alrededor de cada kernel en uno de cada 15 pasos (32 de 469 pasos), media por kernel × lanzamientos; marcas de tiempo en nanosegundos');
    expect(localizeBackendText('es', 'an unknown sentence; compute')).toBe('an unknown sentence; cómputo');
  });
});
