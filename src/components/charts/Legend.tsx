// The chart's legend, in HTML above the plot: each entry is its label in the body text colour (full
// contrast in both themes) beside a swatch drawn like the series itself: its line with its dash and
// marker, or its bar's fill and hatch. Colour is never the only cue, and the entries wrap on a phone.
import { areaFill, Marker } from './shapes';
import type { AreaStyle, SeriesStyle } from './seriesStyle';

export type LegendEntry =
  | { label: string; line: SeriesStyle }
  | { label: string; area: AreaStyle; patternId: string };

const W = 30, H = 14;

function Swatch({ entry }: { entry: LegendEntry }) {
  return (
    <svg width={W} height={H} viewBox={`0 0 ${W} ${H}`} aria-hidden="true" focusable="false">
      {'line' in entry ? (
        <>
          <line x1={1} y1={H / 2} x2={W - 1} y2={H / 2} stroke={entry.line.color} strokeWidth={2.5} strokeDasharray={entry.line.dash} />
          <Marker shape={entry.line.marker} cx={W / 2} cy={H / 2} r={4} color={entry.line.color} />
        </>
      ) : (
        <rect x={1} y={1} width={W - 2} height={H - 2} fill={areaFill(entry.area, entry.patternId)} stroke={entry.area.ink === entry.area.fill ? undefined : entry.area.ink} strokeWidth={1} />
      )}
    </svg>
  );
}

export function ChartLegend({ entries }: { entries: readonly LegendEntry[] }) {
  if (!entries.length) return null;
  return (
    <ul className="chart-legend" data-testid="chart-legend">
      {entries.map((e) => (
        <li key={e.label} className="chart-legend-item">
          <Swatch entry={e} />
          <span className="chart-legend-text">{e.label}</span>
        </li>
      ))}
    </ul>
  );
}
