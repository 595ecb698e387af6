// What backends say is ids and parameters; the words live in backend.en.ts and backend.es.ts.
import { describe, expect, it } from 'vitest';
import { BackendError, msg } from '../backends/messages';
import { chooseVariant, describeChoice } from '../backends/wasm/variants';
import { describeWebgpu } from '../backends/webgpu/describe';
import { fitBreakdown } from '../backends/breakdown';
import { epochParts } from '../backends/webgpu/stats';
import { WorkerFaultError } from '../backends/workers/pool';
import { EpochRecorder } from '../backends/workers/stats';
import { backendEn } from './backend.en';
import { backendEs } from './backend.es';
import { backendText, showEpoch } from './backendText';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+(?::\w+)?)\}/g)].map((m) => m[1]).sort();

describe('backend message tables', () => {
  it('every id has English and Spanish text with the same parameters, and plural ids both forms', () => {
    const keys = Object.keys(backendEn) as (keyof typeof backendEn)[];
    expect(keys.length).toBeGreaterThan(80);
    expect(Object.keys(backendEs).sort()).toEqual([...keys].sort());
    for (const k of keys) {
      expect(backendEn[k].trim(), k).not.toBe('');
      expect(backendEs[k].trim(), k).not.toBe('');
      expect(placeholders(backendEs[k]), k).toEqual(placeholders(backendEn[k]));
      if (k.endsWith('_one')) expect(keys, k).toContain(k.replace(/_one$/, '_other'));
    }
  });
});

describe('backendText', () => {
  it('fills parameters, nested messages, plurals and byte counts in the language shown', () => {
    const d = msg('describe_workers', { count: 2, mode: msg('workers_mode_shared_atomics'), why: msg('workers_why_isolated') });
    expect(backendText('en', d)).toBe('2 workers, shared memory, batches signalled with Atomics (crossOriginIsolated)');
    expect(backendText('es', d)).toBe('2 workers, memoria compartida, lotes señalizados con Atomics (crossOriginIsolated)');
    expect(backendText('en', { ...d, params: { ...d.params, count: 1 } })).toMatch(/^1 worker, /);
    const h2d = msg('method_gpu_h2d', { count: 1, bytes: 360_100 });
    expect(backendText('en', h2d)).toMatch(/1 upload, 360\.1 kB$/);
    expect(backendText('es', { ...h2d, params: { count: 3, bytes: 2_500_000 } })).toMatch(/3 subidas, 2,5 MB$/);
  });

  it('joins clauses, and renders what the backends emit with no placeholder left', () => {
    const texts = [
      describeChoice(chooseVariant({ threads: 4 }, { crossOriginIsolated: false, simd: true })),
      describeWebgpu('resident', 7, 'SwiftShader', true), describeWebgpu('naive', 0),
      new WorkerFaultError(1, 15, 15, 'terminated').text, new WorkerFaultError(0, -1, 3, 'boom').text,
    ];
    const steps = [{ start: 0, rows: 4 }, { start: 4, rows: 2 }];
    const transfers = { h2dMs: 10, h2dBytes: 2000, uploads: 1, d2hMs: 5, d2hBytes: 8, readbacks: 2 };
    const gpu = epochParts('naive', { steps, transfers, every: 15, timedSlots: 2 }, 10, { timings: [{ name: 'a', dispatches: 2, sampled: 2, msPerDispatch: 30, ms: 60 }], quantumNs: 1000 }, 'x');
    const rec = new EpochRecorder(2, 0);
    rec.batch(0, 2, 0, 5, 6, Float64Array.from([0, 2, 0, 3]));
    const epoch = { epoch: 0, loss: 1, wallMs: 10, samples: 6, samplesPerSec: 600, batches: 2 };
    for (const lang of ['en', 'es'] as const) {
      const shown = [...texts.map((x) => backendText(lang, x)), ...[gpu.breakdown, rec.breakdown(10)].flatMap((b) => showEpoch(lang, { ...epoch, breakdown: b }).breakdown.flatMap((p) => [p.label, p.method]))];
      for (const s of shown) expect(s, s).not.toMatch(/[{}]|undefined|NaN/);
    }
    expect(backendText('en', texts[0])).toBe('C → WASM, SIMD128, 1 thread; threads need SharedArrayBuffer, which needs a cross-origin-isolated page (COOP/COEP headers); running the single-thread SIMD build instead of 4 threads');
    expect(showEpoch('es', { ...epoch, breakdown: gpu.breakdown }).breakdown.map((p) => p.label)).toEqual(['anfitrión→dispositivo', 'kernel', 'dispositivo→anfitrión', 'otros']);
    expect(backendText('es', gpu.breakdown[1].method)).toContain('en uno de cada 15 pasos (2 de 2 pasos)');
    const fitted = fitBreakdown(gpu.breakdown, 10);
    expect(backendText('es', fitted[1].method)).toMatch(/; medido 60 ms; las partes se solapan y juntas superaban la época, así que cada una se escala al 13 % para encajar/);
    expect(backendText('es', fitted[3].method)).toMatch(/preparación en JS de cada lote\)$/);
  });

  it('a BackendError carries its code and parameters, and English as its message', () => {
    const e = new BackendError('webgpu', 'error_unsupported', { backend: 'webgpu', reason: msg('unsupported_no_gpu') });
    expect(e.message).toBe('backend "webgpu" is not supported here: WebGPU is not available in this browser (navigator.gpu is missing)');
    expect(backendText('es', e.text)).toBe('el backend "webgpu" no funciona aquí: WebGPU no está disponible en este navegador (no existe navigator.gpu)');
  });
});
