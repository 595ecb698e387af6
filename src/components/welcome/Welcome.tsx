// The first screen (`#/es`, `#/en`): what the course is and for whom, how a notebook works, the four
// backends in their colours, the one-click race, and the path through the lessons.
import { BACKEND_NAMES, type BackendName } from '../../backends/types';
import type { Lang, MessageKey } from '../../i18n';
import { backendText } from '../../i18n/backendText';
import { useT } from '../../i18n/react';
import { lessonNumber, type Lesson } from '../../notebook/core/lesson';
import type { BackendSupport } from '../../notebook/kernel/protocol';
import type { LessonProgress } from '../../notebook/store';
import { routeHash } from '../../route';
import { formatDuration } from './format';
import { LessonCard } from './LessonCard';

/** The lesson that compares every backend: "See it race" opens it and runs its first cell. */
export const RACE_LESSON = '03';

/** What each backend stands for, in the words of the course. */
const WHAT: Record<BackendName, MessageKey> = {
  js: 'welcomeBackend_js', workers: 'welcomeBackend_workers', wasm: 'welcomeBackend_wasm', webgpu: 'welcomeBackend_webgpu',
};

interface Props {
  lang: Lang;
  lessons: readonly Lesson[];
  progress: Record<string, LessonProgress>;
  support: Partial<BackendSupport>;
}

export function Welcome({ lang, lessons, progress, support }: Props) {
  const t = useT();
  const minutes = lessons.reduce((sum, l) => sum + (l.minutes ?? 0), 0);
  const race = lessons.find((l) => l.key === RACE_LESSON);
  return (
    <div className="welcome" data-testid="welcome">
      <section className="hero" aria-labelledby="welcome-title">
        <p className="kicker">{t('welcomeKicker')}</p>
        <h1 id="welcome-title">{t('welcomeTitle')}</h1>
        <p className="lead">{t('welcomeLead')}</p>
        <div className="hero-actions">
          {race && (
            <a className="button primary race-button" href={routeHash(lang, race.key, true)} data-testid="see-it-race" aria-describedby="race-note">
              <span aria-hidden="true">▶ </span>{t('welcomeRace')}
            </a>
          )}
          {lessons[0] && <a className="button" href={routeHash(lang, lessons[0].key)} data-testid="welcome-start">{t('welcomeStart', { n: lessonNumber(lessons[0].key) ?? 1 })}</a>}
        </div>
        {race && <p className="race-note" id="race-note">{t('welcomeRaceNote')}</p>}
      </section>

      <div className="welcome-facts">
        <section aria-labelledby="for-whom">
          <h2 id="for-whom">{t('welcomeForWhomTitle')}</h2>
          <p>{t('welcomeForWhom')}</p>
        </section>
        <section aria-labelledby="how">
          <h2 id="how">{t('welcomeHowTitle')}</h2>
          <ul className="how-list">
            <li>{t('welcomeHow1')}</li>
            <li>{t('welcomeHow2')}</li>
            <li>{t('welcomeHow3')}</li>
          </ul>
        </section>
      </div>

      <section aria-labelledby="backends-title">
        <h2 id="backends-title">{t('welcomeBackendsTitle')}</h2>
        <ul className="backend-list" data-testid="welcome-backends">
          {BACKEND_NAMES.map((b) => {
            const s = support[b];
            const unavailable = s !== undefined && s !== true;
            return (
              <li key={b} className={`backend-item backend-${b}`} data-unavailable={unavailable || undefined}>
                <span className="backend-chip"><span className="swatch" aria-hidden="true" />{b}</span>
                <span className="backend-what">
                  {t(WHAT[b])}
                  {unavailable && <span className="backend-off" title={backendText(lang, s)}> — {t('welcomeBackendUnavailable')}</span>}
                </span>
              </li>
            );
          })}
        </ul>
      </section>

      <section aria-labelledby="path-title">
        <h2 id="path-title">{t('welcomePathTitle')}</h2>
        <p className="path-total" data-testid="welcome-total">{t('welcomePathTotal', { n: lessons.length, time: formatDuration(lang, minutes) })}</p>
        <ol className="path" data-testid="welcome-path">
          {lessons.map((l, i) => <LessonCard key={l.key} lang={lang} lesson={l} number={lessonNumber(l.key) ?? i + 1} progress={progress[l.key]} />)}
        </ol>
      </section>
    </div>
  );
}
