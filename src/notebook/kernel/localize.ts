// What the trainer and the backends say in English becomes text in the student's language.
import type { EpochStats } from '../../backends/types';
import { t, type Lang, type MessageKey } from '../../i18n';
import { localizeBackendText } from '../../i18n/backendText';
import { ConfigError } from '../../train/config';
import type { Run } from './run';

const BACKEND_ERROR = /^(?:(?:js|workers|wasm) backend:|webgpu:|backend "\w+" )/;

export function localizeError(e: unknown, lang: Lang): string | null {
  if (e instanceof ConfigError) {
    const list = e.problems.map((p) => t(lang, `cfg_${p.field}` as MessageKey, { min: p.min, max: p.max, got: p.got })).join('; ');
    return t(lang, 'cfgInvalid', { list });
  }
  // only the backends' own errors: a cell's `throw new Error('other')` stays as its author wrote it
  if (e instanceof Error && BACKEND_ERROR.test(e.message)) {
    const message = localizeBackendText(lang, e.message);
    return message === e.message ? null : message;
  }
  return null;
}

/** An epoch's record with its breakdown labels, methods and notes in `lang`. */
function localizeEpoch(lang: Lang, s: EpochStats): EpochStats {
  if (lang === 'en') return s;
  const tr = (text: string) => localizeBackendText(lang, text);
  const extra = s.extra && Object.fromEntries(Object.entries(s.extra).map(([k, v]) => [k, typeof v === 'string' ? tr(v) : v]));
  return { ...s, breakdown: s.breakdown.map((p) => ({ ...p, label: tr(p.label), method: tr(p.method) })), ...(extra ? { extra } : {}) };
}

export function localizeRun(lang: Lang, run: Run): Run {
  return lang === 'en' ? run : { ...run, describe: localizeBackendText(lang, run.describe), epochs: run.epochs.map((e) => localizeEpoch(lang, e)) };
}
