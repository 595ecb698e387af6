// What the trainer and the backends report becomes text in the student's language.
import { BackendError } from '../../backends/messages';
import { OptionError } from '../../backends/options';
import { DataError } from '../../data/errors';
import { t, type Lang } from '../../i18n';
import { backendText } from '../../i18n/backendText';
import { dataErrorText } from '../../i18n/dataText';
import { optionErrorText } from '../../i18n/options';
import { isMessageError, messageErrorText } from '../../i18n/messageError';
import { RefusedError } from './guard';

const ALLOCATION = /allocation failed|invalid (typed )?array length|invalid string length|array buffer|out of memory/i;
const RECURSION = /call stack/i;

/** The message of an error the app knows, in `lang`; null for any other (a cell's own errors stay as written). */
export function localizeError(e: unknown, lang: Lang): string | null {
  if (e instanceof OptionError) return optionErrorText(lang, e.scope, e.problems);
  if (e instanceof BackendError) return backendText(lang, e.text);
  if (e instanceof DataError) return dataErrorText(lang, e.file, e.fault, e.params, e.fromCache);
  if (e instanceof RefusedError) return t(lang, e.key, e.params);
  if (isMessageError(e)) return messageErrorText(e, lang);
  // the engine's own limits: the kernel survives them, and says what they mean
  if (e instanceof Error && e.name === 'RangeError') {
    if (RECURSION.test(e.message)) return t(lang, 'kernelErrRecursion', { message: e.message });
    if (ALLOCATION.test(e.message)) return t(lang, 'kernelErrAllocation', { message: e.message });
  }
  return null;
}
