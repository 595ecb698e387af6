// Inference: evaluate() on the 10,000 test images and on one image (the Digits page, as the student
// draws) through each backend's own forward pass, against what it cost before each backend had one:
// evaluateWith, the JS forward pass, on the backend's weights (see src/harness/inference.ts).
// Rows report ms per evaluate call; the "samples/s" column is images per second.

export const name = 'inference';
/** What this suite times, checked against the reference first (bench/equivalence.mjs). */
export const checked = [
  { name: 'js', backend: 'js', opts: {} },
  { name: 'workers', backend: 'workers', opts: {} },
  { name: 'wasm', backend: 'wasm', opts: {} },
  { name: 'webgpu', backend: 'webgpu', opts: {} },
];

const TEST = 10000;
const REPS = 5;

export async function run({ page, log }) {
  const rows = [];
  const checks = [];
  for (const c of checked) {
    const t = await page.evaluate(([b, o, counts, reps]) => window.harness.inferenceTiming(b, o, counts, reps), [c.backend, c.opts, [TEST, 1], REPS])
      .catch((e) => ({ error: String(e?.message ?? e) }));
    if (t.error) {
      rows.push({ name: `${c.name} evaluate`, epochMs: [], samples: TEST, error: t.error });
      continue;
    }
    for (const k of t.counts) {
      const what = k.n === 1 ? '1 image' : `${k.n} images`;
      rows.push({ name: `${c.name} evaluate, ${what} (own forward pass)`, epochMs: k.ownMs, samples: k.n, accuracy: k.n > 1 ? k.accuracy : undefined, accuracyEpochs: 0, note: t.describe });
      rows.push({ name: `${c.name} evaluate, ${what} (before: evaluateWith on getParams)`, epochMs: k.referenceMs, samples: k.n });
      log(`${c.name} ${what}: own ${k.ownMs.map((x) => x.toFixed(1)).join(', ')} ms; evaluateWith ${k.referenceMs.map((x) => x.toFixed(1)).join(', ')} ms`);
      if (k.n === 1 && (c.backend === 'js' || c.backend === 'wasm')) {
        const med = [...k.ownMs].sort((a, b) => a - b)[k.ownMs.length >> 1];
        checks.push({ label: `${c.name}: one drawn digit predicted in (ms, median of ${REPS})`, value: med.toFixed(2), target: '< 20', pass: med < 20 });
      }
    }
  }
  return { rows, checks, notes: [`inference rows: ms per evaluate() call, median of ${REPS} after one warm-up; the backend only init()-ed (no training set), as the Digits page uses it`] };
}
