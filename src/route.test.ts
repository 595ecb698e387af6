import { describe, expect, it } from 'vitest';
import { defaultRoute, parseRoute, RACE_KEY, routeHash } from './route';

describe('routes', () => {
  it('reads the welcome page, a lesson, the imported notebook and the run flag', () => {
    expect(parseRoute('#/es')).toEqual({ lang: 'es', key: null, run: false });
    expect(parseRoute('#/en/')).toEqual({ lang: 'en', key: null, run: false });
    expect(parseRoute('#/en/04')).toEqual({ lang: 'en', key: '04', run: false });
    expect(parseRoute('#/es/04-procesos')).toEqual({ lang: 'es', key: '04-procesos', run: false });
    expect(parseRoute('#/es/imported')).toEqual({ lang: 'es', key: 'imported', run: false });
    expect(parseRoute(`#/en/${RACE_KEY}`)).toEqual({ lang: 'en', key: 'race', run: false });
    expect(parseRoute('#/es/03?run=1')).toEqual({ lang: 'es', key: '03', run: true });
    expect(parseRoute('#/es/03?run=0')).toEqual({ lang: 'es', key: '03', run: false });
  });

  it('is not a route: an in-page anchor, another language, garbage', () => {
    expect(parseRoute('#lesson')).toBeNull();
    expect(parseRoute('')).toBeNull();
    expect(parseRoute('#/fr/01')).toBeNull();
    expect(parseRoute('#/es/01/extra')).toBeNull();
  });

  it('starts on the welcome page in the browser language (English unless it is Spanish)', () => {
    expect(defaultRoute('es-AR')).toEqual({ lang: 'es', key: null, run: false });
    expect(defaultRoute('de')).toEqual({ lang: 'en', key: null, run: false });
    expect(defaultRoute(undefined).lang).toBe('en');
  });

  it('writes hashes that parse back to the same route', () => {
    for (const [lang, key, run] of [['es', null, false], ['en', '03', true], ['es', 'imported', false]] as const) {
      expect(parseRoute(routeHash(lang, key, run))).toEqual({ lang, key, run });
    }
  });
});
