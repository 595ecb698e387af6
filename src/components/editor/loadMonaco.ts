// Monaco (~1 MB gzip, and its TypeScript worker ~6.9 MB) loads when the student first focuses or
// clicks a code editor, not with the lesson (issue 18 §5): until then a cell's code is a textarea.
// Whoever needs Monaco once it is there (the theme) registers with whenMonaco instead of loading it.
type MonacoModule = typeof import('./monaco');

let loaded: MonacoModule | null = null;
let loading: Promise<MonacoModule> | null = null;
const waiting = new Set<(m: MonacoModule) => void>();

/** Loads Monaco once; those waiting in whenMonaco run before the caller's `then`. */
export function loadMonaco(): Promise<MonacoModule> {
  return (loading ??= import('./monaco').then((m) => {
    loaded = m;
    for (const fn of waiting) fn(m);
    return m;
  }, (e: unknown) => {
    loading = null; // tried again at the next focus
    throw e;
  }));
}

/** Runs `fn` with Monaco now if it is loaded, else when it loads; never loads it. Returns the unsubscribe. */
export function whenMonaco(fn: (m: MonacoModule) => void): () => void {
  if (loaded) { fn(loaded); return () => undefined; }
  waiting.add(fn);
  return () => { waiting.delete(fn); };
}

/** Whether Monaco has been loaded in this page. */
export function monacoLoaded(): boolean {
  return loaded !== null;
}
