import { describe, expect, it } from 'vitest';
import { createOfflineStore, statusView, type OfflineState } from './state';

const base: OfflineState = { app: 'ready', data: 'ready', online: true, update: false, announce: false };

describe('the offline status line', () => {
  it('says "ready" once, when the app or MNIST had to be saved during this visit', () => {
    const s = createOfflineStore();
    let calls = 0;
    s.subscribe(() => { calls++; });
    s.set({ app: 'installing' });
    expect(statusView(s.get())).toBeNull();
    s.set({ app: 'ready' });
    expect(statusView(s.get()), 'MNIST is not saved yet').toBeNull();
    s.set({ data: 'caching' });
    s.set({ data: 'ready' });
    expect(statusView(s.get())).toEqual({ kind: 'ready' });
    s.dismiss();
    expect(statusView(s.get())).toBeNull();
    s.set({ data: 'ready' }); // nothing changed: no second announcement, no render
    expect(statusView(s.get())).toBeNull();
    expect(calls).toBe(5);
  });

  it('says nothing on a visit that finds everything already saved', () => {
    const s = createOfflineStore();
    s.set({ app: 'ready' });
    s.set({ data: 'ready' });
    expect(s.get().announce).toBe(false);
    expect(statusView(s.get())).toBeNull();
  });

  it('never says "ready" while MNIST failed to be saved', () => {
    const s = createOfflineStore();
    s.set({ app: 'installing' });
    s.set({ app: 'ready', data: 'caching' });
    s.set({ data: 'failed' });
    expect(statusView(s.get())).toBeNull();
  });

  it('shows a new version first, then being offline (ready or not), then "ready"', () => {
    expect(statusView({ ...base, update: true, online: false, announce: true })).toEqual({ kind: 'update' });
    expect(statusView({ ...base, online: false, announce: true })).toEqual({ kind: 'offline', ready: true });
    expect(statusView({ ...base, online: false, data: 'missing' })).toEqual({ kind: 'offline', ready: false });
    expect(statusView({ ...base, online: false, app: 'unknown' })).toEqual({ kind: 'offline', ready: false });
    expect(statusView({ ...base, announce: true })).toEqual({ kind: 'ready' });
    expect(statusView(base)).toBeNull();
  });
});
