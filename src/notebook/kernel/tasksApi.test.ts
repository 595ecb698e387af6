import { afterEach, describe, expect, it } from 'vitest';
import { StoppedError } from '../../backends/types';
import { handlers } from '../../tasks/allHandlers';
import { disposePools, setWorkerFactory, type FromPoolWorker, type ToPoolWorker, type WorkerLike } from '../../tasks/pool';
import { makeTasksApi, type TaskNode } from './tasksApi';

// In-process "workers": each runs the real handlers (fn by source) on a timer, with its own store;
// terminate() stops its answers, as a terminated Web Worker would.
let made = 0;
setWorkerFactory((index) => {
  made++;
  let worker = index, dead = false;
  const store = new Map<string, unknown>();
  const w: WorkerLike = {
    onmessage: null, onerror: null,
    postMessage(m: ToPoolWorker) {
      if (m.type === 'init') { worker = m.worker; return; }
      const answer = (d: FromPoolWorker) => { if (!dead) w.onmessage?.({ data: structuredClone(d) } as MessageEvent<FromPoolWorker>); };
      setTimeout(async () => {
        try {
          answer({ type: 'done', id: m.id, ok: true, value: await handlers[m.kind](structuredClone(m.payload), { worker, store, signal: new AbortController().signal }) });
        } catch (e) {
          answer({ type: 'done', id: m.id, ok: false, message: (e as Error).message, stack: (e as Error).stack ?? '' });
        }
      }, 0);
    },
    terminate() { dead = true; },
  };
  return w;
});
afterEach(() => disposePools());

const api = (signal = new AbortController().signal) => makeTasksApi({ lang: 'es', signal }, (n) => n === 'show' || n === 'train');
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('parallel().map', () => {
  it('returns the results in order, with every task in its stream, on both backends', async () => {
    const { parallel } = api();
    const square = async (x: number) => { await new Promise((r) => setTimeout(r, 5 * (5 - x))); return x * x; };
    for (const o of [{ nJobs: 2 }, { nJobs: 3 }, { backend: 'sequential' as const }]) {
      const out = await parallel(o).map(square, [1, 2, 3, 4]);
      expect([...out]).toEqual([1, 4, 9, 16]);
      expect(out.tasks.tasks.map((e) => e.name).sort()).toEqual(['square[0]', 'square[1]', 'square[2]', 'square[3]']);
      expect(Object.keys(out)).toEqual(['0', '1', '2', '3']); // tasks is not enumerable
    }
  });

  it('refuses a function that reads a cell variable or the API, naming it (es), before anything runs', async () => {
    const { parallel, delayed } = api();
    const before = made;
    const lr = 0.1;
    const scale = (x: number) => x * lr;
    await expect(parallel().map(scale, [1])).rejects.toThrow('`scale` usa `lr`, una variable de la celda: en un worker no existe (como con multiprocessing, la función viaja sin su entorno). Pásala como argumento.');
    expect(() => delayed(function fine(x: number) { return Math.max(x, JSON.parse('1'), globalThis.length ?? 0); })).not.toThrow();
    expect(() => delayed(new Function('x', 'return show.text(x)') as (x: number) => void)).toThrow(/usa `show`, parte de la API de la celda/);
    await expect(parallel().map(Math.sqrt as never, [4])).rejects.toThrow(/no puede viajar como código/);
    expect(made).toBe(before);
    expect(() => parallel({ nJobs: 0 })).toThrow(/nJobs debe ser un entero de 1 a 16/);
  });

  it('a task that throws names the task and worker, keeps the finished results, and the pool still works', async () => {
    const { parallel } = api();
    const risky = async (x: number) => { if (x === 2) throw new Error('x no puede ser 2'); await new Promise((r) => setTimeout(r, 10)); return x; };
    const err = await parallel({ nJobs: 2 }).map(risky, [1, 2, 3, 4]).catch((e) => e);
    expect(err.name).toBe('TaskError');
    expect(err.message).toMatch(/^La tarea risky\[1\] falló en el worker \d: x no puede ser 2/);
    expect(err.task).toBe('risky[1]');
    expect(err.partial[0]).toBe(1);
    expect([...(await parallel({ nJobs: 2 }).map((x: number) => x + 1, [1, 2]))]).toEqual([2, 3]);
  });

  it('Stop ends a long map with StoppedError, and the next map works', async () => {
    const ctrl = new AbortController();
    const { parallel } = api(ctrl.signal);
    const slow = async (x: number) => { await new Promise((r) => setTimeout(r, 10_000)); return x; };
    const p = parallel({ nJobs: 2 }).map(slow, [1, 2, 3]);
    await wait(20);
    ctrl.abort();
    await expect(p).rejects.toBeInstanceOf(StoppedError);
    expect([...(await api().parallel({ nJobs: 2 }).map((x: number) => -x, [1, 2, 3]))]).toEqual([-1, -2, -3]);
  });
});

