// The top of a lesson: its number, title and time, what a student can do after it (front matter), and
// the one rule of notebooks. It carries the lesson's <h1>; the page hides the Markdown's own first
// heading when this is shown (styles.css, `.has-intro`), so the title is not said twice.
import type { Lang } from '../../i18n';
import { useT } from '../../i18n/react';
import type { Lesson } from '../../notebook/core/lesson';
import { formatMinutes } from '../welcome/format';
import { InlineCode } from '../text/InlineCode';

interface Props {
  lang: Lang;
  lesson: Lesson;
  /** the lesson's number (its key: lesson 0 is the first); null: none (an imported notebook) */
  number: number | null;
  /** the number of the course's last lesson */
  last: number;
}

/** Whether a lesson has anything for the intro (an imported notebook has no front matter). */
export function hasIntro(lesson: Lesson): boolean {
  return lesson.minutes !== undefined || (lesson.goals?.length ?? 0) > 0;
}

export function LessonIntro({ lang, lesson, number, last }: Props) {
  const t = useT();
  if (!hasIntro(lesson)) return null;
  return (
    <header className="lesson-intro" data-testid="lesson-intro">
      <p className="kicker">
        {number !== null && <span>{t('introLessonOf', { n: number, total: last })}</span>}
        {lesson.minutes !== undefined && <span className="chip" data-testid="intro-minutes">{formatMinutes(lang, lesson.minutes)}</span>}
      </p>
      <h1>{lesson.title}</h1>
      <div className="intro-box">
        {lesson.goals && lesson.goals.length > 0 && (
          <>
            <h2 className="intro-goals-title" id="intro-goals">{t('introGoals')}</h2>
            <ul className="intro-goals" aria-labelledby="intro-goals" data-testid="intro-goals">
              {lesson.goals.map((g) => <li key={g}><InlineCode text={g} /></li>)}
            </ul>
          </>
        )}
        <p className="intro-note" data-testid="intro-note">{t('introInOrder')}</p>
      </div>
    </header>
  );
}
