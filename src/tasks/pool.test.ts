import { describe, expect, it } from 'vitest';
import { StoppedError } from '../backends/types';
import { PartialTaskError, TaskPool, type FromPoolWorker, type ToPoolWorker, type WorkerLike } from './pool';
import { TaskError, type TaskEvent, type TaskSpec } from './types';

// A fake worker: runs `sleep` (waits ms, returns value), `fail` (throws) and `keep`/`read` (its store)
// on a timer, like a real worker would, and records what it was sent and whether it was terminated.
interface Fake extends WorkerLike { index: number; terminated: boolean; store: Map<string, unknown> }
function fakeFactory(made: Fake[]) {
  return (index: number): WorkerLike => {
    let worker = -1;
    const w: Fake = {
      index, terminated: false, store: new Map(), onmessage: null, onerror: null,
      postMessage(m: ToPoolWorker) {
        if (m.type === 'init') { worker = m.worker; return; }
        const p = m.payload as { ms?: number; value?: unknown; key?: string };
        const answer = (d: FromPoolWorker) => { if (!w.terminated) w.onmessage?.({ data: d } as MessageEvent<FromPoolWorker>); };
        setTimeout(() => {
          if (m.kind === 'fail') return answer({ type: 'done', id: m.id, ok: false, message: 'boom', stack: `Error: boom\n    at worker ${worker}` });
          if (m.kind === 'keep') { w.store.set(p.key!, p.value); return answer({ type: 'done', id: m.id, ok: true, value: worker }); }
          if (m.kind === 'read') return answer({ type: 'done', id: m.id, ok: true, value: w.store.get(p.key!) });
          answer({ type: 'done', id: m.id, ok: true, value: p.value });
        }, p.ms ?? 0);
      },
      terminate() { w.terminated = true; },
    };
    made.push(w);
    return w;
  };
}
const sleep = (name: string, ms: number, value: unknown = name, worker?: number): TaskSpec => ({ name, kind: 'sleep', payload: { ms, value }, worker });

