import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_WATCHDOG, Watchdog } from './watchdog';

describe('Watchdog', () => {
  afterEach(() => vi.useRealTimers());

  it('gives the floor before any round trip, then factor × the median of the latest ones', () => {
    const w = new Watchdog({ floorMs: 1000, factor: 50 });
    expect(w.limitMs()).toBe(1000);
    for (const ms of [5, 7, 6, 300]) w.record(ms); // one slow outlier does not move the median much
    expect(w.median()).toBe(6.5);
    expect(w.limitMs()).toBe(1000);
    for (let i = 0; i < 64; i++) w.record(100); // only the latest 64 count
    expect(w.median()).toBe(100);
    expect(w.limitMs()).toBe(5000);
    w.reset();
    expect(w.limitMs()).toBe(1000);
    expect(DEFAULT_WATCHDOG).toEqual({ floorMs: 15_000, factor: 50 });
  });

  it('calls expire once a round trip passes its deadline, and never for one that settled in time', async () => {
    vi.useFakeTimers();
    const w = new Watchdog({ floorMs: 1000, factor: 2 });
    const expired: number[] = [];
    const fast = w.watch(new Promise<string>((r) => setTimeout(() => r('ok'), 200)), (ms) => expired.push(ms));
    await vi.advanceTimersByTimeAsync(5000);
    await expect(fast).resolves.toBe('ok');
    expect(expired).toEqual([]);
    expect(w.median()).toBe(200); // recorded: the deadline is now max(1000, 2 × 200)
    const setup = w.watch(new Promise<string>((r) => setTimeout(() => r('ok'), 3000)), (ms) => expired.push(ms), 60_000);
    await vi.advanceTimersByTimeAsync(3000);
    await expect(setup).resolves.toBe('ok');
    expect(w.median()).toBe(200); // a round trip with its own deadline is not in the median
    void w.watch(new Promise<never>(() => undefined), (ms) => expired.push(ms));
    await vi.advanceTimersByTimeAsync(999);
    expect(expired).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(expired).toEqual([1000]);
  });

  it('gives a late timer (this thread was blocked) one grace period before it calls expire', async () => {
    vi.useFakeTimers();
    let now = 0;
    const w = new Watchdog({ floorMs: 1000, factor: 50 }, () => now);
    const expired: number[] = [];
    void w.watch(new Promise<never>(() => undefined), (ms) => expired.push(ms));
    now = 5000; // the thread was busy for 5 s: the timer fires 4 s late
    await vi.advanceTimersByTimeAsync(1000);
    expect(expired).toEqual([]);
    now = 7000;
    await vi.advanceTimersByTimeAsync(2000);
    expect(expired).toEqual([1000]);
  });
});
