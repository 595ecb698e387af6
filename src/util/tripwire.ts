// Racing each piece of work against a promise that usually never settles (a worker pool's fault, a
// GPU device's loss) with Promise.race([work, fault]) leaves one reaction on `fault` per call, and V8
// keeps every one of them until `fault` settles: a promise and two closures per batch, a steady leak
// over a long session (the endurance bench found it: about 4.6 kB per workers run, 25 batches). A
// Tripwire holds a single reaction on the long-lived promise and a set of the races in flight, each
// of which forgets itself when its work ends.
export class Tripwire {
  private readonly waiting = new Set<(e: unknown) => void>();
  private tripped: { error: unknown } | null = null;

  /** Trips when `source` settles (a fault promise rejects with the fault). */
  constructor(source: Promise<unknown>) {
    source.then((v) => this.trip(v), (e: unknown) => this.trip(e));
  }

  private trip(error: unknown): void {
    if (this.tripped) return;
    this.tripped = { error };
    for (const reject of this.waiting) reject(error);
    this.waiting.clear();
  }

  /** How many races are in flight (for tests). */
  get pending(): number {
    return this.waiting.size;
  }

  /** Resolves like `p`, or rejects with the source's outcome if that comes first. */
  guard<T>(p: Promise<T>): Promise<T> {
    if (this.tripped) {
      p.catch(() => undefined); // the work may still reject (it saw the same fault): nobody waits for it now
      return Promise.reject(this.tripped.error);
    }
    return new Promise<T>((resolve, reject) => {
      this.waiting.add(reject);
      p.then(
        (v) => { this.waiting.delete(reject); resolve(v); },
        (e: unknown) => { this.waiting.delete(reject); reject(e); },
      );
    });
  }
}
