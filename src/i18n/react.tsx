import { createContext, useCallback, useContext } from 'react';
import { t, type Lang, type MessageKey } from './index';

export const LangContext = createContext<Lang>('es');

export function useLang(): Lang {
  return useContext(LangContext);
}

export function useT(): (key: MessageKey, vars?: Record<string, string | number>) => string {
  const lang = useLang();
  return useCallback((key: MessageKey, vars?: Record<string, string | number>) => t(lang, key, vars), [lang]);
}
