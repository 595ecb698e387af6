// The race's two loss charts as chart specs (drawn by ChartView): loss against wall-clock time, which
// makes speed visible, and loss against step, where equal curves show that every lane computed the
// same thing.
import { t, type Lang } from '../../i18n';
import type { ChartSpec, RaceData } from '../../notebook/kernel/protocol';

export type RaceChartKind = 'time' | 'step';

export function raceChartSpec(race: RaceData, kind: RaceChartKind, lang: Lang): ChartSpec {
  const lanes = race.lanes.filter((l) => l.points.length > 0);
  const x = kind === 'time' ? 's' : 'step';
  const rows = new Map<number, Record<string, number>>();
  for (const l of lanes) {
    for (const p of l.points) {
      // time in seconds (ms precision); one row per distinct x, each lane's loss in its own column
      const k = kind === 'time' ? Math.round(p.t) / 1000 : p.step;
      const row = rows.get(k) ?? { [x]: k };
      row[l.label] = p.loss;
      rows.set(k, row);
    }
  }
  return {
    type: 'line', x, y: lanes.map((l) => l.label), data: [...rows.values()].sort((a, b) => a[x] - b[x]),
    title: t(lang, kind === 'time' ? 'raceChartTimeTitle' : 'raceChartStepTitle'),
    xLabel: t(lang, kind === 'time' ? 'raceTimeAxis' : 'raceStepAxis'), yLabel: t(lang, 'loss'),
  };
}
