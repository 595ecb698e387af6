// Words and names for the models panel: a model's facts in one line, a file name, a free name.
import { t, type Lang } from '../../i18n';
import { numberLocale } from '../../notebook/kernel/measure';
import type { MlpSpec } from '../../mlp/spec';
import type { ModelMeta } from '../../models/model';
import { MODEL_EXTENSION } from '../../models/file';

/** "batch 64 · trained on wasm · test accuracy 91.2% · 784 → 128 → 10 · Nov 26, 2026, 03:20" (no label when it is the backend's name) */
export function factsOf(lang: Lang, meta: ModelMeta, spec: MlpSpec, when = meta.createdAt): string {
  const loc = numberLocale(lang);
  const acc = Number.isFinite(meta.accuracy) ? new Intl.NumberFormat(loc, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(meta.accuracy) : t(lang, 'modelsAccUnknown');
  const date = when > 0 ? new Intl.DateTimeFormat(loc, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(when)) : '';
  // "wasm · trained on wasm" would say the backend twice
  const key = meta.label === meta.backend ? 'modelsFactsBackend' : 'modelsFacts';
  return t(lang, key, { label: meta.label, backend: meta.backend, acc, shape: `${spec.inputSize} → ${spec.hiddenSize} → ${spec.outputSize}`, date }).replace(/ · $/, '');
}

/** The download's file name: the model's name with what file systems refuse replaced. */
export function fileNameFor(name: string): string {
  // eslint-disable-next-line no-control-regex
  return `${name.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, '_').trim() || 'model'}${MODEL_EXTENSION}`;
}

/** `base`, or `base (2)`, `base (3)`… : the first that is not taken. */
export function uniqueName(base: string, taken: ReadonlySet<string>): string {
  const b = base.trim() || 'model';
  if (!taken.has(b)) return b;
  for (let n = 2; ; n++) if (!taken.has(`${b} (${n})`)) return `${b} (${n})`;
}
