import { describe, expect, it } from 'vitest';
import { niceCeil } from './plots';

describe('niceCeil: an axis with error bars ends on a round tick', () => {
  it('rounds up to 1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6 or 8 × a power of ten', () => {
    expect([1944, 1290, 9.22, 0.37, 500, 81].map(niceCeil)).toEqual([2000, 1500, 10, 0.4, 500, 100]);
  });
});
