// The text of a bad dataset file (src/data/errors.ts), in the student's language.
import type { DataFault, DataParams } from '../data/errors';
import { t, type Lang, type MessageKey } from './index';

export function dataErrorText(lang: Lang, file: string, fault: DataFault, params: DataParams, fromCache: boolean): string {
  return t(lang, 'data_error', {
    file,
    fault: t(lang, `data_${fault}` as MessageKey, params as Record<string, string | number>),
    again: t(lang, fromCache ? 'data_againCached' : 'data_againFresh'),
  });
}