describe('delayed / compute / persist', () => {
  const pause = async (v: number) => { await new Promise((r) => setTimeout(r, 30)); return v; };

  it('runs a diamond respecting dependencies: b and c at the same time on different workers, a once', async () => {
    const { delayed, compute, graph } = api();
    const a = delayed(async function load() { await new Promise((r) => setTimeout(r, 10)); return 3; })();
    const inc = async (x: number) => { await new Promise((r) => setTimeout(r, 40)); return x + 1; };
    const dbl = async (x: number) => { await new Promise((r) => setTimeout(r, 40)); return x * 2; };
    const b = delayed(inc)(a), c = delayed(dbl)(a);
    const d = delayed(function sum(x: number, y: number, z: number) { return x + y + z; })(b, c, 100);
    const out = await compute(d, { nJobs: 2 });
    expect([...out]).toEqual([4 + 6 + 100]);
    const ev = Object.fromEntries(out.tasks.tasks.map((e) => [e.name, e]));
    expect(out.tasks.tasks).toHaveLength(4); // a computed once
    expect(ev.inc.start).toBeGreaterThanOrEqual(ev.load.end - 0.01);
    expect(ev.dbl.start).toBeGreaterThanOrEqual(ev.load.end - 0.01);
    expect(ev.sum.start).toBeGreaterThanOrEqual(Math.max(ev.inc.end, ev.dbl.end) - 0.01);
    expect(ev.inc.worker).not.toBe(ev.dbl.worker);
    expect(Math.max(ev.inc.start, ev.dbl.start)).toBeLessThan(Math.min(ev.inc.end, ev.dbl.end)); // they overlap
    const g = graph(d);
    expect(g.nodes.map((n) => n.name)).toEqual(['load', 'inc', 'dbl', 'sum']);
    expect(g.edges).toEqual([[0, 1], [0, 2], [1, 3], [2, 3]]);
    expect(g.nodes.every((n) => n.worker !== undefined && n.ms !== undefined)).toBe(true);
    expect(g.title).toBe('Grafo de tareas: 4 tareas, ejecutadas en 2 workers');
  });

  it('takes an array of nodes as an argument, and several roots', async () => {
    const { delayed, compute } = api();
    const parts = [1, 2, 3].map((x) => delayed(pause)(x));
    const total = delayed((xs: number[]) => xs.reduce((s, x) => s + x, 0))(parts);
    const out = await compute(total, parts[0], { nJobs: 3 });
    expect([...out]).toEqual([6, 1]);
    expect([...(await compute(total, { backend: 'sequential' }))]).toEqual([6]);
  });

  it('a failing node stops the nodes after it, names the task; the others finish', async () => {
    const { delayed, compute } = api();
    const a = delayed(pause)(1);
    const bad = delayed(function broken(x: number) { if (x) throw new Error('roto'); return x; })(a);
    const after = delayed((x: number) => x)(bad);
    const side = delayed(pause)(2);
    const err = await compute(after, side, { nJobs: 2 }).catch((e) => e);
    expect(err.message).toMatch(/^La tarea broken falló en el worker \d: roto/);
    expect(err.partial).toEqual([undefined, 2]);
  });

  it('Stop cancels a running graph', async () => {
    const ctrl = new AbortController();
    const { delayed, compute } = api(ctrl.signal);
    const slow = delayed(async (x: number) => { await new Promise((r) => setTimeout(r, 10_000)); return x; });
    const p = compute(delayed((x: number, y: number) => x + y)(slow(1), slow(2)), { nJobs: 2 });
    await wait(20);
    ctrl.abort();
    await expect(p).rejects.toBeInstanceOf(StoppedError);
  });

  it('persist keeps the result on its worker; later tasks run there and read it from the store', async () => {
    const { delayed, compute, persist, graph } = api();
    const data = delayed(function makeData(n: number) { return Array.from({ length: n }, (_, i) => i); })(5);
    const [kept] = await persist(data, { nJobs: 2 });
    expect(kept).toBe(data);
    expect(data.persisted?.nJobs).toBe(2);
    const where = data.persisted!.worker;
    const sums = [1, 2, 3].map((k) => delayed((xs: number[], m: number) => xs.reduce((s, x) => s + x * m, 0))(data, k));
    const out = await compute(...sums, { nJobs: 2 });
    expect([...out]).toEqual([10, 20, 30]);
    expect(out.tasks.tasks.every((e) => e.worker === where)).toBe(true);
    expect(out.tasks.tasks.map((e) => e.name)).not.toContain('makeData'); // not computed again
    expect([...(await compute(data, { nJobs: 2 }))]).toEqual([[0, 1, 2, 3, 4]]); // fetched from its worker
    expect([...(await compute(sums[1], { backend: 'sequential' }))]).toEqual([20]); // another pool: fetched first
    expect(graph(sums).nodes[0]).toMatchObject({ name: 'makeData', persisted: true, worker: where });
  });

  it('refuses what is not a node', async () => {
    const { compute, graph } = api();
    await expect(compute(42 as unknown as TaskNode)).rejects.toThrow(/compute y persist reciben nodos/);
    expect(() => graph([])).toThrow(/show.graph necesita un nodo/);
  });
});

