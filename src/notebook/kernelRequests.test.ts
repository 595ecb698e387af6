// The kernel ↔ page request channel (issue 14 §5): a running cell's request reaches the handler the
// app registered, in the cell's language, and its answer or failure goes back as a reply.
import { afterEach, expect, it, vi } from 'vitest';
import type { FromKernel, KernelInit, ModelRequest, ToKernel } from './kernel/protocol';
import { KernelClient } from './kernelClient';
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
afterEach(() => { FakeWorker.all = []; vi.unstubAllGlobals(); });

it('answers the running cell\'s requests with the registered handler, in the cell\'s language', async () => {
  vi.stubGlobal('Worker', FakeWorker);
  const k = new KernelClient();
  const seen: [ModelRequest, string][] = [];
  k.onRequest(async (req, lang) => {
    seen.push([req, lang]);
    if (req.op === 'load') throw new Error(`no model "${req.name}"`);
    return ['a', 'b'];
  });
  void k.run('x', {} as never, 'es', () => undefined);
  const w = FakeWorker.all[0];
  w.send({ type: 'request', runId: 1, reqId: 7, request: { op: 'list' } });
  w.send({ type: 'request', runId: 1, reqId: 8, request: { op: 'load', name: 'mine' } });
  w.send({ type: 'request', runId: 99, reqId: 9, request: { op: 'list' } }); // not the running cell's: ignored
  await tick();
  expect(seen).toEqual([[{ op: 'list' }, 'es'], [{ op: 'load', name: 'mine' }, 'es']]);
  expect(w.received.filter((m) => m.type === 'reply')).toEqual([
    { type: 'reply', reqId: 7, ok: true, value: ['a', 'b'] },
    { type: 'reply', reqId: 8, ok: false, error: 'no model "mine"' },
  ]);
  k.dispose();
});

it('says so when nothing answers requests, and stops answering once the handler is unregistered', async () => {
  vi.stubGlobal('Worker', FakeWorker);
  const k = new KernelClient();
  const off = k.onRequest(async () => 1);
  off();
  void k.run('x', {} as never, 'en', () => undefined);
  const w = FakeWorker.all[0];
  w.send({ type: 'request', runId: 1, reqId: 1, request: { op: 'list' } });
  await tick();
  expect(w.received.filter((m) => m.type === 'reply')).toEqual([{ type: 'reply', reqId: 1, ok: false, error: 'Models are saved by the page, which did not answer.' }]);
  k.dispose();
});

it('adopts a checked model as the one in use and tells the listeners; a broken one is ignored', () => {
  const k = new KernelClient();
  const spec = makeSpec(16);
  const good: TrainedModel = { spec, params: new Float32Array(paramLayout(spec).total), meta: { label: 'x', backend: 'js', accuracy: 0.5, samples: 1, epochs: 1, batchSize: 1, learningRate: 0.1, seed: 1, createdAt: 1 } };
  const heard: TrainedModel[] = [];
  k.onModel((m) => heard.push(m));
  k.adoptModel({ ...good, params: new Float32Array(3) });
  expect(k.latestModel).toBeNull();
  k.adoptModel(good);
  expect(k.latestModel).toBe(good);
  expect(heard).toEqual([good]);
});
