import { afterEach, expect, it, vi } from 'vitest';
import { msg, type BackendMessage } from '../backends/messages';
import type { BackendSupport, FromKernel } from './kernel/protocol';
import { KernelClient } from './kernelClient';

/** Stands in for the kernel worker: the test plays the kernel's side. */
class FakeWorker {
  static all: FakeWorker[] = [];
  onmessage: ((e: { data: FromKernel }) => void) | null = null;
  onerror: unknown = null;
  terminated = false;
  constructor() { FakeWorker.all.push(this); }
  postMessage(): void {}
  terminate(): void { this.terminated = true; }
  send(m: FromKernel): void { this.onmessage?.({ data: m }); }
}

const support = (webgpu: true | BackendMessage): BackendSupport => ({ js: true, workers: true, wasm: true, webgpu });

afterEach(() => { FakeWorker.all = []; vi.unstubAllGlobals(); });

it('takes backend support from the kernel\'s ready message, and again from the new kernel after a restart', () => {
  vi.stubGlobal('Worker', FakeWorker);
  const k = new KernelClient();
  const seen: BackendSupport[] = [];
  const stop = k.onSupport((s) => seen.push(s));
  expect(FakeWorker.all).toHaveLength(1); // asking for support starts the kernel
  FakeWorker.all[0].send({ type: 'ready', support: support(msg('unsupported_no_adapter')) });
  expect(seen).toEqual([support(msg('unsupported_no_adapter'))]);

  k.restart();
  expect(FakeWorker.all[0].terminated).toBe(true);
  expect(FakeWorker.all).toHaveLength(2);
  FakeWorker.all[1].send({ type: 'ready', support: support(true) });
  expect(seen).toEqual([support(msg('unsupported_no_adapter')), support(true)]);

  // a late subscriber gets the last report at once
  const late: BackendSupport[] = [];
  k.onSupport((s) => late.push(s));
  expect(late).toEqual([support(true)]);

  stop();
  k.dispose();
});
