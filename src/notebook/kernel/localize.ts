// Errors the trainer raises in English become sentences in the student's language.
import { t, type Lang, type MessageKey } from '../../i18n';
import { ConfigError } from '../../train/config';

export function localizeError(e: unknown, lang: Lang): string | null {
  if (e instanceof ConfigError) {
    const list = e.problems.map((p) => t(lang, `cfg_${p.field}` as MessageKey, { min: p.min, max: p.max, got: p.got })).join('; ');
    return t(lang, 'cfgInvalid', { list });
  }
  return null;
}
