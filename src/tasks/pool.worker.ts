// One worker of the task pool (pool.ts): runs the registered handlers (allHandlers.ts) on the
// payloads the kernel posts, one task at a time, with this worker's own `env.store`.
import { guardGlobals } from '../notebook/kernel/guard';
import { handlers } from './allHandlers';
import type { FromPoolWorker, ToPoolWorker } from './pool';

// functions shipped from cells run here: the same walls as in the kernel (no IndexedDB, which holds
// the student's saved edits; no other origins), before any task runs
guardGlobals();

const store = new Map<string, unknown>();
let index = 0;
// Stop terminates the worker, so a handler here is never asked to stop: its signal never aborts
const signal = new AbortController().signal;
const post = (m: FromPoolWorker) => (self as unknown as Worker).postMessage(m);

self.onmessage = async (e: MessageEvent<ToPoolWorker>) => {
  const m = e.data;
  if (m.type === 'init') {
    index = m.worker;
    return;
  }
  if (m.type !== 'task') return;
  try {
    const h = handlers[m.kind];
    if (!h) throw new Error(`no task handler named ${m.kind}`);
    const value = await h(m.payload, { worker: index, store, signal });
    post({ type: 'done', id: m.id, ok: true, value });
  } catch (err) {
    // a thrown value, or a result that cannot be cloned (a function, a DOM-less object): said, not lost
    const x = err instanceof Error ? err : new Error(String(err));
    post({ type: 'done', id: m.id, ok: false, message: `${x.name && x.name !== 'Error' ? `${x.name}: ` : ''}${x.message}`, stack: x.stack ?? '' });
  }
};
