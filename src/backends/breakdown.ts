// Makes an epoch's breakdown add up to the epoch's measured wall time, whatever the backend measured.
// Backends time their parts with different clocks (performance.now() in workers, GPU timestamps sampled
// on a few steps and multiplied by the dispatches): such parts can overlap, or an estimate can exceed
// the epoch it breaks down. Here, once for every backend:
//   1. a negative part (timer jitter on a tiny part) counts as 0, and says so;
//   2. the rest of the epoch is the 'other' part (added when a backend has none), never clamped away;
//   3. when the parts exceed the epoch, the estimated ones are scaled down to fit (and say by how much);
//      when measured parts alone exceed it, all are scaled (they overlap), and say so.
// The result sums to wallMs (to rounding) and every part keeps its own method, plus what was done to it.
import { msg, type BackendMessage, type BackendText } from './messages';
import type { TimingPart } from './types';

/** A part as a backend reports it: `estimate` marks a part extrapolated from samples (webgpu's kernels). */
export type MeasuredPart = TimingPart & { readonly estimate?: boolean };

const round1 = (x: number) => Math.round(x * 10) / 10;

function withNote(method: BackendText, note: BackendMessage): BackendText {
  return [...(Array.isArray(method) ? method as readonly BackendMessage[] : [method as BackendMessage]), note];
}

/** `parts` made to add up to `wallMs` (see the file's comment); 'other' comes last. */
export function fitBreakdown(parts: readonly MeasuredPart[], wallMs: number): TimingPart[] {
  const wall = Number.isFinite(wallMs) && wallMs > 0 ? wallMs : 0;
  const otherIn = parts.find((p) => p.id === 'other');
  const named = parts.filter((p) => p.id !== 'other').map((p) => {
    const ms = Number.isFinite(p.ms) ? p.ms : 0;
    if (ms >= 0) return { ...p, ms };
    return { ...p, ms: 0, method: withNote(p.method, msg('method_negative', { ms: round1(-ms) })) };
  });
  const estimated = named.filter((p) => p.estimate).reduce((s, p) => s + p.ms, 0);
  const measured = named.filter((p) => !p.estimate).reduce((s, p) => s + p.ms, 0);
  let out: MeasuredPart[] = named;
  if (measured + estimated > wall) {
    if (estimated > 0 && measured <= wall) {
      const k = (wall - measured) / estimated;
      out = named.map((p) => (p.estimate ? { ...p, ms: p.ms * k, method: withNote(p.method, msg('method_estimate_scaled', { pct: Math.round(k * 100), ms: round1(p.ms) })) } : p));
    } else {
      const k = wall / (measured + estimated);
      out = named.map((p) => ({ ...p, ms: p.ms * k, method: withNote(p.method, msg('method_overlap_scaled', { pct: Math.round(k * 100), ms: round1(p.ms) })) }));
    }
  }
  const sum = out.reduce((s, p) => s + p.ms, 0);
  const rest = Math.max(0, wall - sum); // ≥ 0 by construction; max() only absorbs rounding
  const result: TimingPart[] = out.map(({ id, ms, method }) => ({ id, ms, method }));
  if (otherIn || rest > 0) result.push({ id: 'other', ms: rest, method: otherIn?.method ?? msg('method_rest') });
  return result;
}
