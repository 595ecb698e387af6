import { describe, expect, it } from 'vitest';
import { filterGlossary, GLOSSARY, glossaryIn } from './terms';

describe('the glossary (es ↔ en)', () => {
  it('has 30–60 entries with unique ids', () => {
    expect(GLOSSARY.length).toBeGreaterThanOrEqual(30);
    expect(GLOSSARY.length).toBeLessThanOrEqual(60);
    expect(new Set(GLOSSARY.map((e) => e.id)).size).toBe(GLOSSARY.length);
  });

  for (const lang of ['es', 'en'] as const) {
    it(`every entry has a ${lang} term and a one-line ${lang} definition, and no two terms are the same`, () => {
      for (const e of GLOSSARY) {
        expect(e[lang].term.trim(), e.id).not.toBe('');
        expect(e[lang].def.trim().length, e.id).toBeGreaterThan(15);
        expect(e[lang].def, e.id).not.toMatch(/\n/);
        expect(e[lang].def.length, e.id).toBeLessThanOrEqual(140);
        expect(e[lang].def, e.id).toMatch(/[.)]$/);
      }
      const terms = GLOSSARY.map((e) => e[lang].term.toLowerCase());
      expect(new Set(terms).size).toBe(terms.length);
    });
  }

  it('the definitions are written in their own language (not copied across)', () => {
    for (const e of GLOSSARY) expect(e.es.def, e.id).not.toBe(e.en.def);
  });

  it('holds the course terms the issue lists, with the Spanish the lessons use', () => {
    const es = (id: string) => GLOSSARY.find((e) => e.id === id)?.es.term;
    expect(es('accuracy')).toBe('exactitud');
    expect(es('precision')).toBe('precisión');
    for (const id of ['speedup', 'efficiency', 'batch', 'epoch', 'thread', 'process', 'core', 'worker', 'scheduler', 'task-graph',
      'race-condition', 'critical-section', 'reduction', 'shared-memory', 'h2d', 'd2h', 'kernel-gpu', 'workgroup']) expect(es(id), id).toBeTruthy();
  });

  it('sorts by the page language and filters in both languages, ignoring case and accents', () => {
    const es = glossaryIn('es').map((e) => e.es.term);
    expect(es).toEqual([...es].sort((a, b) => a.localeCompare(b, 'es', { sensitivity: 'base' })));
    expect(glossaryIn('en')[0].en.term.localeCompare(glossaryIn('en')[1].en.term, 'en')).toBeLessThan(0);
    expect(filterGlossary(GLOSSARY, 'EPOCA').map((e) => e.id)).toContain('epoch');
    expect(filterGlossary(GLOSSARY, 'race condition').map((e) => e.id)).toEqual(['race-condition']);
    expect(filterGlossary(GLOSSARY, '  ')).toHaveLength(GLOSSARY.length);
    expect(filterGlossary(GLOSSARY, 'zzzz')).toEqual([]);
  });
});
