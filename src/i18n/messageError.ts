// An error a student can meet, as a message key and its parameters: its `message` is the English text
// (for logs and tests); the kernel shows it in the notebook's language (kernel/localize.ts). Any layer
// may throw it (tasks, backends, the kernel), so words are made once, where they are shown. It stays
// the kind of error it is (`instanceof RangeError` still holds): the key rides on the error object.
import { t, type Lang } from './index';
import { errorsEn } from './errors.en';

export type ErrorKey = keyof typeof errorsEn;
export type ErrorParams = Readonly<Record<string, string | number>>;

export type MessageError = Error & { readonly messageKey: ErrorKey; readonly messageParams: ErrorParams };

type ErrorKind = ErrorConstructor | RangeErrorConstructor | TypeErrorConstructor;

/** `new Kind(English text)` carrying its key and parameters. */
export function messageError(key: ErrorKey, params: ErrorParams = {}, Kind: ErrorKind = Error): MessageError {
  return Object.assign(new Kind(t('en', key, params)), { messageKey: key, messageParams: params });
}

export function isMessageError(e: unknown): e is MessageError {
  const key = (e as { messageKey?: unknown } | null)?.messageKey;
  return e instanceof Error && typeof key === 'string' && Object.hasOwn(errorsEn, key);
}

/** The message of a MessageError in `lang`. */
export function messageErrorText(e: MessageError, lang: Lang): string {
  return t(lang, e.messageKey, e.messageParams);
}
