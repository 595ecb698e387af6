// A race's results as a table (lane, what ran, ms/epoch, total, speedup over js, accuracy, max |Δloss|
// to js), in the student's language: shown under the race and written into an exported .ipynb.
import { t, type Lang } from '../i18n';
import type { RaceData } from './kernel/protocol';

export interface RaceTable { columns: string[]; rows: string[][] }

const DASH = '—';

/** Numbers in the language's own form ("1.234,5" / "1,234.5"). */
export function raceNumber(lang: Lang, v: number, digits = 0): string {
  return v.toLocaleString(lang, { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

export function percent(lang: Lang, v: number): string {
  return v.toLocaleString(lang, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });
}

/** A loss difference: 0 as "0", tiny ones in scientific notation ("3,1e-7"). */
export function lossDelta(lang: Lang, v: number): string {
  if (v === 0) return '0';
  return v.toLocaleString(lang, { notation: 'scientific', maximumFractionDigits: 1 }).replace('E', 'e');
}

/** The speedup of each finished lane over the js lane (by ms per epoch); null without a finished js lane. */
export function speedups(race: RaceData): (number | null)[] {
  const js = race.lanes.find((l) => l.backend === 'js' && l.status === 'done' && l.msPerEpoch);
  return race.lanes.map((l) => (js?.msPerEpoch && l.status === 'done' && l.msPerEpoch ? js.msPerEpoch / l.msPerEpoch : null));
}

export function raceTable(race: RaceData, lang: Lang): RaceTable {
  const columns = ['raceColLane', 'raceColVariant', 'raceColMsEpoch', 'raceColTotal', 'raceColSpeedup', 'raceColAccuracy', 'raceColDelta'] as const;
  const up = speedups(race);
  const rows = race.lanes.map((l, i) => {
    if (l.status !== 'done') return [l.label, l.variant || DASH, l.status === 'failed' ? t(lang, 'raceStatus_failed') : t(lang, 'raceNotRun'), DASH, DASH, DASH, DASH];
    const s = up[i];
    return [
      l.label, l.variant,
      l.msPerEpoch !== undefined ? raceNumber(lang, l.msPerEpoch) : DASH,
      l.totalMs !== undefined ? raceNumber(lang, l.totalMs / 1000, 2) : DASH,
      s !== null ? `${raceNumber(lang, s, 2)}×` : DASH,
      l.accuracy !== undefined ? percent(lang, l.accuracy) : DASH,
      l.maxDelta !== undefined ? lossDelta(lang, l.maxDelta) : DASH,
    ];
  });
  return { columns: columns.map((c) => t(lang, c)), rows };
}
