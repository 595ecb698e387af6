import { beforeAll, describe, expect, it, vi } from 'vitest';
import { mulberry32 } from '../../mlp/random';
import { newCell, transitionCell } from '../core/cell';
import { knobsFromOptions } from '../core/knobs';
import { parseLesson } from '../core/lesson';
import { exportIpynb, importIpynb } from '../ipynb';
import { checkedOutput, outputProblem } from '../outputs';
import { outputBytes } from '../savedOutputs';
import type { ChartSpec, Output } from './protocol';

// 600 "images" of 3 kinds (labels 0, 1, 2): the kernel's MNIST replaced by a small, clustered set
const N = 600;
const train = (() => {
  const rand = mulberry32(5);
  const images = new Uint8Array(N * 784), labels = new Uint8Array(N);
  for (let i = 0; i < N; i++) {
    const l = i % 3;
    labels[i] = l;
    for (let p = 0; p < 784; p++) images[i * 784 + p] = Math.floor(p / 261) === l ? 180 + Math.floor(rand() * 70) : Math.floor(rand() * 40);
  }
  return { images, labels, count: N, rows: 28, cols: 28 };
})();
vi.mock('./session', () => ({ mnistData: async () => ({ train, test: train }) }));
// Node has no Worker: every nJobs runs its tasks in order here (the pool has its own tests)
vi.mock('../../tasks/run', async (original) => {
  const m = await original<typeof import('../../tasks/run')>();
  return { ...m, runTasks: m.runTasksSequential };
});

const { kmeansCell } = await import('./kmeans');

function context(lang: 'en' | 'es' = 'en') {
  const outputs = new Map<string, Output>();
  let n = 0;
  const post = (o: Output) => outputs.set(o.id, o);
  return { outputs, ctx: { lang, signal: new AbortController().signal, post, chart: (spec: ChartSpec, id = `chart-${n++}`) => post({ id, kind: 'chart', spec }), id: (p: string) => `${p}-${n++}` } };
}

