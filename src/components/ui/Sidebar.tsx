import type { Ref } from 'react';
import type { Lang } from '../../i18n';
import { useT } from '../../i18n/react';
import { lessonNumber, type Lesson } from '../../notebook/core/lesson';
import type { LessonProgress } from '../../notebook/store';
import { DIGITS_KEY, GLOSSARY_KEY, MODELS_KEY, RACE_KEY, routeHash } from '../../route';
import { FlagIcon } from '../race/FlagIcon';

interface Props {
  lang: Lang;
  lessons: readonly Lesson[];
  /** the lesson shown; null: the welcome page */
  current: string | null;
  progress: Record<string, LessonProgress>;
  importedTitle?: string;
  /** on phones the sidebar is a drawer: open or not (ignored on wider screens, where it is always shown) */
  open: boolean;
  navRef?: Ref<HTMLElement>;
}

export const SIDEBAR_ID = 'sidebar';

/** The way through the course: Start, then each lesson with its progress. Sticky on desktops. */
export function Sidebar({ lang, lessons, current, progress, importedTitle, open, navRef }: Props) {
  const t = useT();
  return (
    <nav id={SIDEBAR_ID} ref={navRef} className="sidebar" data-open={open || undefined} aria-label={t('lessons')} data-testid="sidebar">
      <a className="sidebar-home" href={routeHash(lang, null)} aria-current={current === null ? 'page' : undefined} data-testid="nav-home">
        {t('navHome')}
      </a>
      <a className="sidebar-race" href={routeHash(lang, RACE_KEY)} aria-current={current === RACE_KEY ? 'page' : undefined} data-testid="nav-race">
        <span className="lesson-num" aria-hidden="true"><FlagIcon /></span>
        <span>{t('raceNav')}<small className="sidebar-hint">{t('raceNavHint')}</small></span>
      </a>
      <a className="sidebar-race" href={routeHash(lang, DIGITS_KEY)} aria-current={current === DIGITS_KEY ? 'page' : undefined} data-testid="nav-digits">
        <span className="lesson-num" aria-hidden="true">✎</span>
        <span>{t('digitsNav')}<small className="sidebar-hint">{t('digitsNavHint')}</small></span>
      </a>
      <a className="sidebar-race" href={routeHash(lang, MODELS_KEY)} aria-current={current === MODELS_KEY ? 'page' : undefined} data-testid="nav-models">
        <span className="lesson-num" aria-hidden="true">▦</span>
        <span>{t('modelsNav')}<small className="sidebar-hint">{t('modelsNavHint')}</small></span>
      </a>
      <a className="sidebar-race" href={routeHash(lang, GLOSSARY_KEY)} aria-current={current === GLOSSARY_KEY ? 'page' : undefined} data-testid="nav-glossary">
        <span className="lesson-num" aria-hidden="true">≈</span>
        <span>{t('glossaryNav')}<small className="sidebar-hint">{t('glossaryNavHint')}</small></span>
      </a>
      <h2>{t('lessons')}</h2>
      <ol>
        {lessons.map((l, i) => {
          const p = progress[l.key] ?? { done: 0, total: l.cells.filter((c) => c.kind === 'code').length, edited: 0 };
          return (
            <li key={l.key}>
              <a href={routeHash(lang, l.key)} aria-current={l.key === current ? 'page' : undefined} data-testid={`lesson-link-${l.key}`}>
                <span className="lesson-num" aria-hidden="true">{lessonNumber(l.key) ?? i + 1}</span>
                <span>{l.title}</span>
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
          <li>
            <a href={routeHash(lang, 'imported')} aria-current={current === 'imported' ? 'page' : undefined} data-testid="imported-link">
              <span className="lesson-num" aria-hidden="true">↥</span>
              <span>{t('importedTitle', { title: importedTitle })}</span>
            </a>
          </li>
        )}
      </ol>
    </nav>
  );
}
