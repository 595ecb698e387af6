// The Race page (#/es/race): the instructor picks the lanes, the size of the run and the order, then
// Start / Stop; the page writes one show.race cell and runs it in the kernel like any lesson cell (the
// same code path), and shows its outputs. The cell itself is shown on request.
import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { TRAIN_OPTIONS } from '../../train/config';
import type { BackendName } from '../../backends/types';
import { BACKEND_MARKER } from '../../design/tokens';
import { usePalette } from '../../design/useTheme';
import type { Lang } from '../../i18n';
import { backendText } from '../../i18n/backendText';
import { useT } from '../../i18n/react';
import { knobsFromOptions } from '../../notebook/core/knobs';
import { Notebook, type Kernel } from '../../notebook/core/notebook';
import type { BackendSupport } from '../../notebook/kernel/protocol';
import { laneLabel, type LaneSpec } from '../../notebook/kernel/raceLanes';
import { raceNumber } from '../../notebook/raceResults';
import { Marker } from '../charts/shapes';
import { OutputView } from '../cell/OutputView';
import './race.css';

/** The lanes the page offers, in order: one per variant an instructor would show. */
export const PAGE_LANES: readonly { id: string; spec: LaneSpec }[] = [
  { id: 'js', spec: { backend: 'js' } },
  { id: 'workers-1', spec: { backend: 'workers', workers: 1 } },
  { id: 'workers-2', spec: { backend: 'workers', workers: 2 } },
  { id: 'workers-4', spec: { backend: 'workers', workers: 4 } },
  { id: 'wasm-1', spec: { backend: 'wasm', threads: 1 } },
  { id: 'wasm-2', spec: { backend: 'wasm', threads: 2 } },
  { id: 'webgpu-resident', spec: { backend: 'webgpu', mode: 'resident' } },
  { id: 'webgpu-naive', spec: { backend: 'webgpu', mode: 'naive' } },
];
const DEFAULT_PICKS = ['js', 'workers-2', 'wasm-2', 'webgpu-resident'];
const SAMPLES = [1000, 2000, 5000, 10000, 20000, 60000];
const EPOCHS = [1, 2, 3, 5];
const BATCHES = [32, 64, 128, 256];

export interface RaceSettings { picks: string[]; samples: number; epochs: number; batchSize: number; concurrent: boolean }

/** The cell the page runs for `s`. */
export function raceSource(s: RaceSettings): string {
  const lanes = PAGE_LANES.filter((l) => s.picks.includes(l.id)).map((l) => `    ${JSON.stringify(l.spec).replace(/"(\w+)":/g, '$1: ').replace(/"/g, "'").replace(/,/g, ', ')},`);
  return [
    'const raceRuns = await show.race({',
    '  lanes: [',
    ...lanes,
    '  ],',
    `  concurrent: ${s.concurrent},`,
    `  samples: ${s.samples}, epochs: ${s.epochs}, batchSize: ${s.batchSize},`,
    '});',
  ].join('\n');
}

/** One notebook per language for the page, kept while the app lives: its race is still there after a visit to a lesson. */
const notebooks = new Map<string, Notebook>();
function pageNotebook(lang: Lang, kernel: Kernel, title: string): Notebook {
  const key = `${lang}`;
  let nb = notebooks.get(key);
  if (!nb) {
    nb = new Notebook({ key: 'race', slug: 'race', lang, title, cells: [{ index: 0, kind: 'code', source: '', options: {} }] }, kernel, lang, { saveCell: () => undefined });
    notebooks.set(key, nb);
  }
  return nb;
}

interface Props {
  lang: Lang;
  kernel: Kernel;
  support: Partial<BackendSupport>;
  /** stops whatever else runs in the kernel (a lesson's cell) before the race starts */
  beforeRun: () => Promise<void>;
}

