// The confusion and predictions outputs (issue 14 §2, §3) where outputs come in (outputs.ts), are
// stored (savedOutputs.ts) and leave as .ipynb (ipynb.ts): their shape checks, their size in bytes,
// and their typed arrays as base64 and back. A forged or damaged one is refused, never drawn.
import { CLASSES, confusionCounts } from './core/confusion';
import type { ConfusionData, PredictionsData } from './kernel/protocol';

/** At most this many test images in one output (indices are 16-bit; MNIST's test set has 10,000). */
export const MAX_LISTED = 65_535;
/** At most this many digits on one page of a gallery. */
export const MAX_PAGE_SIZE = 100;

const record = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const count = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;
const classes = (a: Uint8Array) => a.every((x) => x < CLASSES);
const isClass = (v: unknown) => v === undefined || (count(v) && v < CLASSES);

/** Counts that are exactly those of the labels and predictions it carries (a forged matrix is refused). */
export function isConfusion(v: unknown): v is ConfusionData {
  if (!record(v) || typeof v.title !== 'string' || !(v.labels instanceof Uint8Array) || !(v.predictions instanceof Uint8Array)) return false;
  const { labels, predictions, counts } = v;
  if (labels.length !== predictions.length || labels.length > MAX_LISTED || !classes(labels) || !classes(predictions)) return false;
  if (!Array.isArray(counts) || counts.length !== CLASSES * CLASSES || !counts.every(count)) return false;
  const want = confusionCounts(labels, predictions);
  return want.every((c, i) => c === counts[i]);
}

const isFilter = (f: unknown) => f === 'all' || f === 'mistakes' || (record(f) && isClass(f.label) && isClass(f.predicted) && Object.keys(f).every((k) => k === 'label' || k === 'predicted'));

export function isPredictions(v: unknown): v is PredictionsData {
  if (!record(v) || typeof v.title !== 'string' || !isFilter(v.filter) || (v.sort !== 'confidence' && v.sort !== 'index')) return false;
  const { indices, labels, predicted, top, topP } = v;
  if (!(indices instanceof Uint16Array) || !(labels instanceof Uint8Array) || !(predicted instanceof Uint8Array) || !(top instanceof Uint8Array) || !(topP instanceof Uint16Array)) return false;
  const n = indices.length;
  if (!count(v.total) || v.total > MAX_LISTED || n > v.total || labels.length !== n || predicted.length !== n) return false;
  if (!indices.every((i) => i < (v.total as number)) || !classes(labels) || !classes(predicted)) return false;
  if ((top.length !== 0 || topP.length !== 0) && (top.length !== 3 * n || topP.length !== 3 * n || !classes(top))) return false;
  return count(v.start) && count(v.pageSize) && v.pageSize >= 1 && v.pageSize <= MAX_PAGE_SIZE;
}

/** Bytes in storage: the typed arrays plus a little for the rest. */
export function confusionBytes(c: ConfusionData): number {
  return c.labels.byteLength + c.predictions.byteLength + 8 * c.counts.length + c.title.length + 64;
}
export function predictionsBytes(p: PredictionsData): number {
  return p.indices.byteLength + p.labels.byteLength + p.predicted.byteLength + p.top.byteLength + p.topP.byteLength + p.title.length + 128;
}

function b64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}
function unb64(v: unknown): Uint8Array | null {
  if (typeof v !== 'string') return null;
  try {
    const bin = atob(v);
    const out = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  } catch {
    return null;
  }
}
/** 16-bit values stored little-endian; null when the byte count is odd. */
function u16(v: unknown): Uint16Array | null {
  const b = unb64(v);
  if (!b || b.length % 2) return null;
  const out = new Uint16Array(b.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = b[2 * i] | (b[2 * i + 1] << 8);
  return out;
}
function u16Bytes(a: Uint16Array): Uint8Array {
  const out = new Uint8Array(a.length * 2);
  for (let i = 0; i < a.length; i++) { out[2 * i] = a[i] & 0xff; out[2 * i + 1] = a[i] >> 8; }
  return out;
}

/** As JSON for the notebook file: every typed array in base64 (16-bit ones little-endian). */
export function confusionToJson(c: ConfusionData): Record<string, unknown> {
  return { ...c, labels: b64(c.labels), predictions: b64(c.predictions) };
}
export function predictionsToJson(p: PredictionsData): Record<string, unknown> {
  return { ...p, indices: b64(u16Bytes(p.indices)), labels: b64(p.labels), predicted: b64(p.predicted), top: b64(p.top), topP: b64(u16Bytes(p.topP)) };
}
/** Back from JSON; what does not decode stays as it was, and the shape check refuses it. */
export function confusionFromJson(v: unknown): unknown {
  if (!record(v)) return v;
  const j = v;
  return { ...j, labels: unb64(j.labels) ?? j.labels, predictions: unb64(j.predictions) ?? j.predictions };
}
export function predictionsFromJson(v: unknown): unknown {
  if (!record(v)) return v;
  const j = v;
  return { ...j, indices: u16(j.indices) ?? j.indices, labels: unb64(j.labels) ?? j.labels, predicted: unb64(j.predicted) ?? j.predicted, top: unb64(j.top) ?? j.top, topP: u16(j.topP) ?? j.topP };
}
