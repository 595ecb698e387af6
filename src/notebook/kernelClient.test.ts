import { afterEach, expect, it, vi } from 'vitest';
import { msg, type BackendMessage } from '../backends/messages';
import type { BackendSupport, FromKernel, KernelInit, Output, ToKernel } from './kernel/protocol';
import { KernelClient, restartText, type RestartInfo } from './kernelClient';

/** Stands in for the kernel worker: the test plays the kernel's side, on the private port it was given. */
class FakeWorker {
  static all: FakeWorker[] = [];
  onmessage: ((e: { data: unknown }) => void) | null = null;
  onerror: ((e: { message: string }) => void) | null = null;
  onmessageerror: unknown = null;
  terminated = false;
  init: KernelInit | null = null;
  received: ToKernel[] = [];
  constructor() { FakeWorker.all.push(this); }
  postMessage(m: KernelInit): void {
    this.init = m;
    m.port.onmessage = (e: MessageEvent<ToKernel>) => { this.received.push(e.data); };
  }
  terminate(): void { this.terminated = true; this.init?.port.close(); }
  /** What the kernel says on its private port. */
  send(m: FromKernel): void { this.init!.port.postMessage(m); }
  /** What cell code posts with self.postMessage: the worker's own channel. */
  forge(m: unknown): void { this.onmessage?.({ data: m }); }
}

const support = (webgpu: true | BackendMessage): BackendSupport => ({ js: true, workers: true, wasm: true, webgpu });
const tick = () => new Promise((r) => setTimeout(r, 20)); // MessagePort delivery is asynchronous

afterEach(() => { FakeWorker.all = []; vi.unstubAllGlobals(); });

it('takes backend support from the kernel\'s ready message, and again from the new kernel after a restart', async () => {
  vi.stubGlobal('Worker', FakeWorker);
  const k = new KernelClient();
  const seen: BackendSupport[] = [];
  const stop = k.onSupport((s) => seen.push(s));
  expect(FakeWorker.all).toHaveLength(1); // asking for support starts the kernel
  FakeWorker.all[0].send({ type: 'ready', support: support(msg('unsupported_no_adapter')) });
  await tick();
  expect(seen).toEqual([support(msg('unsupported_no_adapter'))]);

  k.restart();
  expect(FakeWorker.all[0].terminated).toBe(true);
  expect(FakeWorker.all).toHaveLength(2);
  FakeWorker.all[1].send({ type: 'ready', support: support(true) });
  await tick();
  expect(seen).toEqual([support(msg('unsupported_no_adapter')), support(true)]);

  // a late subscriber gets the last report at once
  const late: BackendSupport[] = [];
  k.onSupport((s) => late.push(s));
  expect(late).toEqual([support(true)]);

  stop();
  k.dispose();
});

it('hands the kernel a private port and a lock name at spawn, and talks to it only on that port', async () => {
  vi.stubGlobal('Worker', FakeWorker);
  const k = new KernelClient();
  const run = k.run('1', {} as never, 'en', () => undefined);
  const w = FakeWorker.all[0];
  expect(w.init?.type).toBe('init');
  expect(w.init?.lock).toMatch(/^paralelo-kernel-/);
  await tick();
  expect(w.received).toEqual([{ type: 'run', runId: 1, code: '1', knobs: {}, lang: 'en' }]);
  w.send({ type: 'done', runId: 1, status: 'ok' });
  expect(await run).toBe('ok');
  k.dispose();
});

it('ignores what cell code posts on the worker\'s own channel: a forged done ends nothing, and the cell is told once', async () => {
  vi.stubGlobal('Worker', FakeWorker);
  const k = new KernelClient();
  const got: Output[] = [];
  let status: string | null = null;
  void k.run('x', {} as never, 'es', (os) => got.push(...os)).then((s) => { status = s; });
  const w = FakeWorker.all[0];
  w.forge({ type: 'done', runId: 1, status: 'ok' });
  w.forge({ type: 'outputs', runId: 1, outputs: [{ id: 'x', kind: 'text', text: 'FORGED' }] });
  await tick();
  expect(status).toBeNull();
  expect(got).toEqual([{ id: 'forged', kind: 'error', message: 'una celda envió un mensaje a la página; se ignoró' }]);
  w.send({ type: 'outputs', runId: 1, outputs: [{ id: 'a', kind: 'text', text: 'real' }, { id: 'b', kind: 'text', text: 5 } as unknown as Output] });
  w.send({ type: 'done', runId: 1, status: 'ok' });
  await tick();
  expect(status).toBe('ok');
  expect(got.map((o) => o.id)).toEqual(['forged', 'a', 'b']);
  expect(got[2].kind).toBe('error'); // a malformed output in a batch is refused on its own
  k.dispose();
});

it('restarts a kernel whose lock comes free (it died without an error event) and tells the running cell', async () => {
  vi.stubGlobal('Worker', FakeWorker);
  const waiting: (() => void)[] = [];
  vi.stubGlobal('navigator', { locks: { request: (_name: string, cb: () => void) => new Promise<void>((r) => waiting.push(() => { cb(); r(); })) } });
  const k = new KernelClient();
  const restarts: RestartInfo[] = [];
  k.onRestart((i) => restarts.push(i));
  const got: Output[] = [];
  const run = k.run('self.close()', {} as never, 'en', (os) => got.push(...os));
  FakeWorker.all[0].send({ type: 'alive' });
  await tick();
  expect(waiting).toHaveLength(1); // the page waits on the kernel's lock once it is held
  waiting[0](); // granted: the worker is gone
  expect(await run).toBe('error');
  expect(got[0]).toMatchObject({ kind: 'error', message: expect.stringMatching(/^the kernel stopped while this cell was running/) });
  expect(restarts).toEqual([{ reason: 'died', generation: 0 }]);
  expect(k.generation).toBe(1);
  expect(k.busy).toBe(false);

  // a lock granted after the page itself terminated the kernel is not a death
  FakeWorker.all[0].send({ type: 'alive' });
  k.restart();
  expect(restarts).toHaveLength(2);
  k.dispose();
});

it('a crash (the worker\'s error event) ends the running cell with the reason', async () => {
  vi.stubGlobal('Worker', FakeWorker);
  const k = new KernelClient();
  const got: Output[] = [];
  const run = k.run('x', {} as never, 'es', (os) => got.push(...os));
  FakeWorker.all[0].onerror!({ message: 'boom' });
  expect(await run).toBe('error');
  expect(got).toEqual([{ id: 'kernel-crashed', kind: 'error', name: 'KernelError', message: 'el kernel falló: boom' }]);
  expect(FakeWorker.all[0].terminated).toBe(true);
  k.dispose();
});

it('says why the kernel restarted and which cells\' variables went with it', () => {
  expect(restartText('en', { reason: 'died', generation: 0 }, [1, 3])).toBe('The kernel stopped (a cell closed it, it ran out of memory or crashed) and was restarted. Variables defined by cells [1] [3] are gone: run them again.');
  expect(restartText('es', { reason: 'user', generation: 0 }, [])).toBe('Kernel reiniciado: las variables de celdas anteriores ya no existen.');
  expect(restartText('es', { reason: 'stop', generation: 0 }, [2])).toBe('Kernel reiniciado. Las variables definidas por las celdas [2] ya no existen: vuelve a ejecutarlas.');
});