describe('kmeans() in a cell', () => {
  let outputs: Map<string, Output>;
  let run: Awaited<ReturnType<typeof kmeansCell>>;
  beforeAll(async () => {
    const c = context();
    outputs = c.outputs;
    run = await kmeansCell(c.ctx, { k: 3, iterations: 4, samples: N, nJobs: [1, 2] });
  });

  it('finds the three kinds of image, and the purity says so', () => {
    expect(run.purity).toBe(1);
    expect([...run.majority].sort()).toEqual([0, 1, 2]);
    expect(run.sizes).toEqual([200, 200, 200]);
    expect(run.timings?.map((t) => t.nJobs)).toEqual([1, 2]);
  });

  it('posts well-formed outputs: the inertia chart (never increasing), the centroids, purity, the speedup table', () => {
    const all = [...outputs.values()];
    for (const o of all) expect(outputProblem(o)).toBeNull();
    const chart = all.find((o) => o.kind === 'chart');
    expect(chart?.kind === 'chart' && chart.spec.data.length).toBe(4);
    const inertia = chart?.kind === 'chart' ? chart.spec.data.map((r) => r.inertia as number) /* en: the series is 'inertia' */ : [];
    for (let i = 1; i < inertia.length; i++) expect(inertia[i]).toBeLessThanOrEqual(inertia[i - 1]);
    const c = all.find((o) => o.kind === 'centroids');
    expect(c?.kind === 'centroids' && c.centroids.images.length).toBe(3 * 784);
    const texts = all.filter((o) => o.kind === 'text').map((o) => (o.kind === 'text' ? o.text : ''));
    expect(texts.some((s) => s.startsWith('Purity: 100.0%'))).toBe(true);
    expect(texts.some((s) => s.includes('exactly the same centroids'))).toBe(true);
    // runTasks is sequential here: the 2-job time is said to be no parallel one
    expect(texts.some((s) => s.includes('ran one after another'))).toBe(true);
    const table = all.find((o) => o.kind === 'table');
    expect(table?.kind === 'table' && table.rows.map((r) => r[0])).toEqual([1, 2]);
  });

  it('returns one task stream for the whole call: k-means++ rounds, then each iteration’s assign tasks, the coordinator’s picks and reduces between them', () => {
    const ev = run.tasks.tasks;
    expect(run.tasks.nJobs).toBe(2);
    // nJobs 1 ran in the kernel (the coordinator's lane), nJobs 2 on lanes 0 and 1 (here a sequential stand-in: lane 0)
    const names = ev.map((e) => e.name);
    // every round has the same 8 chunks whatever nJobs (chunkCount), so each run has chunks 1–8
    for (let c = 1; c <= 8; c++) expect(names.filter((n) => n === 'assign it 4 · chunk ' + c)).toHaveLength(2);
    expect(names.filter((n) => n === 'assign it 4 · chunk 9')).toHaveLength(0);
    expect(names.filter((n) => n === 'reduce it 4')).toHaveLength(2);
    expect(names.filter((n) => n.startsWith('k-means++ distances to c2 · chunk'))).toHaveLength(3); // a D² round has one chunk per job: 1, then 2
    expect(names.filter((n) => n === 'pick centroid 3 (D²)').length).toBeGreaterThanOrEqual(1);
    expect(ev.filter((e) => e.kind === 'assign (map)' && e.worker === -1)).toHaveLength(4 * 8); // the 1-job run's 4 iterations × 8 chunks
    expect(ev.filter((e) => e.kind === 'reduce (coordinator)').every((e) => e.worker === -1)).toBe(true);
    // on one clock: each reduce starts after its round's tasks end, before the next round starts
    const second = ev.filter((e) => e.kind === 'assign (map)' && e.worker !== -1);
    const reduce1 = ev.filter((e) => e.name === 'reduce it 1')[1];
    expect(reduce1.start).toBeGreaterThanOrEqual(Math.max(...second.filter((e) => e.name.startsWith('assign it 1 ')).map((e) => e.end)));
    expect(reduce1.end).toBeLessThanOrEqual(Math.min(...second.filter((e) => e.name.startsWith('assign it 2 ')).map((e) => e.start)));
  });

  it('refuses bad options with a message that names them', async () => {
    const { ctx } = context('es');
    await expect(kmeansCell(ctx, { k: 0 })).rejects.toThrow(/k tiene que ser un número entero de 1 a 256/);
    await expect(kmeansCell(ctx, { nJobs: [1, 1.5] })).rejects.toThrow(/nJobs/);
    await expect(kmeansCell(ctx, { init: 'kmeans' as never })).rejects.toThrow(/k-means\+\+/);
    await expect(kmeansCell(ctx, { samples: N + 1 })).rejects.toThrow(/samples/);
  });

  it('a forged centroids output becomes an error output; a real one is saved with its bytes and survives .ipynb', () => {
    const good = [...outputs.values()].find((o) => o.kind === 'centroids')!;
    if (good.kind !== 'centroids') throw new Error('no centroids');
    const forged = [
      { ...good, centroids: { ...good.centroids, images: new Uint8Array(10) } },
      { ...good, centroids: { ...good.centroids, majority: [0, 1, 12] } },
      { ...good, centroids: { ...good.centroids, share: [0.5, 2, 1] } },
      { ...good, centroids: null },
    ];
    for (const f of forged) expect(checkedOutput(f, 'x').kind).toBe('error');
    expect(outputBytes(good)).toBeGreaterThan(3 * 784);
    const lesson = parseLesson('# T\n```js cell\nawait kmeans();\n```\n', '09-x', 'en');
    let code = newCell(lesson.cells[1], knobsFromOptions({}));
    code = transitionCell(code, { type: 'start', count: 1 });
    code = transitionCell(code, { type: 'output', output: good });
    const nb = exportIpynb(lesson, [newCell(lesson.cells[0], knobsFromOptions({})), code]);
    const text = (nb.cells[1].outputs![0] as { data: Record<string, string> }).data['text/plain'];
    expect(text).toMatch(/Cluster 1: 200 images, most common label \d \(100%\)/);
    const back = importIpynb(JSON.stringify(nb), 'x.ipynb').outputs.get(1)!.outputs[0];
    expect(back).toEqual({ ...good, id: back.id });
  });
});
