// Every lesson, parsed at build time from src/lessons/<lang>/NN-slug.md (compile.ts). Each language is
// a chunk of its own (~80 kB gzip of text): the page loads the one it shows before its first render
// (src/boot.ts) and the other when the student switches, so the first lesson does not wait for both.
// Each lesson's rendered HTML and knob use is a chunk of its own too (~9 kB gzip), loaded when it opens.
import type { Lang } from '../i18n';
import { seedKnobUse } from '../notebook/core/knobUseSeed';
import type { Lesson } from '../notebook/core/lesson';
import type { LessonExtras } from './compile';

const loaders: Record<Lang, () => Promise<{ lessons: Lesson[] }>> = {
  es: () => import('./es'),
  en: () => import('./en'),
};

const byLang: Partial<Record<Lang, readonly Lesson[]>> = {};
const pending: Partial<Record<Lang, Promise<void>>> = {};
const listeners = new Set<() => void>();

/** Loads `lang`'s lessons (once); `lessons(lang)` has them when it resolves. */
export function loadLessons(lang: Lang): Promise<void> {
  return (pending[lang] ??= loaders[lang]().then((m) => {
    byLang[lang] = m.lessons;
    for (const path of extrasByPath.keys()) if (path.startsWith(`./${lang}/`)) attachExtras(lang, path.slice(lang.length + 3, -3));
    for (const fn of listeners) fn();
  }, (e: unknown) => {
    delete pending[lang]; // a failed chunk (offline, a new deploy) is tried again next time
    throw e;
  }));
}

/** Whether `lang`'s lessons are loaded. */
export function lessonsLoaded(lang: Lang): boolean {
  return byLang[lang] !== undefined;
}

/** Calls `fn` each time a language's lessons arrive; returns the unsubscribe (useSyncExternalStore's shape). */
export function onLessonsLoaded(fn: () => void): () => void {
  listeners.add(fn);
  return () => { listeners.delete(fn); };
}

/** `lang`'s lessons, in order; empty until loadLessons(lang) has resolved. */
export function lessons(lang: Lang): readonly Lesson[] {
  return byLang[lang] ?? [];
}

export function findLesson(lang: Lang, key: string): Lesson | undefined {
  return lessons(lang).find((l) => l.key === key || l.slug === key);
}

// Each lesson's build-time extras (compile.ts): its Markdown cells' HTML and code cells' knob use, a
// chunk per lesson, loaded when the lesson is opened (boot.ts starts the first one's with its language's).
const extras = import.meta.glob('./*/*.md', { query: '?lesson-extras', import: 'default' }) as Record<string, () => Promise<LessonExtras>>;
const extrasPending = new Map<string, Promise<void>>();
const extrasByPath = new Map<string, LessonExtras>();

/** The extras' path of `lang`'s lesson whose key ('00') or slug ('00-intro') is `key`. */
function extrasPath(lang: Lang, key: string): string | undefined {
  return Object.keys(extras).find((p) => p === `./${lang}/${key}.md` || p.startsWith(`./${lang}/${key}-`));
}

/** Loads the HTML and knob use of `lang`'s lesson `key` (key or slug; once) and adds them to its cells, if that lesson is loaded by then. */
export function loadLessonExtras(lang: Lang, key: string): Promise<void> {
  const path = extrasPath(lang, key);
  const load = path ? extras[path] : undefined;
  if (!path || !load) return Promise.resolve(); // not a lesson (an imported notebook): rendered in the page
  const slug = path.slice(lang.length + 3, -3);
  let p = extrasPending.get(path);
  if (!p) {
    p = load().then((x) => { extrasByPath.set(path, x); attachExtras(lang, slug); }, (e: unknown) => {
      extrasPending.delete(path); // offline or a new deploy: tried again next time; meanwhile the page renders the cells itself
      throw e;
    });
    extrasPending.set(path, p);
  }
  return p.then(() => attachExtras(lang, slug));
}

function attachExtras(lang: Lang, slug: string): void {
  const x = extrasByPath.get(`./${lang}/${slug}.md`);
  const lesson = byLang[lang]?.find((l) => l.slug === slug);
  if (!x || !lesson) return;
  lesson.cells.forEach((c, i) => {
    const html = x.html[i], use = x.knobUse[i];
    if (c.kind === 'markdown' && html != null) c.html = html;
    if (c.kind === 'code' && use) seedKnobUse(c.source, use);
  });
}
