// What the page knows about working offline, as plain data (no React, no service worker): the app's
// service worker, the MNIST files in the verified cache, the connection, and a new version waiting.
// register.ts feeds it; the status line (components/ui/OfflineStatus.tsx) shows what `statusView` says.

export interface OfflineState {
  /** the service worker: unknown (not registered: dev, or not yet), installing (saving the app), ready (active), unsupported */
  app: 'unknown' | 'installing' | 'ready' | 'unsupported';
  /** MNIST in the app's verified cache: unknown (not checked yet), missing, caching, ready, failed (a download or check failed) */
  data: 'unknown' | 'missing' | 'caching' | 'ready' | 'failed';
  online: boolean;
  /** a new version is installed and waits for the student to reload */
  update: boolean;
  /** it became ready to work offline during this visit, and the student has not dismissed the note */
  announce: boolean;
}

export type StatusView =
  | { kind: 'update' }
  | { kind: 'offline'; ready: boolean }
  | { kind: 'ready' }
  | null;

export const readyOffline = (s: OfflineState): boolean => s.app === 'ready' && s.data === 'ready';

/** What the status line shows, most urgent first: a new version, being offline, then "ready" (once). */
export function statusView(s: OfflineState): StatusView {
  if (s.update) return { kind: 'update' };
  if (!s.online) return { kind: 'offline', ready: readyOffline(s) };
  if (s.announce && readyOffline(s)) return { kind: 'ready' };
  return null;
}

export interface OfflineStore {
  get(): OfflineState;
  set(patch: Partial<Omit<OfflineState, 'announce'>>): void;
  dismiss(): void;
  subscribe(fn: () => void): () => void;
}

/**
 * "Ready to work offline" is said once: when the app or MNIST had to be saved during this visit and
 * both now are. A visit that finds everything already saved says nothing.
 */
export function createOfflineStore(online = true): OfflineStore {
  let state: OfflineState = { app: 'unknown', data: 'unknown', online, update: false, announce: false };
  let saving = false; // something had to be saved during this visit
  const listeners = new Set<() => void>();
  return {
    get: () => state,
    set(patch) {
      const next = { ...state, ...patch };
      if (next.app === 'installing' || next.data === 'missing' || next.data === 'caching') saving = true;
      if (saving && readyOffline(next) && !readyOffline(state)) next.announce = true;
      if (Object.keys(next).every((k) => next[k as keyof OfflineState] === state[k as keyof OfflineState])) return;
      state = next;
      for (const l of listeners) l();
    },
    dismiss() {
      if (!state.announce) return;
      state = { ...state, announce: false };
      for (const l of listeners) l();
    },
    subscribe(fn) {
      listeners.add(fn);
      return () => { listeners.delete(fn); };
    },
  };
}
