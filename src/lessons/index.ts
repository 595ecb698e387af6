// Every lesson, parsed at build time from src/lessons/<lang>/NN-slug.md.
import type { Lang } from '../i18n';
import { parseLesson, type Lesson } from '../notebook/core/lesson';

const files = import.meta.glob('./*/*.md', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

const byLang: Record<Lang, Lesson[]> = { es: [], en: [] };
for (const [path, src] of Object.entries(files)) {
  const m = path.match(/^\.\/(es|en)\/(.+)\.md$/);
  if (!m) continue;
  byLang[m[1] as Lang].push(parseLesson(src, m[2], m[1]));
}
for (const l of Object.values(byLang)) l.sort((a, b) => a.slug.localeCompare(b.slug));

export function lessons(lang: Lang): readonly Lesson[] {
  return byLang[lang];
}

export function findLesson(lang: Lang, key: string): Lesson | undefined {
  return byLang[lang].find((l) => l.key === key || l.slug === key);
}
