// KernelClient.predict: the answer travels back by request id (also while a cell runs); no answer in
// time while a cell keeps the kernel busy is 'busy'; a restart fails what was waiting.
import { afterEach, expect, it, vi } from 'vitest';
import type { FromKernel, KernelInit, ToKernel } from './kernel/protocol';
import { KernelClient, PredictError } from './kernelClient';
import { makeSpec, paramLayout } from '../mlp/spec';
import type { TrainedModel } from '../models/model';

class FakeWorker {
  static all: FakeWorker[] = [];
  onmessage: unknown = null;
  onerror: unknown = null;
  onmessageerror: unknown = null;
  init: KernelInit | null = null;
  received: ToKernel[] = [];
  constructor() { FakeWorker.all.push(this); }
  postMessage(m: KernelInit): void {
    this.init = m;
    m.port.onmessage = (e: MessageEvent<ToKernel>) => { this.received.push(e.data); };
  }
  terminate(): void { this.init?.port.close(); }
  send(m: FromKernel): void { this.init!.port.postMessage(m); }
}
const tick = () => new Promise((r) => setTimeout(r, 20));
const spec = makeSpec(16);
const model: TrainedModel = { spec, params: new Float32Array(paramLayout(spec).total), meta: { label: 'js', backend: 'js', accuracy: 0.9, samples: 1, epochs: 1, batchSize: 1, learningRate: 0.1, seed: 1, createdAt: 1 } };

afterEach(() => { FakeWorker.all = []; vi.unstubAllGlobals(); });

it('sends the request and resolves with the checked answer of the same request id, even while a cell runs', async () => {
  vi.stubGlobal('Worker', FakeWorker);
  const k = new KernelClient();
  void k.run('await train()', {} as never, 'en', () => undefined);
  const p = k.predict(model, 'm1', new Uint8Array(784), ['js', 'wasm']);
  await tick();
  const w = FakeWorker.all[0];
  const req = w.received.find((m) => m.type === 'predict');
  expect(req).toMatchObject({ type: 'predict', key: 'm1', backends: ['js', 'wasm'] });
  const reqId = (req as Extract<ToKernel, { type: 'predict' }>).reqId;
  w.send({ type: 'predicted', reqId: reqId + 1, results: [] }); // another request's answer: ignored
  w.send({ type: 'predicted', reqId, results: [{ backend: 'js', probabilities: new Float32Array(10).fill(0.1), ms: 0.5 }, { backend: 'wasm', ms: 0, error: 'no module' }] });
  const r = await p;
  expect(r.map((x) => x.backend)).toEqual(['js', 'wasm']);
  expect(r[1].error).toBe('no module');
  k.dispose();
});

it("says 'busy' when a running cell keeps the kernel from answering, 'restarted' after a restart", async () => {
  vi.stubGlobal('Worker', FakeWorker);
  const k = new KernelClient();
  void k.run('while (true) {}', {} as never, 'en', () => undefined);
  await expect(k.predict(model, 'm1', new Uint8Array(784), ['js'], 50)).rejects.toEqual(new PredictError('busy'));
  const waiting = k.predict(model, 'm1', new Uint8Array(784), ['js']);
  k.restart();
  await expect(waiting).rejects.toEqual(new PredictError('restarted'));
  k.dispose();
});