export function RacePage({ lang, kernel, support, beforeRun }: Props) {
  const t = useT();
  const palette = usePalette();
  const nb = useMemo(() => pageNotebook(lang, kernel, t('racePageTitle')), [lang, kernel, t]);
  const state = useSyncExternalStore(nb.subscribe, nb.getSnapshot);
  const cell = state.cells[0];
  const busy = cell.status !== 'idle';
  const [s, setS] = useState<RaceSettings>(() => ({
    picks: DEFAULT_PICKS, samples: Math.min(10000, knobsFromOptions({}).samples), epochs: 1, batchSize: 128, concurrent: false,
  }));
  const [preparing, setPreparing] = useState(false);
  const source = raceSource(s);
  // leaving the page stops its race (the kernel runs one cell at a time); what ran stays
  useEffect(() => () => { void nb.stop(); }, [nb]);

  const supported = (b: BackendName) => support[b] === undefined || support[b] === true;
  const picks = s.picks.filter((id) => supported(PAGE_LANES.find((l) => l.id === id)!.spec.backend));
  const start = async () => {
    setPreparing(true);
    await beforeRun();
    setPreparing(false);
    nb.edit(0, raceSource({ ...s, picks }));
    nb.run(0);
  };
  const toggle = (id: string) => setS((x) => ({ ...x, picks: x.picks.includes(id) ? x.picks.filter((p) => p !== id) : [...x.picks, id] }));
  const select = (key: 'samples' | 'epochs' | 'batchSize', options: number[]) => (
    <label className="race-field">
      <span>{t(key)}</span>
      <select value={s[key]} disabled={busy} onChange={(e) => setS((x) => ({ ...x, [key]: Number(e.target.value) }))} data-testid={`race-${key}`}>
        {[...new Set([...options, s[key]])].sort((a, b) => a - b).filter((v) => v <= TRAIN_OPTIONS[key].max).map((v) => <option key={v} value={v}>{raceNumber(lang, v)}</option>)}
      </select>
    </label>
  );

  return (
    <div className="race-page" data-testid="race-page">
      <h1>{t('racePageTitle')}</h1>
      <p className="race-lede">{t('racePageLede')}</p>
      <form className="race-form" onSubmit={(e) => { e.preventDefault(); if (!busy && picks.length) void start(); }}>
        <fieldset disabled={busy}>
          <legend>{t('raceLanes')}</legend>
          <div className="race-picks">
            {(['js', 'workers', 'wasm', 'webgpu'] as const).map((b) => (
              <div key={b} className="race-pick-col">
                {PAGE_LANES.filter((l) => l.spec.backend === b).map((l) => {
                  const why = support[b];
                  return (
                    <label key={l.id} className="race-pick" data-unsupported={!supported(b) || undefined} title={why && why !== true ? backendText(lang, why) : undefined}>
                      <input type="checkbox" checked={s.picks.includes(l.id) && supported(b)} disabled={!supported(b)} onChange={() => toggle(l.id)} data-testid={`race-pick-${l.id}`} />
                      <svg width="14" height="14" viewBox="0 0 14 14" aria-hidden="true" focusable="false"><Marker shape={BACKEND_MARKER[b]} cx={7} cy={7} r={5} color={palette.backend[b]} /></svg>
                      <span>{laneLabel(b, l.spec)}</span>
                    </label>
                  );
                })}
              </div>
            ))}
            {(['workers', 'wasm', 'webgpu'] as const).filter((b) => !supported(b)).map((b) => (
              <p key={b} className="race-why">{b}: {backendText(lang, support[b] as Exclude<BackendSupport[BackendName], true>)}</p>
            ))}
          </div>
        </fieldset>
        <fieldset disabled={busy}>
          <legend>{t('raceRun')}</legend>
          {select('samples', SAMPLES)}
          {select('epochs', EPOCHS)}
          {select('batchSize', BATCHES)}
        </fieldset>
        <fieldset disabled={busy}>
          <legend>{t('raceOrder')}</legend>
          {([false, true] as const).map((c) => (
            <label key={String(c)} className="race-radio">
              <input type="radio" name="race-order" checked={s.concurrent === c} onChange={() => setS((x) => ({ ...x, concurrent: c }))} data-testid={`race-order-${c ? 'all' : 'one'}`} />
              <span>{t(c ? 'raceOrderAll' : 'raceOrderOne')}<small>{t(c ? 'raceOrderAllHint' : 'raceOrderOneHint')}</small></span>
            </label>
          ))}
        </fieldset>
      </form>
      <div className="race-actions">
        <button type="button" className="primary" disabled={busy || preparing || picks.length === 0} onClick={() => void start()} data-testid="race-start">
          <span aria-hidden="true">▶ </span>{t('raceStart')}
        </button>
        <button type="button" disabled={!busy || state.stopping} onClick={() => void nb.stop()} data-testid="race-stop">
          <span aria-hidden="true">■ </span>{t('raceStop')}
        </button>
        {picks.length === 0 && <span className="race-hint" role="status">{t('raceNoLanes')}</span>}
        {preparing && <span className="race-hint" role="status">{t('raceBusy')}</span>}
      </div>
      <div className="race-output" data-testid="race-output" data-status={cell.status}>
        {cell.outputs.map((o) => <OutputView key={o.id} output={o} />)}
      </div>
      <details className="race-code">
        <summary>{t('raceCode')}</summary>
        <pre data-testid="race-source"><code>{busy ? cell.source : source}</code></pre>
      </details>
    </div>
  );
}
