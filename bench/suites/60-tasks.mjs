// Task parallelism (issue 15): k-means as map-reduce on runTasks with 1 and 2 jobs, and (engineer
// H) the parallel hyperparameter search. Each part is its own function; `run` joins their rows.
// Rows report ms per whole run (the "samples/s" column is images per second of that run).

export const name = 'tasks';
/** The search trains with the js backend; checked against the reference first (bench/equivalence.mjs). */
export const checked = [{ name: 'js (every search task)', backend: 'js', opts: {} }];

const KMEANS = { samples: 60000, k: 10, iterations: 10, jobs: [1, 2] };
const KMEANS_TARGET = 1.6;
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };

/** k-means, k = 10, 10 iterations on the 60,000 training images, with 1 and 2 jobs: whole runs (the k-means++ init, its D² step as tasks too, included). */
async function kmeansRows({ page, runs, log }) {
  const reps = Math.max(3, runs);
  const { samples, k, iterations, jobs } = KMEANS;
  const res = await page.evaluate(([n, kk, it, js, r]) => window.harness.kmeansTiming(n, kk, it, js, r), [samples, k, iterations, jobs, reps])
    .catch((e) => ({ error: String(e?.message ?? e) }));
  if (res.error) return { rows: [{ name: `k-means k=${k}, ${iterations} iterations`, epochMs: [], samples, error: res.error }], checks: [], notes: [] };
  const rows = [], checks = [];
  for (const t of res) {
    const ran = t.nJobs > 1 && t.workers < 2 ? `; the tasks ran on ${t.workers} worker(s): runTasks had no pool` : `; tasks on ${t.workers} worker(s)`;
    rows.push({
      name: `k-means k=${k}, ${iterations} iterations, ${samples} images, nJobs ${t.nJobs}`, epochMs: t.totalMs, samples,
      note: `init (k-means++) median ${median(t.initMs).toFixed(0)} ms, iterations median ${median(t.iterationsMs).toFixed(0)} ms${ran}; assign task median ${t.assignTaskMs?.toFixed(1)} ms (1 of 8 chunks), workers busy ${(t.busy * 100).toFixed(0)}% of the iterations' wall time; final inertia ${t.inertia.toFixed(1)}; same clusters as nJobs ${jobs[0]}: ${t.identical ? 'yes' : 'NO'}`,
    });
    log(`k-means nJobs ${t.nJobs}: ${t.totalMs.map((x) => x.toFixed(0)).join(', ')} ms (workers ${t.workers}, identical ${t.identical})`);
  }
  const one = res.find((t) => t.nJobs === 1), two = res.find((t) => t.nJobs === 2);
  if (one && two) {
    const s = median(one.totalMs) / median(two.totalMs);
    // a speedup measured without a pool (every task on one worker) is not a parallel one: it never meets the target
    const pooled = two.workers >= 2;
    checks.push({ label: `k-means speedup, nJobs 2 over 1 (median of ${reps} whole runs)`, value: `${s.toFixed(2)}×${pooled ? '' : ` (tasks on ${two.workers} worker: no pool, not a parallel time)`}`, target: `≥ ${KMEANS_TARGET}× on 2 workers`, pass: pooled && s >= KMEANS_TARGET });
  }
  checks.push({ label: 'k-means: every nJobs gives bit-identical centroids and assignments', value: res.every((t) => t.identical) ? 'yes' : 'no', target: 'yes', pass: res.every((t) => t.identical) });
  return { rows, checks, notes: [`k-means rows: ms per whole k-means (k-means++ initialisation, its D² step as tasks, + ${iterations} Lloyd iterations), median/min/max of ${reps} after a one-iteration warm-up`] };
}

const SEARCH_JOBS = [1, 2];
const SEARCH_TARGET = 1.8;

async function searchRows({ page, runs, log }) {
  const rows = [], checks = [], notes = [];
  const med = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const byJobs = {};
  for (const n of SEARCH_JOBS) {
    const r = await page.evaluate(([j, k]) => window.harness.searchTiming(j, k).catch((e) => ({ error: String(e), ms: [], accuracies: [] })), [n, Math.max(3, runs)]);
    byJobs[n] = r;
    log(`search 8 configs nJobs=${n}: ${r.ms.map((x) => x.toFixed(0)).join(', ')} ms ${r.error ?? ''}`);
    // epochMs holds whole searches here: median/min/max of ≥ 3 searches; samples/s counts every image trained
    rows.push({ name: `grid search, 8 configs, nJobs=${n}`, batchSize: '32–64', epochMs: r.ms, samples: 8 * 8000, error: r.error, note: r.error ? undefined : `8 models × 8,000 images, 1 epoch each; whole search, ms` });
  }
  const same = byJobs[1].accuracies.length === 8 && byJobs[1].accuracies.every((a, i) => a === byJobs[2].accuracies[i]);
  checks.push({ label: 'search: nJobs = 2 trains the same models as nJobs = 1 (equal validation accuracies)', value: same ? 'equal' : 'differ', target: 'equal', pass: same });
  const s = med(byJobs[1].ms) / med(byJobs[2].ms);
  checks.push({ label: 'search: nJobs = 2 vs 1 (× faster)', value: Number.isFinite(s) ? s.toFixed(2) : '—', target: `≥ ${SEARCH_TARGET}`, pass: s >= SEARCH_TARGET });
  notes.push(`grid search speedup nJobs=2 over 1: ${Number.isFinite(s) ? s.toFixed(2) : '—'}×`);
  return { rows, checks, notes };
}

export async function run(ctx) {
  const parts = [await kmeansRows(ctx), await searchRows(ctx)];
  return { rows: parts.flatMap((p) => p.rows), checks: parts.flatMap((p) => p.checks), notes: parts.flatMap((p) => p.notes) };
}
