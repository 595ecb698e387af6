// The app's routes live in the hash: `#/es` (the welcome page), `#/es/04` (a lesson), `#/es/imported`,
// `#/es/race` (the Race page), `#/es/digits` (the Digits page) and `#/es/03?run=1` (open a lesson and run its first code cell once: the welcome page's "See it race").
import type { Lang } from './i18n';

export interface Route {
  lang: Lang;
  /** the lesson's key or slug; null: the welcome page */
  key: string | null;
  /** run the lesson's first code cell once it is open */
  run: boolean;
}

/** The Race page's key: `#/es/race`. */
export const RACE_KEY = 'race';
/** The Digits page's key: `#/es/digits` (draw a digit, issue 14). */
export const DIGITS_KEY = 'digits';

/** The Glossary page's key: `#/es/glossary` (the course's terms, Spanish ↔ English). */
export const GLOSSARY_KEY = 'glossary';

/** The Models page's key: `#/es/models` (save, load, download and upload trained models). */
export const MODELS_KEY = 'models';

const ROUTE = /^#\/(es|en)(?:\/([\w-]+))?\/?(?:\?(.*))?$/;

/** The route a hash names, or null when the hash is not a route (e.g. `#lesson`, an in-page anchor). */
export function parseRoute(hash: string): Route | null {
  const m = hash.match(ROUTE);
  if (!m) return null;
  return { lang: m[1] as Lang, key: m[2] ?? null, run: new URLSearchParams(m[3] ?? '').get('run') === '1' };
}

/** The first screen without a route: the welcome page, in the browser's language. */
export function defaultRoute(browserLang: string | undefined): Route {
  return { lang: browserLang?.toLowerCase().startsWith('es') ? 'es' : 'en', key: null, run: false };
}

export function routeHash(lang: Lang, key: string | null, run = false): string {
  return `#/${lang}${key ? `/${key}` : ''}${run ? '?run=1' : ''}`;
}
