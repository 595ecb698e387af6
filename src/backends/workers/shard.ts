// Splitting one batch of B samples among N workers. Shards are contiguous and balanced: sizes differ
// by at most one, the larger ones first, so an uneven batch (B % N ≠ 0, e.g. the last batch of an
// epoch) makes the LAST shards one sample shorter. With more workers than samples (N > B) the
// trailing N − B workers get empty shards and are not asked to work in that batch.

export interface Shard {
  readonly start: number; // offset of the shard's first sample within the batch
  readonly count: number; // samples in the shard (0 = this worker sits the batch out)
}

/** The shard of worker `i` (0 ≤ i < N) of a batch of B samples. */
export function shardRange(B: number, N: number, i: number): Shard {
  if (!Number.isInteger(B) || B < 0) throw new RangeError(`batch size must be an integer ≥ 0, got ${String(B)}`);
  if (!Number.isInteger(N) || N < 1) throw new RangeError(`worker count must be an integer ≥ 1, got ${String(N)}`);
  if (!Number.isInteger(i) || i < 0 || i >= N) throw new RangeError(`worker index must be in [0, ${N}), got ${String(i)}`);
  const base = Math.floor(B / N);
  const extra = B % N; // the first `extra` shards take one more sample
  const count = base + (i < extra ? 1 : 0);
  const start = i * base + Math.min(i, extra);
  return { start, count };
}

/** Every worker's shard of a batch of B samples, in worker order; they tile [0, B) exactly. */
export function shardRanges(B: number, N: number): Shard[] {
  const out: Shard[] = [];
  for (let i = 0; i < N; i++) out.push(shardRange(B, N, i));
  return out;
}

/** How many workers have a non-empty shard (they are the first ones). */
export function busyWorkers(B: number, N: number): number {
  return Math.min(B, N);
}
