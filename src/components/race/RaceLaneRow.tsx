// One lane of the race: its name (backend marker, colour and label: never the colour alone), a track
// whose runner moves with the images trained, images per second, elapsed time, the loss so far and,
// past the line, a flag with the final time and accuracy. A ghost (a lane that already ran, replayed)
// is drawn hatched and faded and says "ghost".
import type { CSSProperties } from 'react';
import { BACKEND_MARKER } from '../../design/tokens';
import { usePalette } from '../../design/useTheme';
import { useLang, useT } from '../../i18n/react';
import type { RaceLane } from '../../notebook/kernel/protocol';
import { percent, raceNumber } from '../../notebook/raceResults';
import { Marker } from '../charts/shapes';
import { FlagIcon } from './FlagIcon';
import type { LaneShown } from './raceClock';

export function RaceLaneRow({ lane, shown }: { lane: RaceLane; shown: LaneShown }) {
  const t = useT();
  const lang = useLang();
  const palette = usePalette();
  const color = palette.backend[lane.backend];
  const marker = BACKEND_MARKER[lane.backend];
  const frac = lane.total > 0 ? Math.min(1, shown.done / lane.total) : 0;
  const secs = shown.elapsedMs / 1000;
  const sps = secs > 0 ? shown.done / secs : 0;
  const moving = shown.role === 'live' || shown.role === 'ghost' || shown.role === 'replay';
  const finished = shown.finished && lane.status === 'done';
  const tag = shown.role === 'ghost' ? t('raceGhost') : shown.role === 'replay' ? t('raceReplayTag') : t(`raceStatus_${lane.status}`);
  const flagSecs = raceNumber(lang, (lane.totalMs ?? 0) / 1000, 2);
  const acc = lane.accuracy !== undefined ? percent(lang, lane.accuracy) : '—';
  return (
    <li className="race-lane" data-testid="race-lane" data-backend={lane.backend} data-status={lane.status} data-role={shown.role}
      data-ghost={shown.role === 'ghost' || undefined} data-finished={finished || undefined} style={{ '--lane': color } as CSSProperties}>
      <div className="race-name">
        <svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" focusable="false"><Marker shape={marker} cx={8} cy={8} r={6} color={color} /></svg>
        <span className="race-label">{lane.label}</span>
        <span className={`race-tag race-tag-${shown.role === 'static' ? lane.status : shown.role}`} data-testid="race-tag">{tag}</span>
        {lane.variant && <span className="race-variant" title={lane.variant}>{lane.variant}</span>}
      </div>
      <div className="race-track" role="progressbar" aria-label={lane.label} aria-valuemin={0} aria-valuemax={lane.total} aria-valuenow={Math.round(shown.done)}
        aria-valuetext={t('raceProgress', { done: raceNumber(lang, shown.done), total: raceNumber(lang, lane.total) })}>
        {/* moved by transforms only (race.css): the compositor animates them, with no layout or paint on the page's thread */}
        <div className="race-fill-clip"><div className="race-fill" style={{ transform: `translateX(${(frac - 1) * 100}%)` }} /></div>
        {(moving || frac > 0) && (
          <div className="race-rail" style={{ transform: `translateX(${frac * 100}%)` }}>
            <svg className="race-runner" width="18" height="18" viewBox="0 0 18 18" aria-hidden="true" focusable="false">
              <Marker shape={marker} cx={9} cy={9} r={6.5} color={color} outline={palette.surface} />
            </svg>
          </div>
        )}
      </div>
      <div className="race-stats" data-testid="race-stats">
        {lane.status === 'failed'
          ? <span className="race-reason" data-testid="race-reason">{lane.reason}</span>
          : (shown.done > 0 || moving) && (
            <>
              <span>{t('raceImagesPerSec', { n: raceNumber(lang, sps) })}</span>
              <span data-testid="race-elapsed">{t('raceSeconds', { s: raceNumber(lang, secs, 1) })}</span>
              {shown.loss !== null && <span>{t('raceLossSoFar', { v: raceNumber(lang, shown.loss, 3) })}</span>}
            </>
          )}
      </div>
      <div className="race-flag" data-testid={finished ? 'race-flag' : undefined}>
        {finished && (
          <span title={t('raceFinishLabel', { s: flagSecs, acc })}>
            <FlagIcon size={16} />{' '}
            <span className="visually-hidden">{t('raceFinishLabel', { s: flagSecs, acc })}</span>
            <span aria-hidden="true">{t('raceFinish', { s: flagSecs, acc })}</span>
          </span>
        )}
      </div>
    </li>
  );
}
