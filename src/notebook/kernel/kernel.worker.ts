// The kernel: a Web Worker that runs cell code with one scope shared across cells and posts display
// outputs. A Stop aborts the running cell's AbortSignal (trainers stop between batches); a cell that
// ignores it (`while (true) {}`) is handled by the page, which terminates and restarts this worker.
import { makeApi } from './api';
import { executeCell, thrownText } from './execute';
import { formatValue } from './format';
import { localizeError } from './localize';
import type { BackendSupport, FromKernel, ToKernel } from './protocol';
import { supportedBackends } from './session';

const scope: Record<string, unknown> = {};
let current: AbortController | null = null;

function post(m: FromKernel): void {
  postMessage(m);
}

async function run(msg: Extract<ToKernel, { type: 'run' }>): Promise<void> {
  const ctrl = new AbortController();
  current = ctrl;
  const api = makeApi({
    lang: msg.lang, knobs: msg.knobs, signal: ctrl.signal,
    post: (output) => post({ type: 'output', runId: msg.runId, output }),
  });
  Object.assign(scope, api);
  try {
    const r = await executeCell(msg.code, scope, `cell-${msg.runId}.js`);
    if ('failure' in r) {
      const f = r.failure;
      if (!f.stopped) post({ type: 'output', runId: msg.runId, output: { id: 'error', kind: 'error', name: f.name, message: localizeError(f.error, msg.lang) ?? f.message, line: f.line } });
      post({ type: 'done', runId: msg.runId, status: f.stopped ? 'stopped' : 'error' });
    } else {
      if (r.value !== undefined) post({ type: 'output', runId: msg.runId, output: { id: 'value', kind: 'text', text: formatValue(r.value) } });
      post({ type: 'done', runId: msg.runId, status: ctrl.signal.aborted ? 'stopped' : 'ok' });
    }
  } catch (e) {
    // e.g. a last value whose conversion to text throws: the cell still ends, with the reason
    post({ type: 'output', runId: msg.runId, output: { id: 'error', kind: 'error', name: 'Error', message: e instanceof Error ? e.message : thrownText(e) } });
    post({ type: 'done', runId: msg.runId, status: 'error' });
  } finally {
    if (current === ctrl) current = null;
  }
}

self.onmessage = (e: MessageEvent<ToKernel>) => {
  const msg = e.data;
  switch (msg.type) {
    case 'run':
      void run(msg);
      break;
    case 'stop':
      current?.abort();
      break;
  }
};

void supportedBackends().then((list) => post({ type: 'ready', support: Object.fromEntries(list.map((b) => [b.name, b.supported])) as BackendSupport }));
