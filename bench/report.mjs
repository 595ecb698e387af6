// Summaries and the Markdown table of a bench run.

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  if (!s.length) return NaN;
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** A row as a suite returns it: { name, batchSize, epochMs: number[], samples? (per epoch, default 60000), accuracy?, error?, ... } */
export function summarise(row) {
  const ms = row.epochMs ?? [];
  const med = median(ms);
  return {
    ...row,
    medianMs: med,
    minMs: ms.length ? Math.min(...ms) : NaN,
    maxMs: ms.length ? Math.max(...ms) : NaN,
    samplesPerSec: ms.length ? (row.samples ?? 60000) / (med / 1000) : NaN,
  };
}

const fmt = (x, d = 0) => (Number.isFinite(x) ? x.toFixed(d) : '—');

export function markdownReport(r) {
  const lines = [];
  lines.push(`# Bench ${r.date}`, '', `${r.userAgent}; navigator.hardwareConcurrency = ${r.hardwareConcurrency}; ${r.runs} timed epoch(s) per row after warm-up.`, '');
  lines.push('| suite | row | batch | median ms/epoch | min | max | samples/s | test acc | note |');
  lines.push('|---|---|---:|---:|---:|---:|---:|---:|---|');
  for (const x of r.rows) {
    const acc = Number.isFinite(x.accuracy) ? (x.accuracy * 100).toFixed(2) + '%' : '—';
    lines.push(`| ${x.suite} | ${x.name} | ${x.batchSize ?? ''} | ${fmt(x.medianMs)} | ${fmt(x.minMs)} | ${fmt(x.maxMs)} | ${fmt(x.samplesPerSec)} | ${acc} | ${x.error ? 'ERROR: ' + x.error : (x.note ?? '')} |`);
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
