import { useId, useMemo, useState, type CSSProperties } from 'react';
import { ResponsiveContainer } from 'recharts';
import { usePalette } from '../../design/useTheme';
import { useLang, useT } from '../../i18n/react';
import type { ChartSpec } from '../../notebook/kernel/protocol';
import './charts.css';
import { toCsv } from './csv';
import { ChartLegend, type LegendEntry } from './Legend';
import { BarPlot, LinePlot, TaskPlot } from './plots';
import { groupStyles, seriesStyles, stackStyles, type AreaStyle } from './seriesStyle';
import { PatternDefs } from './shapes';
import { chartSummary } from './summary';

/**
 * A chart (recharts) with its legend, its axis titles, a text summary of what it shows (the figure's
 * description for screen readers), a data-table view and Copy CSV. Colours come from the theme's
 * palette: one per backend, the same in every chart.
 */
export function ChartView({ spec }: { spec: ChartSpec }) {
  const t = useT();
  const lang = useLang();
  const palette = usePalette();
  const prefix = `chart-${useId().replace(/[^A-Za-z0-9_-]/g, '')}`;
  const summaryId = `${prefix}-summary`;
  const [table, setTable] = useState(false);
  const [copied, setCopied] = useState(false);
  const summary = useMemo(() => chartSummary(spec, lang), [spec, lang]);

  const columns = spec.type === 'taskStream' ? ['worker', 'kind', 'shard', 'start', 'end'] : [spec.x, ...spec.y, ...(spec.columns ?? []).filter((c) => c !== spec.x && !spec.y.includes(c))];
  const rows = spec.data.map((d) => columns.map((c) => d[c]));
  const copy = async () => {
    await navigator.clipboard?.writeText(toCsv(columns, rows)).catch(() => undefined);
    setCopied(true);
    setTimeout(() => setCopied(false), 1500);
  };

  const kinds = spec.type === 'taskStream' ? [...new Set(spec.data.map((d) => String(d.kind)))] : [];
  const lines = spec.type === 'line' ? seriesStyles(spec.y, palette, spec.dashed) : [];
  const areas: AreaStyle[] = spec.type === 'stackedBar' ? stackStyles(spec.y.length, palette)
    : spec.type === 'bar' && spec.y.length > 1 ? groupStyles(spec.y, palette)
      : spec.type === 'taskStream' ? groupStyles(kinds, palette) : [];
  const legend: LegendEntry[] = spec.type === 'line'
    ? (spec.y.length > 1 ? spec.y.map((label, i) => ({ label, line: lines[i] })) : [])
    : (spec.type === 'taskStream' ? kinds : areas.length ? spec.y : []).map((label, i) => ({ label, area: areas[i], patternId: `${prefix}-key-${i}` }));

  const axisTitle = (label: string | undefined, key: string, log: boolean | undefined) =>
    log ? t('chartLogAxis', { title: label ?? key }) : label;
  const yTitle = axisTitle(spec.yLabel, spec.y.join(', '), spec.logY);
  const xTitle = axisTitle(spec.xLabel, spec.x, spec.logX);
  const plotProps = { spec, palette, lang, prefix };
  const vars = {
    '--chart-surface': palette.surface, '--chart-fg': palette.text, '--chart-muted': palette.muted,
    '--chart-line': palette.line, '--chart-accent': palette.accent,
  } as CSSProperties;

  return (
    <figure className="chart" data-testid={`chart-${spec.type}`} data-points={spec.data.length} aria-label={spec.title} aria-describedby={summaryId} style={vars}>
      <figcaption>
        <span className="chart-title">{spec.title}</span>
        <span className="chart-actions">
          <button type="button" onClick={() => setTable((v) => !v)} aria-expanded={table}>{table ? t('hideData') : t('showData')}</button>
          <button type="button" onClick={copy}>{copied ? t('copied') : t('copyCsv')}</button>
        </span>
      </figcaption>
      {/* the legend's own copy of the hatch patterns (the plot's are inside its SVG) */}
      <svg className="chart-defs" width="0" height="0" aria-hidden="true" focusable="false"><PatternDefs styles={areas} prefix={`${prefix}-key`} /></svg>
      <ChartLegend entries={legend} />
      {yTitle && <div className="chart-ytitle" data-testid="chart-ytitle">{yTitle}</div>}
      <div className="chart-plot">
        {/* the plot's height is .chart-plot's (charts.css: 260px; taller in presentation mode) */}
        <ResponsiveContainer width="100%" height="100%">
          {spec.type === 'line' ? <LinePlot {...plotProps} styles={lines} />
            : spec.type === 'taskStream' ? <TaskPlot {...plotProps} kinds={kinds} areas={areas} coordinator={t('chartCoordinator')} />
              : <BarPlot {...plotProps} areas={areas} />}
        </ResponsiveContainer>
      </div>
      {xTitle && <div className="chart-xtitle">{xTitle}</div>}
      <p id={summaryId} className="chart-summary" data-testid="chart-summary">{summary}</p>
      {spec.note && <p className="chart-note">{spec.note}</p>}
      {table && (
        <div className="chart-table">
          <table className="data-table">
            <caption>{spec.title}</caption>
            <thead><tr>{columns.map((c) => <th key={c} scope="col">{c}</th>)}</tr></thead>
            <tbody>{rows.map((r, i) => <tr key={i}>{r.map((v, j) => <td key={j}>{v === undefined ? '' : String(v)}</td>)}</tr>)}</tbody>
          </table>
        </div>
      )}
    </figure>
  );
}
