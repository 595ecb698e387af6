// Summaries and the Markdown table of a bench run.

/** Every timed row should hold at least this many timed runs (epochs); fewer is flagged. */
export const MIN_TIMED = 5;
/** A row whose spread ((max − min) / median of its timed runs) exceeds this is flagged noisy. */
export const NOISY_SPREAD = 0.15;
/**
 * Every training row's test accuracy is measured after this many full epochs from the seeded
 * initial weights (the first timed epoch; the evaluation is outside the timing). One, because it
 * costs nothing extra anywhere: the webgpu suite's timed epochs are separate one-epoch runs
 * (alternating modes), and any larger count would add whole SwiftShader epochs (~5 s each) per row.
 */
export const ACCURACY_EPOCHS = 1;

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  if (!s.length) return NaN;
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** (max − min) / median; NaN with fewer than two values (one value has no spread to judge). */
export function spread(xs) {
  if (xs.length < 2) return NaN;
  const med = median(xs);
  return med > 0 ? (Math.max(...xs) - Math.min(...xs)) / med : NaN;
}

/**
 * A row as a suite returns it: { name, batchSize, epochMs: number[], samples? (per epoch, default
 * 60000; with neither it nor batchSize the row trains nothing and has no samples/s), accuracy?, accuracyEpochs? (full epochs trained before `accuracy` was measured; 0: not
 * trained), single? (one measurement by design, e.g. a projected sweep point: not flagged for
 * having fewer than MIN_TIMED runs), error?, note?, ... }. Adds the timed-run count, median, min,
 * max, spread and the flags `noisy` (spread > NOISY_SPREAD) and `fewRuns` (fewer than MIN_TIMED).
 */
export function summarise(row) {
  const ms = row.epochMs ?? [];
  const med = median(ms);
  const s = spread(ms);
  return {
    ...row,
    timed: ms.length,
    medianMs: med,
    minMs: ms.length ? Math.min(...ms) : NaN,
    maxMs: ms.length ? Math.max(...ms) : NaN,
    spread: s,
    noisy: s > NOISY_SPREAD,
    fewRuns: ms.length > 0 && ms.length < MIN_TIMED && !row.single,
    // a row with neither a batch size nor a sample count trains nothing (a load time, say): no samples/s
    samplesPerSec: ms.length && (row.batchSize != null || row.samples != null) ? (row.samples ?? 60000) / (med / 1000) : NaN,
  };
}

const fmt = (x, d = 0) => (Number.isFinite(x) ? x.toFixed(d) : '—');

/** The flags column: what a reader must know before trusting the row's numbers. */
export function flags(x) {
  const out = [];
  if (x.noisy) out.push(`NOISY (spread ${(x.spread * 100).toFixed(0)}%)`);
  if (x.fewRuns) out.push(`only ${x.timed} timed (< ${MIN_TIMED})`);
  return out.join('; ');
}

/** How many epochs were trained before the row's accuracy: '—' when the row has no accuracy. */
function accEpochs(x) {
  if (!Number.isFinite(x.accuracy)) return '—';
  return Number.isInteger(x.accuracyEpochs) ? String(x.accuracyEpochs) : '?';
}

export function markdownReport(r) {
  const lines = [];
  const accEpochsAll = r.accuracyEpochs ?? ACCURACY_EPOCHS;
  lines.push(
    `# Bench ${r.date}`, '',
    `${r.userAgent}; navigator.hardwareConcurrency = ${r.hardwareConcurrency}; ${r.runs} timed epoch(s) per row after warm-up (at least ${MIN_TIMED} expected).`, '',
    `- **n**: timed runs (epochs for a training row) behind median/min/max; warm-up is never timed.`,
    `- **spread** = (max − min) / median of the row's timed runs; a row whose spread exceeds ${(NOISY_SPREAD * 100).toFixed(0)}% is flagged NOISY (JSON: \`noisy\`, \`spread\`).`,
    `- **acc after**: full epochs trained from the seeded initial weights before the test accuracy was measured (JSON: \`accuracyEpochs\`). Every training row, peers and native programs included, is measured after ${accEpochsAll} epoch${accEpochsAll === 1 ? '' : 's'}: the first timed epoch, evaluated outside its timing (the cheapest choice on SwiftShader, where each webgpu row's epochs are separate one-epoch runs). 0: an untrained model.`,
    '',
  );
  lines.push('| suite | row | batch | n | median ms/epoch | min | max | spread | samples/s | test acc | acc after (epochs) | flags | note |');
  lines.push('|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|');
  for (const x of r.rows) {
    const acc = Number.isFinite(x.accuracy) ? (x.accuracy * 100).toFixed(2) + '%' : '—';
    const sp = Number.isFinite(x.spread) ? `${(x.spread * 100).toFixed(1)}%` : '—';
    lines.push(`| ${x.suite} | ${x.name} | ${x.batchSize ?? ''} | ${x.timed ?? (x.epochMs ?? []).length} | ${fmt(x.medianMs)} | ${fmt(x.minMs)} | ${fmt(x.maxMs)} | ${sp} | ${fmt(x.samplesPerSec)} | ${acc} | ${accEpochs(x)} | ${flags(x)} | ${x.error ? 'ERROR: ' + x.error : (x.note ?? '')} |`);
  }
  if (r.checks.length) {
    lines.push('', '| suite | check | measured | target | pass |', '|---|---|---:|---|---|');
    for (const c of r.checks) lines.push(`| ${c.suite} | ${c.label} | ${c.value} | ${c.target} | ${c.pass ? 'yes' : 'NO'} |`);
  }
  if (r.notes.length) lines.push('', ...r.notes.map((n) => `- ${n}`));
  return lines.join('\n') + '\n';
}

/** Speed ratio (how many times faster `ours` is than `peer`), from medians of the same run. */
export function speedup(ours, peer) {
  return peer.medianMs / ours.medianMs;
}

/**
 * A speed ratio between two rows that is only stated when both ran the same number of threads;
 * otherwise it says so instead of giving a number (a 2-thread row against a 1-thread peer is not a
 * like-for-like comparison). Rows carry `threads` (what actually ran, e.g. TF.js's getThreadsCount()).
 */
export function sameThreadsRatio(ours, peer) {
  if (!Number.isInteger(ours.threads) || !Number.isInteger(peer.threads)) return { comparable: false, reason: 'thread count unknown' };
  if (ours.threads !== peer.threads) return { comparable: false, reason: `${ours.threads} thread(s) vs ${peer.threads}` };
  const ratio = median(peer.epochMs ?? []) / median(ours.epochMs ?? []);
  return Number.isFinite(ratio) ? { comparable: true, ratio } : { comparable: false, reason: 'no timing' };
}
