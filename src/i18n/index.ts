// Every user-facing string, in Spanish and English. `t(lang, key, vars)` fills {name} placeholders.
import { en } from './en';
import { es } from './es';

export type Lang = 'es' | 'en';
export type MessageKey = keyof typeof en;
export const LANGS: readonly Lang[] = ['es', 'en'];

const dicts: Record<Lang, Record<MessageKey, string>> = { en, es };

export function t(lang: Lang, key: MessageKey, vars?: Record<string, string | number>): string {
  let s = dicts[lang][key] ?? dicts.en[key] ?? key;
  if (vars) for (const [k, v] of Object.entries(vars)) s = s.split(`{${k}}`).join(String(v));
  return s;
}
