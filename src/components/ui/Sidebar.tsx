import type { Lang } from '../../i18n';
import { useT } from '../../i18n/react';
import type { Lesson } from '../../notebook/core/lesson';
import type { LessonProgress } from '../../notebook/store';

interface Props {
  lang: Lang;
  lessons: readonly Lesson[];
  current: string;
  progress: Record<string, LessonProgress>;
  importedTitle?: string;
}

export function Sidebar({ lang, lessons, current, progress, importedTitle }: Props) {
  const t = useT();
  return (
    <nav className="sidebar" aria-label={t('lessons')} data-testid="sidebar">
      <h2>{t('lessons')}</h2>
      <ol>
        {lessons.map((l) => {
          const p = progress[l.key] ?? { done: 0, total: l.cells.filter((c) => c.kind === 'code').length, edited: 0 };
          return (
            <li key={l.key}>
              <a href={`#/${lang}/${l.key}`} aria-current={l.key === current ? 'page' : undefined} data-testid={`lesson-link-${l.key}`}>
                {l.title}
              </a>
              <div className="lesson-meta">
                <progress value={p.done} max={p.total || 1} aria-label={t('progress', { done: p.done, total: p.total })} />
                <span data-testid={`lesson-progress-${l.key}`}>{t('progress', { done: p.done, total: p.total })}</span>
                {p.edited > 0 && <span className="badge edited" data-testid={`lesson-edited-${l.key}`}>{t('editedCells', { n: p.edited })}</span>}
              </div>
            </li>
          );
        })}
        {importedTitle && (
          <li><a href={`#/${lang}/imported`} aria-current={current === 'imported' ? 'page' : undefined} data-testid="imported-link">{t('importedTitle', { title: importedTitle })}</a></li>
        )}
      </ol>
    </nav>
  );
}
