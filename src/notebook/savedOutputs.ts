// A code cell's outputs as NotebookStore saves them (issue 12 §5): once, when the cell finishes,
// within a budget per cell, and checked again when they are read back (storage is not trusted more
// than the kernel is). What did not fit is counted, and said when the outputs are shown again.
import { t, type Lang } from '../i18n';
import type { SavedOutputs } from './core/notebook';
import type { Output } from './kernel/protocol';
import { checkedOutput } from './outputs';
import { confusionBytes, predictionsBytes } from './confusionShape';
import { isPlainObject } from './storedCell';

/** At most this much of one cell's outputs is saved (charts are already capped at 2000 points). */
export const MAX_SAVED_BYTES = 256 * 1024;
export const DROPPED_ID = 'not-saved';

/** As stored: the outputs that fit, how many did not, and when / by which tab. */
export interface StoredOutputs { outputs: Output[]; count: number | null; dropped: number; at: number; tab: string }

/** About how many bytes an output takes in storage (text is counted as its JSON). */
export function outputBytes(o: Output): number {
  if (o.kind === 'draw') return o.title.length + (o.model?.params.byteLength ?? 0) + 256;
  if (o.kind === 'digits') return o.images.byteLength + o.labels.byteLength + (o.predictions?.byteLength ?? 0) + (o.title?.length ?? 0) + 64;
  // typed arrays count their bytes (JSON would spell out each one); the rest as JSON
  if (o.kind === 'weights') {
    const w = o.weights;
    return w.filters.byteLength + w.label.length + 64 + w.digits.reduce((s, d) => s + d.image.byteLength + JSON.stringify({ ...d, image: 0 }).length, 0);
  }
  if (o.kind === 'confusion') return confusionBytes(o.confusion);
  if (o.kind === 'predictions') return predictionsBytes(o.predictions);
  if (o.kind === 'centroids') return o.centroids.images.byteLength + JSON.stringify({ ...o.centroids, images: 0 }).length + 64;
  try {
    return JSON.stringify(o).length;
  } catch {
    return Infinity;
  }
}

/** The outputs that fit in `max` bytes, in their order (a big one is skipped, smaller ones after it kept), and how many did not. */
export function withinBudget(outputs: readonly Output[], max = MAX_SAVED_BYTES): { outputs: Output[]; dropped: number } {
  const kept: Output[] = [];
  let left = max, dropped = 0;
  for (const o of outputs) {
    const n = outputBytes(o);
    if (n <= left) {
      kept.push(o);
      left -= n;
    } else {
      dropped++;
    }
  }
  return { outputs: kept, dropped };
}

/** A draw output is saved without its model (its parameters are ~400 kB, more than a cell's budget): it says so when shown again. */
function lighter(o: Output): Output {
  if (o.kind !== 'draw' || !o.model) return o;
  const { model: _model, ...rest } = o;
  void _model;
  return rest;
}

export function toStored(s: SavedOutputs, tab: string, at = Date.now(), max = MAX_SAVED_BYTES): StoredOutputs {
  const { outputs, dropped } = withinBudget(s.outputs.map(lighter), max);
  return { outputs, count: s.count, dropped, at, tab };
}

const sizeText = (bytes: number, lang: Lang) => `${new Intl.NumberFormat(lang).format(Math.round(bytes / 1024))} kB`;

/** A stored record as outputs to show, in `lang`. A damaged output, or record, shows as an error output that says what is wrong. */
export function fromStored(v: unknown, lang: Lang): SavedOutputs {
  if (!isPlainObject(v) || !Array.isArray(v.outputs)) return { outputs: [checkedOutput(isPlainObject(v) ? v.outputs : v, 'stored', lang)], count: null };
  const count = typeof v.count === 'number' && Number.isInteger(v.count) && v.count >= 0 ? v.count : null;
  const outputs = v.outputs.map((o, i) => checkedOutput(o, `stored-${i}`, lang));
  const dropped = typeof v.dropped === 'number' && Number.isInteger(v.dropped) && v.dropped > 0 ? v.dropped : 0;
  if (dropped) {
    const n = new Intl.NumberFormat(lang).format(dropped);
    outputs.push({ id: DROPPED_ID, kind: 'text', text: t(lang, dropped === 1 ? 'restoredDropped_one' : 'restoredDropped_other', { n, limit: sizeText(MAX_SAVED_BYTES, lang) }) });
  }
  return { outputs, count };
}
