// Checked, then timed (llm.c: "All results match. Starting benchmarks."): before a suite is timed,
// every backend configuration it times runs harness.equivalence — one seeded pass over SAMPLES
// samples in batches of BATCH from the reference's initial weights — and must end within TOL of
// the reference's weights. A suite with a configuration that does not match is not timed.

export const SAMPLES = 6400;
export const BATCH = 128;
export const TOL = 1e-5; // max |Δparam| after 50 batches of 128, as in the e2e specs
const MIN_CHANGE = 1e-2; // training moved the weights this far at least, so a no-op cannot pass

/**
 * configs: [{ name, backend, opts }]; equivalence(backend, opts) resolves to harness.equivalence's
 * result. Returns one check row per configuration and whether all of them passed.
 */
export async function checkEquivalence(configs, equivalence, log = () => {}) {
  if (!configs?.length) throw new Error('a bench suite must export `checked`: the backend configurations it times');
  const checks = [];
  for (const c of configs) {
    const r = await equivalence(c.backend, c.opts).catch((e) => ({ error: String(e?.message ?? e) }));
    const pass = !r.error && r.maxAbsDiff <= TOL && r.maxAbsChange > MIN_CHANGE;
    const value = r.error ?? `${r.maxAbsDiff.toExponential(2)} (weights moved ${r.maxAbsChange.toFixed(3)})`;
    checks.push({ label: `${c.name} matches the reference (max |Δparam| after ${SAMPLES / BATCH} batches of ${BATCH})`, value, target: `≤ ${TOL}`, pass });
    log(`${pass ? 'match' : 'DOES NOT MATCH'}: ${c.name}: ${value}`);
  }
  return { checks, pass: checks.every((c) => c.pass), failed: configs.filter((_, i) => !checks[i].pass).map((c) => c.name) };
}
