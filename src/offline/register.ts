// Offline and updates (issue 12 §6). Registers the service worker that vite-plugin-pwa generates at
// build time (vite.config.ts: it precaches the built app, never MNIST), with workbox-window, which
// tells a first install from an update and finds a version already waiting. In the build only: `vite`
// (dev) registers nothing, so a stale worker never hides a change in development.
//
// A new version never takes over by itself: its worker waits (registerType 'prompt') until the
// student presses Reload in the status line, which the page refuses while a cell runs.
import { Workbox } from 'workbox-window';
import { cacheMnist, missingMnist } from './mnistCache';
import { createOfflineStore, type OfflineStore } from './state';

export const offline: OfflineStore = createOfflineStore(typeof navigator === 'undefined' || navigator.onLine);

const UPDATE_CHECK_MS = 60 * 60 * 1000; // browsers check on each navigation; a lesson left open for hours checks too
const QUIET_MS = 2000;
const RELOAD_ANYWAY_MS = 10_000;
let registration: ServiceWorkerRegistration | null = null;
let filling = false;
let kernel: { readonly busy: boolean } | null = null;
let busyAt = -Infinity; // when a cell was last seen running
let updating = false; // Reload was pressed: the page is switching to the waiting version

/** The kernel whose cells the MNIST warm-up keeps out of the way of (OfflineStatus passes it). */
export function watchKernel(k: { readonly busy: boolean }): () => void {
  kernel = k;
  return () => { if (kernel === k) kernel = null; };
}

/**
 * Resolves once no cell has run for QUIET_MS: the warm-up never competes with a cell for the network,
 * and never puts a file back just after the kernel's loader deleted a bad copy of it.
 */
async function quiet(): Promise<void> {
  while (kernel?.busy || performance.now() - busyAt < QUIET_MS) await new Promise((r) => setTimeout(r, 200));
}

/** Puts MNIST in the verified cache if it is not there yet (and when there is a connection to fetch it). */
async function fillData(): Promise<void> {
  if (filling) return;
  filling = true;
  let sampler: ReturnType<typeof setInterval> | undefined;
  try {
    const missing = await missingMnist();
    if (missing === null) return offline.set({ data: 'failed' }); // no Cache API: every run downloads MNIST
    if (!missing.length) return offline.set({ data: 'ready' });
    offline.set({ data: 'missing' });
    if (!navigator.onLine) return; // tried again when the connection comes back
    offline.set({ data: 'caching' });
    // sampled all along, so a cell that ran between two steps of the warm-up is seen
    sampler = setInterval(() => { if (kernel?.busy) busyAt = performance.now(); }, 100);
    offline.set({ data: (await cacheMnist({ quiet })) ? 'ready' : 'failed' });
  } finally {
    clearInterval(sampler);
    filling = false;
  }
}

export function startOffline(): void {
  const connection = () => {
    offline.set({ online: navigator.onLine });
    const s = offline.get();
    if (navigator.onLine && s.app === 'ready' && s.data !== 'ready') void fillData();
  };
  addEventListener('online', connection);
  addEventListener('offline', connection);
  if (!import.meta.env.PROD) return;
  if (!('serviceWorker' in navigator)) return offline.set({ app: 'unsupported' });
  const wb = new Workbox(`${import.meta.env.BASE_URL}sw.js`, { scope: import.meta.env.BASE_URL });
  wb.addEventListener('waiting', () => offline.set({ update: true }));
  void wb.register({ immediate: true }).then(async (reg) => {
    if (!reg) return offline.set({ app: 'unsupported' });
    registration = reg;
    if (!reg.active) offline.set({ app: 'installing' }); // first visit: the app is being saved
    await navigator.serviceWorker.ready;
    offline.set({ app: 'ready' });
    setInterval(() => { if (navigator.onLine) void reg.update().catch(() => undefined); }, UPDATE_CHECK_MS);
    await fillData();
  }, () => offline.set({ app: 'unsupported' })); // e.g. a browser with storage off: the app works online
}

/**
 * Switches to the waiting version and reloads once it is active. The caller makes sure no cell runs.
 * Other open tabs keep the version they loaded until they reload (their status line offers it too).
 */
export async function applyUpdate(): Promise<void> {
  if (updating) return; // a second press while the first one switches
  updating = true;
  const waiting = registration?.waiting;
  if (!waiting) return location.reload(); // another tab already switched: a reload loads the new version
  let reloading = false;
  const reload = () => { if (!reloading) { reloading = true; location.reload(); } };
  waiting.addEventListener('statechange', () => { if (waiting.state === 'activated') reload(); });
  navigator.serviceWorker.addEventListener('controllerchange', reload); // this page is controlled: the new worker took it
  // The old worker is woken first, by a request it answers from its cache. When the switch was asked
  // for while Chromium was stopping the old worker, and a request of the page (a chunk the kernel
  // worker loads) started it again, Chromium never activated the new worker, and the reload below
  // then hung the page (e2e/offline.spec.ts met it about once in 10 runs; with this, 0 in 25).
  await fetch(`${import.meta.env.BASE_URL}favicon.svg`).catch(() => undefined);
  setTimeout(reload, RELOAD_ANYWAY_MS); // the student asked for it: if the switch has not been seen by then, a reload still loads the new version once it is active
  waiting.postMessage({ type: 'SKIP_WAITING' }); // what the generated worker listens for (workbox-build)
}
