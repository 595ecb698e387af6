// A liveness check for work handed to another thread that may die without a word: a worker that
// calls self.close(), is killed by the browser, deadlocks, or a wasm pthread that traps while the
// join waits for it. None of these fires an error event, so the caller would wait forever; the
// watchdog gives each round trip a deadline and calls `expire` when it passes.
//
// The deadline is max(floorMs, factor × the median round trip so far). Why these numbers:
// - a batch (workers) or a chunk of batches (wasm, sized to ~100 ms) normally takes milliseconds,
//   so the floor decides: 15 s is far beyond any pause a live worker meets in practice (a GC, the
//   OS descheduling it on a busy 2-core machine, a background tab's timer throttling, which only
//   makes the timer fire late, never early), and short enough that a student is told within
//   seconds that the run stopped instead of watching a frozen progress bar;
// - the factor covers legitimately slow round trips (a batch of 60,000 or a large hidden layer can
//   take seconds): a live worker is not 50× slower than its own median unless something stopped
//   it. The median (not the mean) ignores the slow first round trip (JIT warm-up, page faults).
// A timer that fires late (by more than LATE_MS) means this thread itself was blocked (a long task
// in the notebook kernel, a suspended tab): the reply may be waiting in the queue behind the timer,
// so the deadline is extended once by GRACE_MS instead of declaring a live worker dead.
// Tests shorten the floor through the backends' test hooks.

export interface WatchdogLimits {
  /** Smallest deadline of a round trip, ms. */
  readonly floorMs: number;
  /** The deadline is at least this many times the median round trip so far. */
  readonly factor: number;
}

export const DEFAULT_WATCHDOG: WatchdogLimits = { floorMs: 15_000, factor: 50 };

/** Deadline of a setup or data round trip (the first one also loads a worker's script or compiles a module). */
export function setupLimitMs(limits: WatchdogLimits): number {
  return Math.max(60_000, 4 * limits.floorMs);
}

const WINDOW = 64; // round trips the median is taken over (the latest ones)
const LATE_MS = 1000;
const GRACE_MS = 2000;

export class Watchdog {
  private readonly samples = new Float64Array(WINDOW);
  private count = 0;

  constructor(public limits: WatchdogLimits = DEFAULT_WATCHDOG, private readonly clock: () => number = () => performance.now()) {}

  /** Median of the recorded round trips (0 before the first). */
  median(): number {
    const n = Math.min(this.count, WINDOW);
    if (n === 0) return 0;
    const s = this.samples.slice(0, n).sort();
    return n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
  }

  /** The deadline the next round trip gets, ms. */
  limitMs(): number {
    return Math.max(this.limits.floorMs, this.limits.factor * this.median());
  }

  /**
   * Runs `work` under a deadline: if it has not settled by then, `expire(ms)` is called with the
   * deadline (it should mark the fault so that `work`, or a race against it, rejects). A round trip
   * under the usual deadline is recorded for the median when it resolves; one given its own
   * `limitMs` (setup, data upload) is not, being another kind of work.
   */
  async watch<T>(work: Promise<T>, expire: (limitMs: number) => void, ownLimitMs?: number): Promise<T> {
    const limitMs = ownLimitMs ?? this.limitMs();
    const started = this.clock();
    let timer: ReturnType<typeof setTimeout> | null = null; // one per round trip: watches may overlap
    const arm = (ms: number, due: number, graced: boolean) => {
      timer = setTimeout(() => {
        timer = null;
        if (!graced && this.clock() - due > LATE_MS) arm(GRACE_MS, this.clock() + GRACE_MS, true);
        else expire(limitMs);
      }, ms);
    };
    arm(limitMs, started + limitMs, false);
    try {
      const r = await work;
      if (ownLimitMs === undefined) this.record(this.clock() - started);
      return r;
    } finally {
      if (timer !== null) clearTimeout(timer);
    }
  }

  /** Records a round trip's duration (ms) for the median. */
  record(ms: number): void {
    this.samples[this.count % WINDOW] = ms;
    this.count++;
  }

  /** Forget the recorded round trips (a new pool, module or configuration). */
  reset(): void {
    this.count = 0;
  }
}
