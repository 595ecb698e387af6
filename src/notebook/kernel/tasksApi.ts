// Task parallelism in cell scope (issue 15 §1, docs/notebook-api.md): joblib's Parallel/delayed as
// `parallel({ nJobs }).map(fn, items)`, Dask's `delayed` / `compute` / `persist`, `show.graph` and the
// task stream of what they ran. Functions travel to the pool's workers by source (src/tasks/fnSource.ts):
// one that reads a cell variable or the cell API is refused before anything runs, naming the variable.
import { StoppedError } from '../../backends/types';
import { t, type MessageKey } from '../../i18n';
import { missingInWorker, functionExpression } from '../../tasks/fnSource';
import { MAX_JOBS, PartialTaskError, sharedPool, type Done } from '../../tasks/pool';
import { runTasksSequential } from '../../tasks/run';
import { handlers } from '../../tasks/allHandlers';
import { TaskError, type TaskEvent, type TaskSpec } from '../../tasks/types';
import { formatValue } from './format';
import { formatCount } from './limits';
import type { ChartSpec, GraphData, Lang } from './protocol';
import { MAX_GRAPH_EDGES, MAX_GRAPH_NODES } from '../outputs';
import { messageError } from '../../i18n/messageError';

export type TasksBackend = 'workers' | 'sequential';
/** A chunk of chunks(): a typed-array view of the shared data. */
export type NumberArray = Float64Array | Float32Array | Int32Array | Uint32Array | Int16Array | Uint16Array | Int8Array | Uint8Array | Uint8ClampedArray;
export interface ParallelOptions { nJobs?: number; backend?: TasksBackend }

/** What parallel().map, compute and persist record: every task, its worker, start and end (ms since the call began, kernel's clock). */
export interface TaskStream {
  nJobs: number;
  backend: TasksBackend;
  /** ms from the call to its last result */
  ms: number;
  /** `kind` (optional) fills the task's box; without it, the name without its `[i]` */
  tasks: (TaskEvent & { kind?: string })[];
}

/** A task stream on the result: an array of results with a `tasks` field (not enumerable: printing the array prints the results). */
export type WithTasks<T> = T & { readonly tasks: TaskStream };


let nodeIds = 0;
let persistIds = 0;

/** A node of a task graph, made by `delayed(fn)(...args)`; an argument may be another node (or an array of nodes). Nothing runs until compute or persist. */
export interface TaskNode {
  /** the task's name (the function's, or delayed's `name` option) */
  readonly name: string;
  /** after compute or persist: the worker that ran it, for how long (ms) and on a pool of how many workers (1: sequential) */
  readonly ran?: { worker: number; ms: number; nJobs: number };
  /** after persist: its result is kept on that worker of that pool (nJobs 0: in the kernel, sequential) */
  readonly persisted?: { nJobs: number; worker: number; key: string };
}

class GraphTask implements TaskNode {
  readonly id = ++nodeIds;
  ran?: { worker: number; ms: number; nJobs: number };
  persisted?: { nJobs: number; worker: number; key: string };
  constructor(readonly name: string, readonly source: string, readonly args: readonly unknown[]) {}
  /** the nodes this one reads */
  get deps(): GraphTask[] {
    return this.args.flatMap((a) => (a instanceof GraphTask ? [a] : Array.isArray(a) ? a.filter((x): x is GraphTask => x instanceof GraphTask) : []));
  }
  toString() {
    return `delayed ${this.name}`;
  }
}

const fnName = (fn: unknown) => (typeof fn === 'function' && fn.name ? fn.name : 'fn');
const describe = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);

// the sequential backend's store (persist with backend 'sequential' keeps the result here, in the kernel)
const kernelStore = new Map<string, unknown>();

