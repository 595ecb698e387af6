// What the trainer and the backends report becomes text in the student's language.
import { BackendError } from '../../backends/messages';
import { t, type Lang, type MessageKey } from '../../i18n';
import { backendText } from '../../i18n/backendText';
import { ConfigError } from '../../train/config';

/** The message of an error the app knows, in `lang`; null for any other (a cell's own errors stay as written). */
export function localizeError(e: unknown, lang: Lang): string | null {
  if (e instanceof ConfigError) {
    const list = e.problems.map((p) => t(lang, `cfg_${p.field}` as MessageKey, { min: p.min, max: p.max, got: p.got })).join('; ');
    return t(lang, 'cfgInvalid', { list });
  }
  if (e instanceof BackendError) return backendText(lang, e.text);
  return null;
}
