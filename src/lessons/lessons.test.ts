// The course's conventions, checked on every lesson file there is (issue 16 §1): each lesson exists in
// Spanish and English with the same code cells (same count, same options in the ```js cell …``` line,
// so the knobs and the e2e runs match), and each has its time, at least two goals and a closing
// "Ideas clave" / "Key ideas" section.
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseLesson, type Lesson } from '../notebook/core/lesson';

const LANGS = ['es', 'en'] as const;
const KEY_IDEAS: Record<(typeof LANGS)[number], string> = { es: 'Ideas clave', en: 'Key ideas' };
const FILE = /^(\d\d)-[a-z0-9-]+\.md$/;

function read(lang: string): Lesson[] {
  const dir = fileURLToPath(new URL(`./${lang}/`, import.meta.url));
  return readdirSync(dir).filter((f) => f.endsWith('.md')).sort().map((f) => {
    expect(f, `${lang}/${f}: a lesson file is NN-slug.md`).toMatch(FILE);
    return parseLesson(readFileSync(dir + f, 'utf8'), f.replace(/\.md$/, ''), lang);
  });
}

/** The lesson's `## ` headings with the lines under each, outside fenced blocks (a ```python comment is not a heading). */
function sections(lesson: Lesson): { title: string; lines: string[] }[] {
  const out: { title: string; lines: string[] }[] = [];
  let fence: string | null = null;
  for (const cell of lesson.cells.filter((c) => c.kind === 'markdown')) {
    for (const line of cell.source.split('\n')) {
      const f = line.match(/^(`{3,}|~{3,})/);
      if (f) { fence = fence === null ? f[1] : line.startsWith(fence) ? null : fence; continue; }
      if (fence !== null) continue;
      const h = line.match(/^##\s+(.+?)\s*$/);
      if (h) out.push({ title: h[1], lines: [] });
      else out.at(-1)?.lines.push(line);
    }
  }
  return out;
}

const byLang = Object.fromEntries(LANGS.map((l) => [l, read(l)])) as Record<(typeof LANGS)[number], Lesson[]>;

describe('the lessons', () => {
  it('exist in both languages under the same keys', () => {
    const keys = (l: (typeof LANGS)[number]) => byLang[l].map((x) => x.key);
    expect(keys('es').length).toBeGreaterThan(0);
    expect(keys('en')).toEqual(keys('es'));
    expect(new Set(keys('es')).size, 'one file per key').toBe(keys('es').length);
  });

  for (const es of byLang.es) {
    const en = byLang.en.find((l) => l.key === es.key);
    it(`lesson ${es.key}: the same code cells with the same options in es and en`, () => {
      expect(en, `src/lessons/en has lesson ${es.key}`).toBeDefined();
      const code = (l: Lesson) => l.cells.filter((c) => c.kind === 'code');
      expect(code(en!).length, `${es.slug} / ${en!.slug}: code cells`).toBe(code(es).length);
      code(es).forEach((c, i) => expect(code(en!)[i].options, `${es.slug} / ${en!.slug}: options of code cell ${i + 1}`).toEqual(c.options));
      expect(en!.minutes, 'the same estimated time').toBe(es.minutes);
      expect(en!.goals?.length, 'as many goals').toBe(es.goals?.length);
    });
  }

  for (const lang of LANGS) {
    for (const l of byLang[lang]) {
      it(`${lang}/${l.slug}: time, goals and a closing "${KEY_IDEAS[lang]}" section`, () => {
        expect(l.minutes, 'front matter minutes').toBeGreaterThan(0);
        expect(l.summary, 'front matter summary').toBeTruthy();
        expect(l.goals?.length ?? 0, 'front matter goals (at least 2)').toBeGreaterThanOrEqual(2);
        const last = sections(l).at(-1);
        expect(last?.title, 'the last section').toBe(KEY_IDEAS[lang]);
        expect(last!.lines.filter((x) => /^\s*- \S/.test(x)).length, 'key ideas as a short list').toBeGreaterThanOrEqual(2);
        expect(sections(l).map((s) => s.title), 'the old closing heading is gone').not.toContain(lang === 'es' ? 'Para llevarse' : 'To take away');
      });
    }
  }
});
