// A race output (show.race): the lanes, live while the kernel runs them; the lanes that finished come
// back as ghosts beside the one running; Replay plays every finished lane together at true speed (or
// 2×, 5×); a chart of the loss against wall-clock time or against step; the results table.
import { Suspense, useEffect, useMemo, useRef, useState } from 'react';
import { useLang, useT } from '../../i18n/react';
import { lazyView } from '../lazyView';
import type { RaceData } from '../../notebook/kernel/protocol';
import { raceNumber, raceTable } from '../../notebook/raceResults';
import { raceChartSpec, type RaceChartKind } from './raceChart';
import { lanesShown, replayLength } from './raceClock';
import { RaceLaneRow } from './RaceLaneRow';
import './race.css';

// memoised: the lanes are drawn up to 10 times a second, the chart only when `charted` changes (CHART_MS)
const ChartView = lazyView(() => import('../charts/ChartView').then((m) => m.ChartView));

export const REPLAY_SPEEDS = [1, 2, 5] as const;
/**
 * Frames of the lanes at most this often (the kernel sends a lane every 150 ms; the ghosts move
 * between); race.css glides the runners from one frame to the next. At 20 frames a second the page's
 * thread was twice as busy (races on 2 cores: 10% against 16–17% of a lone workers ×2 lane).
 */
const FRAME_MS = 100;
/**
 * Until the race is over, the loss chart is redrawn at most this often. Redrawn at every update from
 * the kernel, the chart (recharts: SVG, then layout) kept the page's thread busy about 60% of a race on
 * 2 cores, so the lanes, said to have every core, had about 1.4 of them: workers ×2 came out 1.04–1.05×
 * js, and wasm ×2 took 92–161 ms against 63–75 ms in a race of its own (10,000 images).
 */
const CHART_MS = 1000;

/** The page's clock (read in event handlers and frames, never while rendering). */
const clockNow = () => performance.now();

interface Replay { startedAt: number; fromMs: number; speed: number }

export function RaceView({ race }: { race: RaceData }) {
  const t = useT();
  const lang = useLang();
  const [chart, setChart] = useState<RaceChartKind>('time');
  const [speed, setSpeed] = useState<number>(1);
  const [replay, setReplay] = useState<Replay | null>(null);
  const [frame, setFrame] = useState({ since: 0, replayMs: null as number | null });
  const received = useRef(0);
  const running = race.lanes.some((l) => l.status === 'running');
  const length = replayLength(race);

  useEffect(() => { received.current = performance.now(); }, [race]);
  // the race as the chart last drew it (see CHART_MS)
  const [charted, setCharted] = useState(race);
  const chartedAt = useRef(0);
  useEffect(() => {
    const draw = () => {
      chartedAt.current = performance.now();
      setCharted(race);
    };
    const wait = chartedAt.current + CHART_MS - performance.now();
    if (race.finished || wait <= 0) return draw();
    const id = setTimeout(draw, wait);
    return () => clearTimeout(id);
  }, [race]);
  useEffect(() => {
    if (!running && !replay) return;
    let raf = 0, last = -Infinity;
    const tick = (ts: number) => {
      raf = requestAnimationFrame(tick);
      if (ts - last < FRAME_MS) return;
      last = ts;
      const now = performance.now();
      const replayMs = replay ? replay.fromMs + (now - replay.startedAt) * replay.speed : null;
      if (replayMs !== null && replayMs >= length) {
        setReplay(null);
        setFrame({ since: 0, replayMs: null });
        return;
      }
      setFrame({ since: now - received.current, replayMs });
    };
    raf = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(raf);
  }, [running, replay, length]);

  const replayMs = replay ? frame.replayMs ?? replay.fromMs : null;
  const shown = lanesShown(race, frame.since, replayMs);
  const canReplay = race.finished && length > 0;
  const startReplay = () => {
    setReplay(replay ? null : { startedAt: clockNow(), fromMs: 0, speed });
    setFrame({ since: 0, replayMs: replay ? null : 0 });
  };
  const changeSpeed = (s: number) => {
    setSpeed(s);
    // a replay in progress keeps its place and goes on at the new speed
    if (replay) setReplay({ startedAt: clockNow(), fromMs: replayMs ?? 0, speed: s });
  };
  const spec = useMemo(() => raceChartSpec(charted, chart, lang), [charted, chart, lang]);
  const table = race.finished ? raceTable(race, lang) : null;
  const n = race.lanes.length;
  const config = t(race.epochs === 1 ? 'raceConfig_one' : 'raceConfig_other', { samples: raceNumber(lang, race.samples), epochs: race.epochs, batch: race.batchSize });

  return (
    <section className="race-view" data-testid="race" aria-label={t('raceLabel', { lanes: race.lanes.map((l) => l.label).join(', ') })}
      data-concurrent={race.concurrent} data-finished={race.finished} data-replay={replay !== null}>
      {race.concurrent
        ? <p className="race-shared" role="note" data-testid="race-shared"><strong className="race-config">{config}</strong> · {t('raceShared', { n, cores: race.cores })}</p>
        : <p className="race-mode"><strong className="race-config">{config}</strong> · {t('raceOneAtATime')}</p>}
      <ol className="race-lanes">
        {race.lanes.map((l, i) => <RaceLaneRow key={`${i}-${l.label}`} lane={l} shown={shown[i]} />)}
      </ol>
      <div className="race-controls">
        <button type="button" className={replay ? '' : 'primary'} onClick={startReplay} disabled={!canReplay} data-testid="race-replay" aria-pressed={replay !== null}>
          <span aria-hidden="true">{replay ? '■ ' : '▶ '}</span>{replay ? t('raceReplayStop') : t('raceReplay')}
        </button>
        <span className="race-seg" role="group" aria-label={t('raceSpeed')}>
          {REPLAY_SPEEDS.map((s) => (
            <button key={s} type="button" aria-pressed={speed === s} onClick={() => changeSpeed(s)} data-testid={`race-speed-${s}`}>{s}×</button>
          ))}
        </span>
        <span className="race-seg" role="group" aria-label={t('raceChart')}>
          {(['time', 'step'] as const).map((k) => (
            <button key={k} type="button" aria-pressed={chart === k} onClick={() => setChart(k)} data-testid={`race-chart-${k}`}>
              {t(k === 'time' ? 'raceChartTime' : 'raceChartStep')}
            </button>
          ))}
        </span>
      </div>
      {charted.lanes.some((l) => l.points.length > 0) && (
        <div className="race-chart" data-testid={`race-chart-${chart}-view`}>
          <Suspense fallback={<div className="chart-loading" />}><ChartView spec={spec} /></Suspense>
        </div>
      )}
      {table && (
        <table className="out-table data-table race-results" data-testid="race-results">
          <caption>{t('raceResults')}</caption>
          <thead><tr>{table.columns.map((c, j) => <th key={c} scope="col" className={j >= 2 ? 'num' : 'text'}>{c}</th>)}</tr></thead>
          <tbody>{table.rows.map((r, i) => <tr key={i}>{r.map((v, j) => <td key={j} className={j >= 2 ? 'num' : 'text'}>{v}</td>)}</tr>)}</tbody>
        </table>
      )}
    </section>
  );
}
