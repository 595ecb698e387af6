import { describe, expect, it } from 'vitest';
import { busyWorkers, shardRange, shardRanges } from './shard';

/** The shards tile [0, B) in order, each non-empty one right after the previous. */
function expectTiling(B: number, N: number): void {
  const shards = shardRanges(B, N);
  expect(shards).toHaveLength(N);
  let next = 0;
  for (const s of shards) {
    expect(s.start).toBe(next);
    expect(s.count).toBeGreaterThanOrEqual(0);
    next += s.count;
  }
  expect(next).toBe(B);
  const sizes = shards.map((s) => s.count);
  expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
  expect(shards.filter((s) => s.count > 0)).toHaveLength(busyWorkers(B, N));
}

describe('sharding a batch among workers', () => {
  it('splits an even batch into equal contiguous shards', () => {
    expect(shardRanges(128, 4)).toEqual([
      { start: 0, count: 32 }, { start: 32, count: 32 }, { start: 64, count: 32 }, { start: 96, count: 32 },
    ]);
  });

  it('gives an uneven batch shorter LAST shards (sizes differ by at most one)', () => {
    // 60000 % 128 = 96: the last batch of an MNIST epoch; and 10 samples on 4 workers
    expect(shardRanges(10, 4)).toEqual([
      { start: 0, count: 3 }, { start: 3, count: 3 }, { start: 6, count: 2 }, { start: 8, count: 2 },
    ]);
    expect(shardRanges(7, 2)).toEqual([{ start: 0, count: 4 }, { start: 4, count: 3 }]);
    for (const [B, N] of [[96, 16], [129, 2], [511, 3], [1, 1], [60000 % 512, 7]]) expectTiling(B, N);
  });

  it('gives the trailing workers empty shards when there are more workers than samples', () => {
    const shards = shardRanges(3, 5);
    expect(shards.map((s) => s.count)).toEqual([1, 1, 1, 0, 0]);
    expect(busyWorkers(3, 5)).toBe(3);
    expect(shardRange(3, 5, 4)).toEqual({ start: 3, count: 0 });
    expectTiling(3, 5);
    expectTiling(0, 4);
    expect(busyWorkers(0, 4)).toBe(0);
  });

  it('rejects nonsense sizes with a message', () => {
    expect(() => shardRange(10, 0, 0)).toThrowError(/worker count must be an integer ≥ 1, got 0/);
    expect(() => shardRange(10, 2, 2)).toThrowError(/worker index must be in \[0, 2\), got 2/);
    expect(() => shardRange(-1, 2, 0)).toThrowError(/batch size must be an integer ≥ 0, got -1/);
  });
});