export function makeTasksApi(ctx: { lang: Lang; signal: AbortSignal }, apiName: (name: string) => boolean) {
  const { lang } = ctx;
  const msg = (key: MessageKey, p?: Record<string, string | number>) => t(lang, key, p);

  /** The function's source, after checking that it can travel: every name it reads exists in a worker. */
  function shippable(fn: unknown, what: string): string {
    if (typeof fn !== 'function') throw new TypeError(msg('tasksNotFunction', { what, got: describe(fn) }));
    const source = Function.prototype.toString.call(fn);
    if (functionExpression(source) === null) throw new TypeError(msg('tasksNotSource', { fn: fnName(fn) }));
    const missing = missingInWorker(source, (n) => n in globalThis);
    if (missing.length) {
      const name = missing[0];
      throw new ReferenceError(msg(apiName(name) ? 'tasksClosureApi' : 'tasksClosureVariable', { fn: fnName(fn), name }));
    }
    return source;
  }

  function options(o: ParallelOptions | undefined): { nJobs: number; backend: TasksBackend } {
    const nJobs = o?.nJobs ?? 2, backend = o?.backend ?? 'workers';
    if (!Number.isInteger(nJobs) || nJobs < 1 || nJobs > MAX_JOBS) throw new RangeError(msg('tasksBadJobs', { max: MAX_JOBS, got: formatValue(nJobs) }));
    if (backend !== 'workers' && backend !== 'sequential') throw new RangeError(msg('tasksBadBackend', { got: formatValue(backend) }));
    return { nJobs: backend === 'sequential' ? 1 : nJobs, backend };
  }

  /** A task's failure as the student reads it: the task, the worker, the message, the worker's stack; `partial` holds what finished. */
  function failed(e: TaskError, partial?: unknown[], finished?: boolean[]): Error {
    const stack = e.workerStack.split('\n').slice(0, 6).join('\n');
    const head = msg('tasksFailed', { task: e.task, worker: e.worker, message: e.message.slice(e.task.length + 2) });
    const done = finished ? `\n${msg('tasksFailedDone', { done: formatCount(finished.filter(Boolean).length, lang), total: formatCount(finished.length, lang) })}` : '';
    const err = new Error(`${head}${done}${stack ? `\n${stack}` : ''}`);
    err.name = 'TaskError';
    return Object.assign(err, { task: e.task, worker: e.worker, workerStack: e.workerStack, partial: partial ?? [] });
  }

  const withTasks = <T extends object>(value: T, stream: TaskStream): WithTasks<T> =>
    Object.defineProperty(value, 'tasks', { value: stream, enumerable: false }) as WithTasks<T>;

  /** joblib's Parallel(n_jobs=…): `.map(fn, items)` calls fn(item) for each item on the pool; results in order. */
  function parallel(o?: ParallelOptions) {
    const { nJobs, backend } = options(o);
    return {
      nJobs, backend,
      map: async <T, R>(fn: (item: T, index: number) => R | Promise<R>, items: Iterable<T> | ArrayLike<T>): Promise<WithTasks<Awaited<R>[]>> => {
        const source = shippable(fn, 'parallel().map');
        const list = Array.from(items as Iterable<T>);
        const name = fnName(fn);
        const tasks: TaskSpec[] = list.map((item, i) => ({ name: `${name}[${i}]`, kind: 'fn', payload: { source, args: [item, i] } }));
        const events: TaskEvent[] = [];
        const t0 = performance.now();
        try {
          const out = nJobs === 1
            ? await runTasksSequential(tasks, { nJobs, signal: ctx.signal, onTask: (e) => events.push(e) })
            : await sharedPool(nJobs).run(tasks, { signal: ctx.signal, onTask: (e) => events.push(e) });
          return withTasks(out as Awaited<R>[], { nJobs, backend, ms: performance.now() - t0, tasks: events });
        } catch (e) {
          if (e instanceof PartialTaskError) throw failed(e, e.partial, e.finished);
          if (e instanceof TaskError) throw failed(e);
          throw e;
        }
      },
    };
  }

  /** Dask's delayed: `delayed(fn)(...args)` is a node of a task graph; nothing runs until compute. */
  function delayed<A extends unknown[], R>(fn: (...args: A) => R, o: { name?: string } = {}): (...args: { [K in keyof A]: A[K] | TaskNode | TaskNode[] }) => TaskNode {
    const source = shippable(fn, 'delayed');
    const name = o.name ?? fnName(fn);
    return (...args) => new GraphTask(name, source, args);
  }

  /** Every node `roots` need, each once, inputs before the nodes that read them. */
  function graphOf(roots: readonly GraphTask[]): GraphTask[] {
    const seen = new Set<GraphTask>();
    const order: GraphTask[] = [];
    const visit = (n: GraphTask) => {
      if (seen.has(n)) return;
      seen.add(n);
      if (!n.persisted) for (const d of n.deps) visit(d);
      order.push(n);
    };
    for (const r of roots) visit(r);
    return order;
  }

  /** One task on the chosen executor: the pool of nJobs, or here (nJobs 1, the kernel's own store). */
  function submitter(nJobs: number, t0: number, group: { failed: boolean }) {
    if (nJobs > 1) {
      const pool = sharedPool(nJobs);
      return (task: TaskSpec) => pool.submit(task, { signal: ctx.signal, t0, group });
    }
    // here, one task at a time even when the function awaits: each waits for the one before
    let chain: Promise<unknown> = Promise.resolve();
    return (task: TaskSpec): Promise<Done> => {
      const next = chain.then(() => runHere(task), () => runHere(task));
      chain = next.catch(() => undefined);
      return next;
    };
    async function runHere(task: TaskSpec): Promise<Done> {
      if (ctx.signal.aborted) throw new StoppedError();
      const start = performance.now() - t0;
      try {
        const value = await handlers[task.kind](task.payload, { worker: 0, store: kernelStore, signal: ctx.signal });
        return { value, worker: 0, start, end: performance.now() - t0 };
      } catch (e) {
        if (e instanceof StoppedError) throw e;
        throw Object.assign(new TaskError(task.name, 0, e instanceof Error ? e.message : String(e), e instanceof Error ? e.stack ?? '' : ''), { start, end: performance.now() - t0 });
      }
    }
  }

  /**
   * Runs the graph under `roots`: a node starts as soon as its inputs are done (independent nodes at
   * the same time), a node shared by several is computed once. `keep`: these nodes' results stay on
   * the worker that made them (persist). Returns each root's value (undefined for a kept one).
   */
  async function runGraph(roots: readonly GraphTask[], nJobs: number, keep: ReadonlySet<GraphTask>): Promise<{ values: Map<GraphTask, unknown>; stream: TaskStream }> {
    const nodes = graphOf(roots);
    const t0 = performance.now();
    const group = { failed: false };
    const submit = submitter(nJobs, t0, group);
    const values = new Map<GraphTask, unknown>();
    const events: TaskEvent[] = [];
    const index = new Map(nodes.map((n, i) => [n, i]));
    let failure: TaskError | null = null;
    let stopped: unknown = null;
    const running = new Map<GraphTask, Promise<void>>();
    const waiting = new Set(nodes);

    // a persisted input: read where it is kept (same pool: the task runs on its worker) or fetched first
    const local = (n: GraphTask) => n.persisted && n.persisted.nJobs === (nJobs > 1 ? nJobs : 0);
    const fetchKept = async (n: GraphTask) => {
      const p = n.persisted!;
      const task: TaskSpec = { name: `${n.name} (get)`, kind: 'fn', payload: { get: p.key }, worker: p.nJobs > 1 ? p.worker : undefined };
      const d = p.nJobs > 1 ? await sharedPool(p.nJobs).submit(task, { signal: ctx.signal }) : await submitter(1, t0, group)(task);
      values.set(n, d.value);
    };

    const start = (n: GraphTask) => {
      waiting.delete(n);
      const i = index.get(n)!;
      const stored: { index: number; key: string }[] = [];
      let worker: number | undefined;
      const args = n.args.map((a, ai) => {
        if (a instanceof GraphTask) {
          if (local(a) && !values.has(a)) {
            stored.push({ index: ai, key: a.persisted!.key });
            worker = a.persisted!.worker;
            return null;
          }
          return values.get(a);
        }
        return Array.isArray(a) ? a.map((x) => (x instanceof GraphTask ? values.get(x) : x)) : a;
      });
      const kept = keep.has(n) ? `persist-${++persistIds}` : undefined;
      const task: TaskSpec = { name: n.name, kind: 'fn', payload: { source: n.source, args, stored, keep: kept }, worker: nJobs > 1 ? worker : undefined };
      const p = submit(task).then((d) => {
        values.set(n, d.value);
        n.ran = { worker: d.worker, ms: d.end - d.start, nJobs };
        if (kept) n.persisted = { nJobs: nJobs > 1 ? nJobs : 0, worker: d.worker, key: kept };
        events.push({ index: i, name: n.name, worker: d.worker, start: d.start, end: d.end, ok: true });
      }, (e: unknown) => {
        if (e instanceof TaskError) {
          const x = e as TaskError & { start?: number; end?: number };
          events.push({ index: i, name: n.name, worker: e.worker, start: x.start ?? 0, end: x.end ?? performance.now() - t0, ok: false });
          failure ??= e;
          group.failed = true;
        } else if (!(e instanceof StoppedError && group.failed && !ctx.signal.aborted)) stopped ??= e;
      }).finally(() => running.delete(n));
      running.set(n, p);
    };

    const ready = (n: GraphTask) => n.args.every((a) => {
      const inputs = a instanceof GraphTask ? [a] : Array.isArray(a) ? a.filter((x) => x instanceof GraphTask) : [];
      return inputs.every((d) => values.has(d) || local(d));
    });

    // a persisted input is read on its worker when it can be; it is fetched to the kernel first when it
    // is kept by another pool, is itself asked for, sits inside an array argument, or when a task reads
    // persisted inputs kept on two different workers
    const fetch = new Set<GraphTask>();
    for (const n of nodes) {
      if (n.persisted) {
        waiting.delete(n);
        if (!local(n) || roots.includes(n)) fetch.add(n);
        continue;
      }
      const direct = n.args.filter((a): a is GraphTask => a instanceof GraphTask && !!a.persisted);
      for (const a of n.args) if (Array.isArray(a)) for (const x of a) if (x instanceof GraphTask && x.persisted) fetch.add(x);
      if (new Set(direct.filter(local).map((d) => d.persisted!.worker)).size > 1) for (const d of direct) fetch.add(d);
    }
    for (const n of fetch) await fetchKept(n);
    for (;;) {
      if (!failure && !stopped) for (const n of [...waiting]) if (ready(n)) start(n);
      if (!running.size) break;
      await Promise.race(running.values());
    }
    if (stopped) throw stopped;
    if (failure) throw failed(failure, roots.map((r) => values.get(r)), roots.map((r) => values.has(r)));
    return { values, stream: { nJobs, backend: nJobs > 1 ? 'workers' : 'sequential', ms: performance.now() - t0, tasks: events } };
  }

  /** Splits compute's arguments: nodes, then an optional options object. */
  function nodesAndOptions(args: unknown[], what: string): { roots: GraphTask[]; nJobs: number; backend: TasksBackend } {
    const last = args[args.length - 1];
    const hasOptions = args.length > 0 && !(last instanceof GraphTask) && !Array.isArray(last) && typeof last === 'object' && last !== null;
    const roots = (hasOptions ? args.slice(0, -1) : args).flat();
    for (const r of roots) if (!(r instanceof GraphTask)) throw new TypeError(msg('tasksNotNode', { got: `${what}: ${describe(r)}` }));
    return { roots: roots as GraphTask[], ...options(hasOptions ? (last as ParallelOptions) : undefined) };
  }

  /** Dask's compute: runs the graphs under `nodes` on the pool; the last argument may be { nJobs, backend }. Returns each node's value, in order. */
  async function compute(...args: (TaskNode | TaskNode[] | ParallelOptions)[]): Promise<WithTasks<unknown[]>> {
    const { roots, nJobs } = nodesAndOptions(args, 'compute');
    const { values, stream } = await runGraph(roots, nJobs, new Set());
    return withTasks(roots.map((r) => values.get(r)), stream);
  }

  /** Dask's persist: computes `node` and keeps its result on the worker that made it; later tasks that read it run there. */
  async function persist(...args: (TaskNode | TaskNode[] | ParallelOptions)[]): Promise<WithTasks<TaskNode[]>> {
    const { roots, nJobs } = nodesAndOptions(args, 'persist');
    const todo = roots.filter((r) => !r.persisted);
    const { stream } = await runGraph(todo, nJobs, new Set(todo));
    return withTasks([...roots] as TaskNode[], stream);
  }

  /** show.graph's data: the graph under `roots`, at most MAX_GRAPH_NODES nodes. */
  function graphData(roots: readonly GraphTask[]): GraphData {
    const all = graphOf(roots);
    const nodes = all.slice(0, MAX_GRAPH_NODES);
    const index = new Map(nodes.map((n, i) => [n, i]));
    const edges: [number, number][] = [];
    nodes.forEach((n, to) => {
      if (n.persisted) return; // its inputs are not needed any more
      for (const d of new Set(n.deps)) {
        const from = index.get(d);
        if (from !== undefined) edges.push([from, to]);
      }
    });
    const ranOn = new Set(nodes.filter((n) => n.ran).map((n) => n.ran!.worker));
    const title = ranOn.size ? msg('tasksGraphTitleRan', { n: formatCount(all.length, lang), w: formatCount(ranOn.size, lang) }) : msg('tasksGraphTitle', { n: formatCount(all.length, lang) });
    return {
      title,
      nodes: nodes.map((n) => ({
        name: n.name.slice(0, 80),
        ...(n.ran ? { worker: n.ran.worker, ms: Math.round(n.ran.ms * 10) / 10 } : {}),
        ...(n.persisted ? { persisted: true, worker: n.persisted.worker } : {}),
      })),
      edges: edges.slice(0, MAX_GRAPH_EDGES), omitted: all.length - nodes.length,
    };
  }

  /** show.graph(node | nodes) */
  function graph(x: unknown): GraphData {
    const roots = (Array.isArray(x) ? x : [x]);
    if (!roots.length || !roots.every((r) => r instanceof GraphTask)) throw new TypeError(msg('tasksGraphNeeds'));
    return graphData(roots as GraphTask[]);
  }

  /** The task stream of what parallel().map / compute / persist returned (or its `.tasks`), or null when `x` is none of them. */
  function streamOf(x: unknown): TaskStream | null {
    const s = (x as { tasks?: unknown } | null)?.tasks ?? x;
    const ok = (v: unknown): v is TaskStream => typeof v === 'object' && v !== null && Array.isArray((v as TaskStream).tasks) && typeof (v as TaskStream).nJobs === 'number';
    return ok(s) ? s : null;
  }

  function taskStreamChart(s: TaskStream): ChartSpec {
    const fmt = new Intl.NumberFormat(lang === 'es' ? 'es-ES' : 'en-US', { maximumFractionDigits: 0 });
    const title = s.nJobs > 1
      ? msg('tasksStreamTitle', { n: formatCount(s.tasks.length, lang), w: formatCount(s.nJobs, lang), ms: fmt.format(s.ms) })
      : msg('tasksStreamTitleSeq', { n: formatCount(s.tasks.length, lang), ms: fmt.format(s.ms) });
    const data = [...s.tasks].sort((a, b) => a.index - b.index).map((e) => ({
      worker: e.worker, start: Math.round(e.start * 10) / 10, end: Math.round(e.end * 10) / 10,
      kind: e.kind ?? e.name.replace(/\[\d+\]$/, ''), shard: e.ok ? e.name : `${e.name} ✗`,
    }));
    return { type: 'taskStream', title, x: 'start', y: ['end'], xLabel: t(lang, 'time'), yLabel: t(lang, 'worker'), unit: 'ms', data };
  }

  /**
   * dask.array's chunks: `array` (numbers or a typed array) placed ONCE in shared memory (a
   * SharedArrayBuffer when the page is cross-origin isolated, else copied per task), cut in chunks of
   * `size`; `.map(fn)` calls fn(chunk, index) per chunk on the pool, `.reduce(fn, init)` reduces each
   * chunk in its worker and combines the partial results here with the same fn.
   */
  function chunks(array: ArrayLike<number>, size: number, o?: ParallelOptions) {
    if (!Number.isInteger(size) || size < 1) throw messageError('err_chunksSize', { got: formatValue(size) }, RangeError);
    const { nJobs } = options(o);
    const src = ArrayBuffer.isView(array) ? (array as NumberArray) : Float64Array.from(array);
    const Ctor = src.constructor as new (b: ArrayBufferLike, offset?: number, length?: number) => NumberArray;
    const shared = typeof SharedArrayBuffer !== 'undefined' && (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated !== false;
    let data: NumberArray;
    if (shared) {
      data = new Ctor(new SharedArrayBuffer(src.byteLength));
      data.set(src);
    } else data = src;
    const count = Math.ceil(data.length / size);
    const view = (i: number) => (shared ? new Ctor(data.buffer, i * size * data.BYTES_PER_ELEMENT, Math.min(size, data.length - i * size)) : data.slice(i * size, (i + 1) * size));
    const run = async (fn: unknown, what: string, op: 'map' | 'reduce', init?: unknown) => {
      const source = shippable(fn, what);
      const name = fnName(fn);
      const tasks: TaskSpec[] = Array.from({ length: count }, (_, i) => ({ name: `${name}[${i}]`, kind: 'chunk', payload: { source, op, chunk: view(i), index: i, init } }));
      const events: TaskEvent[] = [];
      const t0 = performance.now();
      try {
        const out = nJobs === 1 ? await runTasksSequential(tasks, { nJobs, signal: ctx.signal, onTask: (e) => events.push(e) })
          : await sharedPool(nJobs).run(tasks, { signal: ctx.signal, onTask: (e) => events.push(e) });
        return { out, stream: { nJobs, backend: nJobs > 1 ? 'workers' : 'sequential', ms: performance.now() - t0, tasks: events } as TaskStream };
      } catch (e) {
        if (e instanceof PartialTaskError) throw failed(e, e.partial, e.finished);
        if (e instanceof TaskError) throw failed(e);
        throw e;
      }
    };
    return {
      length: data.length, size, count, shared,
      map: async <R>(fn: (chunk: NumberArray, index: number) => R | Promise<R>): Promise<WithTasks<Awaited<R>[]>> => {
        const { out, stream } = await run(fn, 'chunks().map', 'map');
        return withTasks(out as Awaited<R>[], stream);
      },
      reduce: async <A>(fn: (acc: A, x: number, index: number) => A, init: A): Promise<{ value: A; partials: A[]; tasks: TaskStream }> => {
        const { out, stream } = await run(fn, 'chunks().reduce', 'reduce', init);
        const partials = out as A[];
        return { value: partials.reduce((acc, x, i) => fn(acc, x as unknown as number, i), init), partials, tasks: stream };
      },
    };
  }

  return { parallel, delayed, compute, persist, chunks, graph, streamOf, taskStreamChart, needsStream: () => msg('tasksStreamNeeds') };
}
