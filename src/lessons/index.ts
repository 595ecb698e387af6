// Every lesson, parsed from src/lessons/<lang>/NN-slug.md. Each language is a chunk of its own
// (~50 kB gzip of text): the page loads the one it shows before its first render (src/main.tsx) and
// the other when the student switches, so the first lesson does not wait for both.
import type { Lang } from '../i18n';
import type { Lesson } from '../notebook/core/lesson';

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
