import { beforeEach, describe, expect, it, vi } from 'vitest';
import { mulberry32 } from '../../mlp/random';
import type { Output } from './protocol';

/** Synthetic MNIST: the label drawn as a bright band, so a model learns it in one epoch. */
function fake(n: number, seed: number) {
  const r = mulberry32(seed);
  const images = new Uint8Array(n * 784), labels = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    labels[i] = Math.floor(r() * 10);
    for (let c = labels[i] * 70; c < labels[i] * 70 + 70; c++) images[i * 784 + c] = 255;
  }
  return { images, labels, count: n, rows: 28, cols: 28 };
}
const data = { train: fake(400, 1), test: fake(100, 2) };
vi.mock('./session', () => ({ mnistData: async () => data }));
// Node has no Worker: every nJobs runs its tasks in order here (the pool has its own tests)
vi.mock('../../tasks/run', async (original) => {
  const m = await original<typeof import('../../tasks/run')>();
  return { ...m, runTasks: m.runTasksSequential };
});
const { runSearch, runBagging } = await import('./search');

let outputs: Map<string, Output>;
let n = 0;
const ctx = () => ({ lang: 'es' as const, signal: new AbortController().signal, post: (o: Output) => outputs.set(o.id, o), id: (p: string) => `${p}-${n++}` });
beforeEach(() => { outputs = new Map(); });
const ofKind = <K extends Output['kind']>(k: K) => [...outputs.values()].filter((o): o is Extract<Output, { kind: K }> => o.kind === k);

describe('search()', () => {
  it('runs a 2×2 grid: a row and a heatmap cell per configuration with the same numbers, the best retrained and tested', async () => {
    const res = await runSearch(ctx(), { grid: { learningRate: [0.001, 0.3], batchSize: [16, 32] }, samples: 400, nJobs: 1, seed: 3 });
    expect(res.trials).toHaveLength(4);
    expect(res.split).toEqual({ train: 320, validation: 80 });
    const [table] = ofKind('table');
    expect(table.rows).toHaveLength(4);
    const [heat] = ofKind('heatmap');
    expect(heat.heatmap.values).toEqual(res.trials.map((t) => t.accuracy));
    // the table's accuracy column is the heatmap's numbers, as text in Spanish
    expect(table.rows.map((r) => r[4])).toEqual(heat.heatmap.values.map((v) => `${(v! * 100).toLocaleString('es-ES', { minimumFractionDigits: 1, maximumFractionDigits: 1 })}\u00a0%`));
    expect(res.best.learningRate).toBe(0.3); // 0.001 barely moves in one epoch
    expect(heat.heatmap.best).toBe(res.trials.indexOf(res.best));
    expect(res.testAccuracy).toBeGreaterThan(0.5);
    expect([...outputs.values()].some((o) => o.kind === 'text' && o.text.includes('Mejor configuración'))).toBe(true);
  });

  it('compares a random search with the grid’s budget, and times each nJobs', async () => {
    const res = await runSearch(ctx(), { grid: { learningRate: [0.05, 0.2] }, random: { learningRate: { min: 0.01, max: 0.5, log: true } }, samples: 200, nJobs: [1, 2] });
    expect(res.random?.trials).toHaveLength(2);
    expect(res.timings.map((t) => t.nJobs)).toEqual([1, 2]);
    expect(ofKind('table')).toHaveLength(3); // grid, random, comparison
    expect(ofKind('chart').some((c) => c.spec.unit === '×')).toBe(true);
    expect(ofKind('heatmap')).toHaveLength(0); // one axis
  });

  it('draws the random trials over the grid’s heatmap when both search the same two axes; one stream for the whole run', async () => {
    const res = await runSearch(ctx(), {
      grid: { learningRate: [0.05, 0.2], batchSize: [16, 32] },
      random: { learningRate: { min: 0.02, max: 0.4, log: true }, batchSize: { min: 16, max: 32 } }, samples: 200, nJobs: 2,
    });
    const heats = ofKind('heatmap');
    expect(heats).toHaveLength(1); // the same output, replaced by the one with points
    const h = heats[0].heatmap;
    expect(h.points).toHaveLength(4);
    h.points!.forEach((p, i) => {
      const r = res.random!.trials[i];
      expect(p.value).toBe(r.accuracy);
      expect(p.outside ?? false).toBe(r.learningRate < 0.05 || r.learningRate > 0.2 || r.batchSize < 16 || r.batchSize > 32);
      // inside the grid, a trial lies between the cells of the values it lies between (log scale)
      if (!p.outside) expect(p.y).toBeCloseTo(Math.log(r.learningRate / 0.05) / Math.log(4), 9);
    });
    expect(h.pointsTitle).toMatch(/^Dónde cayeron las 4 pruebas aleatorias/);
    // the stream: 4 grid trials on the pool's lanes, 4 random ones, the retrain on the coordinator's lane (the kernel)
    const kinds = res.tasks.tasks.map((e) => `${e.kind}@${e.worker}`);
    expect(kinds.filter((k) => k.startsWith('prueba de la rejilla@'))).toHaveLength(4);
    expect(kinds.filter((k) => k.startsWith('prueba aleatoria@'))).toHaveLength(4);
    expect(kinds.filter((k) => k === 'reentrenar la mejor@-1')).toHaveLength(1);
    const starts = res.tasks.tasks.map((e) => e.start);
    expect(Math.max(...res.tasks.tasks.filter((e) => e.kind === 'prueba de la rejilla').map((e) => e.end))).toBeLessThanOrEqual(Math.min(...starts.slice(4)));
  });

  it('draws no points when the random search varies an axis the grid keeps fixed', async () => {
    await runSearch(ctx(), { grid: { learningRate: [0.05, 0.2], batchSize: [16, 32] }, random: { learningRate: [0.1], batchSize: [16], hidden: [16, 32] }, trials: 2, samples: 200, nJobs: 1 });
    expect(ofKind('heatmap')[0].heatmap.points).toBeUndefined();
  });

  it('refuses a search with nothing to search and a bad nJobs', async () => {
    await expect(runSearch(ctx(), {})).rejects.toThrow(/rejilla/);
    await expect(runSearch(ctx(), { grid: { learningRate: [0.1] }, nJobs: 0 })).rejects.toThrow(/nJobs/);
  });
});

describe('bagging()', () => {
  it('trains each member on its bootstrap sample and averages their test probabilities', async () => {
    const res = await runBagging(ctx(), { members: 3, samples: 200, hidden: 16, learningRate: 0.2, batchSize: 16 });
    expect(res.members).toHaveLength(3);
    expect(res.ensemble).toHaveLength(3);
    expect(res.ensemble[0]).toBe(res.members[0].accuracy); // one member is itself
    for (const m of res.members) expect(m.distinct).toBeGreaterThan(0.5);
    const [table] = ofKind('table');
    expect(table.rows).toHaveLength(3);
    const line = ofKind('chart')[0].spec;
    expect(line.data).toHaveLength(3);
    expect(res.tasks.tasks.map((e) => e.kind)).toEqual(['miembro del conjunto', 'miembro del conjunto', 'miembro del conjunto']);
    expect(res.tasks.tasks.map((e) => e.name)).toEqual(res.tasks.tasks.map((_, m) => expect.stringMatching(new RegExp(`^member ${m + 1} `))));
  });
});
