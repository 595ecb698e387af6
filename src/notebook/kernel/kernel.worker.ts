// The kernel: a Web Worker that runs cell code with one scope shared across cells and posts display
// outputs. A Stop aborts the running cell's AbortSignal (trainers stop between batches); a cell that
// ignores it (`while (true) {}`) is handled by the page, which terminates and restarts this worker.
//
// Cell code runs in this worker, so the kernel keeps what it must not touch out of its reach
// (issue 11): it talks to the page only on a private MessagePort (channel.ts), hides `indexedDB`
// and refuses other origins (guard.ts), bounds what a cell can send (limits.ts), gives its API back
// to every run and says when a cell replaced part of it, and holds a Web Lock while it lives, so the
// page learns that it died even when no error event comes (a cell's `self.close()`, out of memory).
import { t, type Lang } from '../../i18n';
import { DataError } from '../../data/errors';
import { makeApi } from './api';
import { openChannel } from './channel';
import { executeCell, thrownText } from './execute';
import { formatValue } from './format';
import { guardGlobals } from './guard';
import { OutputSink } from './limits';
import { localizeError } from './localize';
import { predict } from './predict';
import type { BackendSupport, ModelRequest, ToKernel } from './protocol';
import { StoppedError } from '../../backends/types';
import type { TrainUse } from '../core/trainUse';
import { supportedBackends } from './session';

guardGlobals();

const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
const scope: Record<string, unknown> = {};
let current: { ctrl: AbortController; sink: OutputSink; lang: Lang } | null = null;
let uncaught = 0;
let nextReq = 1;
/** requests to the page (models.*) waiting for its reply */
const asked = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();

/** Asks the page (which holds the models store) and waits for its reply; a Stop of the cell ends the wait. */
function request(runId: number, signal: AbortSignal, req: ModelRequest): Promise<unknown> {
  if (signal.aborted) return Promise.reject(new StoppedError());
  const reqId = nextReq++;
  return new Promise((resolve, reject) => {
    const onAbort = () => { asked.delete(reqId); reject(new StoppedError()); };
    signal.addEventListener('abort', onAbort, { once: true });
    const done = (f: () => void) => { signal.removeEventListener('abort', onAbort); asked.delete(reqId); f(); };
    asked.set(reqId, { resolve: (v) => done(() => resolve(v)), reject: (e) => done(() => reject(e)) });
    channel.send({ type: 'request', runId, reqId, request: req });
  });
}

const channel = openChannel(self, onMessage, (init) => {
  if (!locks?.request || typeof init.lock !== 'string') return;
  // held until this worker ends, however it ends; then the page's request for it is granted
  locks.request(init.lock, () => {
    channel.send({ type: 'alive' });
    return new Promise<never>(() => undefined);
  }).catch(() => undefined);
});

/** Puts the API back into the scope (a previous cell may have replaced or deleted any of it). */
function restoreApi(api: Record<string, unknown>): void {
  for (const [k, v] of Object.entries(api)) {
    try {
      if (!Reflect.set(scope, k, v)) Object.defineProperty(scope, k, { value: v, writable: true, configurable: true, enumerable: true });
    } catch {
      // a cell locked it: the note after the run names it
    }
  }
}

/** The API names the cell replaced or deleted. */
function replacedNames(api: Record<string, unknown>): string[] {
  return Object.keys(api).filter((k) => {
    try {
      return scope[k] !== api[k];
    } catch {
      return true;
    }
  });
}

async function run(msg: Extract<ToKernel, { type: 'run' }>): Promise<void> {
  const { runId, lang } = msg;
  const ctrl = new AbortController();
  const sink = new OutputSink(lang, (outputs) => channel.send({ type: 'outputs', runId, outputs }));
  current = { ctrl, sink, lang };
  const trained: TrainUse[] = [];
  const api = makeApi({ lang, knobs: msg.knobs, signal: ctrl.signal, post: (output) => sink.post(output), trained: (u) => { if (trained.length < 1000) trained.push(u); }, model: (model) => channel.send({ type: 'model', runId, model }), request: (req) => request(runId, ctrl.signal, req) }) as unknown as Record<string, unknown>;
  restoreApi(api);
  let status: 'ok' | 'error' | 'stopped';
  try {
    const r = await executeCell(msg.code, scope, `cell-${runId}.js`);
    if ('failure' in r) {
      const f = r.failure;
      if (!f.stopped) sink.post({ id: 'error', kind: 'error', name: f.name, message: localizeError(f.error, lang) ?? f.message, line: f.line, ...(f.error instanceof DataError ? { retry: true } : {}) }, true);
      status = f.stopped ? 'stopped' : 'error';
    } else {
      if (r.value !== undefined) sink.post({ id: 'value', kind: 'text', text: formatValue(r.value) }, true);
      status = ctrl.signal.aborted ? 'stopped' : 'ok';
    }
  } catch (e) {
    // e.g. a last value whose conversion to text throws: the cell still ends, with the reason
    sink.post({ id: 'error', kind: 'error', name: 'Error', message: e instanceof Error ? e.message : thrownText(e) }, true);
    status = 'error';
  }
  const replaced = replacedNames(api);
  if (replaced.length) {
    const names = replaced.map((n) => `\`${n}\``).join(', ');
    sink.post({ id: 'replaced', kind: 'text', text: t(lang, replaced.length === 1 ? 'kernelReplaced_one' : 'kernelReplaced_other', { names }) }, true);
  }
  sink.flush();
  channel.send({ type: 'done', runId, status, trained });
  if (current?.ctrl === ctrl) current = null;
}

function onMessage(msg: ToKernel): void {
  switch (msg?.type) {
    case 'run':
      void run(msg);
      break;
    case 'stop':
      current?.ctrl.abort();
      break;
    case 'predict': {
      const { reqId } = msg;
      void predict(msg.key, msg.model, msg.images, msg.backends)
        .catch((e: unknown) => (Array.isArray(msg.backends) ? msg.backends : []).map((backend) => ({ backend, ms: 0, error: e instanceof Error ? e.message : String(e) })))
        .then((results) => channel.send({ type: 'predicted', reqId, results }));
      break;
    }
    case 'reply': {
      const a = asked.get(msg.reqId);
      if (!a) break;
      if (msg.ok) a.resolve(msg.value);
      else a.reject(new Error(typeof msg.error === 'string' ? msg.error : String(msg.error)));
      break;
    }
  }
}

/** An error thrown by code a cell left running (a timer, an unawaited promise) goes to the running
 * cell, if any, instead of reaching the page as the worker's error event (which means a crash). */
function reportUncaught(e: Event, error: unknown): void {
  e.preventDefault();
  const c = current;
  const message = error instanceof Error ? error.message : thrownText(error);
  if (!c) {
    console.error('paralelo kernel: uncaught', error);
    return;
  }
  const name = error instanceof Error ? error.name : 'Error';
  c.sink.post({ id: `uncaught-${uncaught++}`, kind: 'error', name, message: t(c.lang, 'kernelUncaught', { message: localizeError(error, c.lang) ?? message }) }, true);
}

self.addEventListener('error', (e) => reportUncaught(e, e.error ?? e.message));
self.addEventListener('unhandledrejection', (e) => reportUncaught(e, e.reason));

void supportedBackends().then((list) => channel.send({ type: 'ready', support: Object.fromEntries(list.map((b) => [b.name, b.supported])) as BackendSupport }));