describe('chunks', () => {
  it('maps and reduces per chunk on the pool over shared memory, the same as sequentially', async () => {
    const { chunks } = api();
    const xs = Float32Array.from({ length: 10 }, (_, i) => i + 1);
    const c = chunks(xs, 4, { nJobs: 2 });
    expect([c.count, c.length, c.shared]).toEqual([3, 10, true]);
    const sums = await c.map((chunk) => { let s = 0; for (const x of chunk) s += x; return s; });
    expect([...sums]).toEqual([10, 26, 19]);
    expect(sums.tasks.tasks).toHaveLength(3);
    const lens = await c.map((chunk, i) => `${i}:${chunk.length}:${chunk.buffer.constructor.name}`);
    expect([...lens]).toEqual(['0:4:SharedArrayBuffer', '1:4:SharedArrayBuffer', '2:2:SharedArrayBuffer']);
    const r = await c.reduce((s: number, x: number) => s + x, 0);
    expect(r.value).toBe(55);
    expect(r.partials).toEqual([10, 26, 19]);
    const seq = await chunks([1, 2, 3, 4, 5], 2, { backend: 'sequential' }).reduce((m: number, x: number) => Math.max(m, x), -Infinity);
    expect(seq.value).toBe(5);
    const k = 3;
    await expect(c.map((chunk) => chunk.length * k)).rejects.toThrow(/usa `k`/);
    expect(() => chunks(xs, 0)).toThrow(RangeError);
  });
});

describe('sequential graphs', () => {
  it('run one task at a time even when the functions await', async () => {
    const { delayed, compute } = api();
    const pause = async (v: number) => { await new Promise((r) => setTimeout(r, 20)); return v; };
    const out = await compute([1, 2, 3].map((v) => delayed(pause)(v)), { backend: 'sequential' });
    expect([...out]).toEqual([1, 2, 3]);
    const ev = [...out.tasks.tasks].sort((a, b) => a.start - b.start);
    for (let i = 1; i < ev.length; i++) expect(ev[i].start).toBeGreaterThanOrEqual(ev[i - 1].end - 0.01);
    expect(ev.every((e) => e.worker === 0)).toBe(true);
  });
});