describe('TaskPool', () => {
  it('runs tasks on its workers at the same time and returns the results in task order', async () => {
    const made: Fake[] = [];
    const pool = new TaskPool(2, fakeFactory(made));
    const events: TaskEvent[] = [];
    const t = performance.now();
    const out = await pool.run([sleep('a', 100), sleep('b', 20), sleep('c', 20), sleep('d', 20)], { onTask: (e) => events.push(e) });
    expect(out).toEqual(['a', 'b', 'c', 'd']);
    expect(made).toHaveLength(2);
    // b ends first (20 ms), so c goes to worker 1 while a still runs on worker 0; then d on worker 1
    const by = Object.fromEntries(events.map((e) => [e.name, e]));
    expect(by.a.worker).toBe(0);
    expect([by.b.worker, by.c.worker, by.d.worker]).toEqual([1, 1, 1]);
    expect(by.c.start).toBeGreaterThanOrEqual(by.b.end - 1);
    expect(by.c.start).toBeLessThan(by.a.end);
    expect(events.map((e) => e.name)).toEqual(['b', 'c', 'd', 'a']); // in the order they ended
    expect(performance.now() - t).toBeLessThan(100 + 60 - 5); // not 160 ms: two at a time
    expect(pool.load).toEqual({ running: 0, queued: 0 });
  });

  it('starts the costliest tasks first when tasks carry a cost, and still returns results in task order', async () => {
    // a grid like the search's (hidden 64, 128, 64, …): costs 1, 2, 1, 2, 1, 2, taking 20 ms per unit.
    // In list order the last 2-unit task starts late and one worker idles while it runs;
    // costliest first, the three 2-unit tasks go first and the 1-unit ones fill the gaps.
    const costs = [1, 2, 1, 2, 1, 2];
    const tasks = costs.map((c, i): TaskSpec => ({ ...sleep(String.fromCharCode(97 + i), 20 * c), cost: c }));
    const pool = new TaskPool(2, fakeFactory([]));
    const events: TaskEvent[] = [];
    const out = await pool.run(tasks, { onTask: (e) => events.push(e) });
    expect(out).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
    const started = [...events].sort((x, y) => x.start - y.start).map((e) => e.name);
    expect(started.slice(0, 2).sort()).toEqual(['b', 'd']); // the two 2-unit tasks first…
    expect(new Set(started.slice(0, 3))).toEqual(new Set(['b', 'd', 'f'])); // …then the third before any 1-unit one
    expect(events.find((e) => e.name === 'a')!.index).toBe(0); // the task stream keeps the caller's numbering
    // without costs the list order is kept
    const plain: TaskEvent[] = [];
    await pool.run(costs.map((c, i) => sleep(String.fromCharCode(97 + i), 20 * c)), { onTask: (e) => plain.push(e) });
    expect([...plain].sort((x, y) => x.start - y.start).map((e) => e.name).slice(0, 2)).toEqual(['a', 'b']);
  });

  it('sends a task that names its worker to that worker, even when another is free', async () => {
    const pool = new TaskPool(3, fakeFactory([]));
    const events: TaskEvent[] = [];
    await pool.run([sleep('x', 10, 1, 2), sleep('y', 10, 2, 2), sleep('z', 5)], { onTask: (e) => events.push(e) });
    const by = Object.fromEntries(events.map((e) => [e.name, e]));
    expect([by.x.worker, by.y.worker, by.z.worker]).toEqual([2, 2, 0]);
    expect(by.y.start).toBeGreaterThanOrEqual(by.x.end - 1); // one after the other on worker 2
    await expect(pool.run([sleep('w', 1, 0, 5)])).rejects.toThrow(/worker 5 does not exist/);
  });

  it('keeps each worker\'s store between runs', async () => {
    const made: Fake[] = [];
    const pool = new TaskPool(2, fakeFactory(made));
    const [w] = (await pool.run([{ name: 'keep', kind: 'keep', payload: { key: 'k', value: 42 }, worker: 1 }])) as number[];
    expect(w).toBe(1);
    expect(await pool.run([{ name: 'read', kind: 'read', payload: { key: 'k' }, worker: 1 }])).toEqual([42]);
    expect(await pool.run([{ name: 'read', kind: 'read', payload: { key: 'k' }, worker: 0 }])).toEqual([undefined]);
  });

  it('a failing task rejects with its name, worker and stack; the running tasks finish, queued ones are dropped, and the pool still works', async () => {
    const made: Fake[] = [];
    const pool = new TaskPool(2, fakeFactory(made));
    const err = await pool.run([sleep('slow', 50), { name: 'bad', kind: 'fail', payload: { ms: 5 } }, sleep('queued', 5)]).catch((e) => e);
    expect(err).toBeInstanceOf(PartialTaskError);
    expect(err).toBeInstanceOf(TaskError);
    expect(err.task).toBe('bad');
    expect(err.worker).toBe(1);
    expect(err.message).toBe('bad: boom');
    expect(err.workerStack).toContain('at worker 1');
    expect(err.partial[0]).toBe('slow'); // the task running beside it was not lost
    expect(err.finished).toEqual([true, false, false]);
    expect(err.events.map((e: TaskEvent) => [e.name, e.ok])).toEqual([['bad', false], ['slow', true]]);
    expect(made.some((w) => w.terminated)).toBe(false);
    expect(await pool.run([sleep('after', 1)])).toEqual(['after']);
  });

  it('Stop drops the queued tasks, terminates the running ones (a fresh worker takes their place) and rejects with StoppedError', async () => {
    const made: Fake[] = [];
    const pool = new TaskPool(2, fakeFactory(made));
    const ctrl = new AbortController();
    const events: TaskEvent[] = [];
    const p = pool.run([sleep('a', 1000), sleep('b', 1000), sleep('c', 10)], { signal: ctrl.signal, onTask: (e) => events.push(e) });
    await new Promise((r) => setTimeout(r, 20));
    expect(pool.load).toEqual({ running: 2, queued: 1 });
    ctrl.abort();
    await expect(p).rejects.toBeInstanceOf(StoppedError);
    expect(pool.load).toEqual({ running: 0, queued: 0 });
    expect(made.map((w) => w.terminated)).toEqual([true, true]);
    expect(events).toEqual([]);
    // a new run gets new workers
    expect(await pool.run([sleep('next', 1), sleep('next2', 1)])).toEqual(['next', 'next2']);
    expect(made).toHaveLength(4);
    await expect(pool.run([sleep('x', 1)], { signal: ctrl.signal })).rejects.toBeInstanceOf(StoppedError);
  });

  it('a worker that dies fails its task and is replaced', async () => {
    const made: Fake[] = [];
    const pool = new TaskPool(1, fakeFactory(made));
    const p = pool.run([sleep('doomed', 1000)]);
    await new Promise((r) => setTimeout(r, 5));
    made[0].onerror?.({ message: 'module failed to load', preventDefault() {} } as ErrorEvent);
    await expect(p).rejects.toThrow('doomed: module failed to load');
    expect(made[0].terminated).toBe(true);
    expect(await pool.run([sleep('ok', 1)])).toEqual(['ok']);
    expect(made).toHaveLength(2);
  });

  it('two runs at once share the workers', async () => {
    const pool = new TaskPool(2, fakeFactory([]));
    const [a, b] = await Promise.all([pool.run([sleep('a1', 10), sleep('a2', 10)]), pool.run([sleep('b1', 5)])]);
    expect(a).toEqual(['a1', 'a2']);
    expect(b).toEqual(['b1']);
  });

  it('refuses a size out of range and terminates on dispose', async () => {
    expect(() => new TaskPool(0, fakeFactory([]))).toThrow(RangeError);
    expect(() => new TaskPool(17, fakeFactory([]))).toThrow(RangeError);
    const made: Fake[] = [];
    const pool = new TaskPool(2, fakeFactory(made));
    const p = pool.run([sleep('a', 1000)]);
    await new Promise((r) => setTimeout(r, 5));
    pool.dispose();
    await expect(p).rejects.toBeInstanceOf(StoppedError);
    expect(made[0].terminated).toBe(true);
    await expect(pool.run([sleep('b', 1)])).rejects.toThrow(/disposed/);
  });
});
