// What the trainer and the backends report becomes text in the student's language.
import { BackendError } from '../../backends/messages';
import { OptionError } from '../../backends/options';
import { DataError } from '../../data/errors';
import type { Lang } from '../../i18n';
import { backendText } from '../../i18n/backendText';
import { dataErrorText } from '../../i18n/dataText';
import { optionErrorText } from '../../i18n/options';

/** The message of an error the app knows, in `lang`; null for any other (a cell's own errors stay as written). */
export function localizeError(e: unknown, lang: Lang): string | null {
  if (e instanceof OptionError) return optionErrorText(lang, e.scope, e.problems);
  if (e instanceof BackendError) return backendText(lang, e.text);
  if (e instanceof DataError) return dataErrorText(lang, e.file, e.fault, e.params, e.fromCache);
  return null;
}
