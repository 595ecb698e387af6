import type { Lang } from '../../i18n';
import { useT } from '../../i18n/react';
import type { Lesson } from '../../notebook/core/lesson';
import type { LessonProgress } from '../../notebook/store';
import { routeHash } from '../../route';
import { formatMinutes } from './format';
import { InlineCode } from '../text/InlineCode';

interface Props {
  lang: Lang;
  lesson: Lesson;
  number: number;
  progress?: LessonProgress;
}

/** One step of the path: number, title, summary, goals, time and progress. The whole card is the link. */
export function LessonCard({ lang, lesson, number, progress }: Props) {
  const t = useT();
  const total = progress?.total ?? lesson.cells.filter((c) => c.kind === 'code').length;
  const done = progress?.done ?? 0;
  const goalsId = `goals-${lesson.key}`;
  return (
    <li className="lesson-card" data-testid={`welcome-lesson-${lesson.key}`} data-done={done > 0 && done >= total ? true : undefined}>
      <div className="lesson-card-head">
        <span className="lesson-card-num" aria-hidden="true">{new Intl.NumberFormat(lang).format(number)}</span>
        <h3>
          <a href={routeHash(lang, lesson.key)} data-testid={`welcome-link-${lesson.key}`}>
            <span className="visually-hidden">{t('navLessonNumber', { n: number })}: </span>{lesson.title}
          </a>
        </h3>
      </div>
      {lesson.summary && <p className="lesson-card-summary"><InlineCode text={lesson.summary} /></p>}
      {lesson.goals && lesson.goals.length > 0 && (
        <>
          <p className="lesson-card-goals-title" id={goalsId}>{t('welcomeGoals')}</p>
          <ul className="lesson-card-goals" aria-labelledby={goalsId} data-testid={`welcome-goals-${lesson.key}`}>
            {lesson.goals.map((g) => <li key={g}><InlineCode text={g} /></li>)}
          </ul>
        </>
      )}
      <p className="lesson-card-meta">
        {lesson.minutes !== undefined && <span className="chip" data-testid={`welcome-minutes-${lesson.key}`}>{formatMinutes(lang, lesson.minutes)}</span>}
        <span className="lesson-card-progress">
          <progress value={done} max={total || 1} aria-hidden="true" />
          <span data-testid={`welcome-progress-${lesson.key}`}>{t('progress', { done, total })}</span>
        </span>
      </p>
    </li>
  );
}
