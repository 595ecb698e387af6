import { useState } from 'react';
import {
  Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ReferenceArea, ResponsiveContainer, Scatter, ScatterChart,
  Tooltip, XAxis, YAxis,
} from 'recharts';
import { useT } from '../../i18n/react';
import type { ChartSpec } from '../../notebook/kernel/protocol';
import { toCsv } from './csv';

const COLORS = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b', '#e377c2', '#17becf', '#7f7f7f', '#bcbd22'];
const HEIGHT = 260;

/** Axis ticks: integers as they are, anything else to three significant digits. */
const tick = (v: number) => (Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(3))));

function Plot({ spec }: { spec: ChartSpec }) {
  const xScale = spec.logX ? 'log' : 'auto';
  const yScale = spec.logY ? 'log' : 'auto';
  switch (spec.type) {
    case 'line':
      return (
        <LineChart data={spec.data} margin={{ top: 8, right: 16, bottom: 16, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey={spec.x} type="number" scale={xScale} domain={['dataMin', 'dataMax']} allowDataOverflow
            allowDecimals={!spec.data.every((d) => Number.isInteger(d[spec.x]))} tickFormatter={tick} label={{ value: spec.xLabel, position: 'insideBottom', offset: -8 }} />
          <YAxis scale={yScale} domain={['auto', 'auto']} tickFormatter={tick} label={{ value: spec.yLabel, angle: -90, position: 'insideLeft' }} />
          <Tooltip />
          <Legend verticalAlign="top" />
          {spec.y.map((k, i) => (
            <Line key={k} dataKey={k} stroke={COLORS[i % COLORS.length]} dot={spec.data.length < 30} isAnimationActive={false}
              strokeDasharray={spec.dashed?.includes(k) ? '6 4' : undefined} connectNulls />
          ))}
        </LineChart>
      );
    case 'bar':
    case 'stackedBar':
      return (
        <BarChart data={spec.data} margin={{ top: 8, right: 16, bottom: 16, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey={spec.x} label={{ value: spec.xLabel, position: 'insideBottom', offset: -8 }} />
          <YAxis scale={yScale} label={{ value: spec.yLabel, angle: -90, position: 'insideLeft' }} />
          <Tooltip />
          <Legend verticalAlign="top" />
          {spec.y.map((k, i) => (
            <Bar key={k} dataKey={k} fill={COLORS[i % COLORS.length]} stackId={spec.type === 'stackedBar' ? 's' : undefined} isAnimationActive={false} />
          ))}
        </BarChart>
      );
    case 'taskStream': {
      const kinds = [...new Set(spec.data.map((d) => String(d.kind)))];
      const workers = spec.data.map((d) => Number(d.worker));
      const maxEnd = Math.max(1, ...spec.data.map((d) => Number(d.end)));
      return (
        <ScatterChart margin={{ top: 8, right: 16, bottom: 16, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis type="number" dataKey="start" domain={[0, maxEnd]} tickFormatter={(v: number) => String(Math.round(v))} label={{ value: spec.xLabel, position: 'insideBottom', offset: -8 }} />
          <YAxis type="number" dataKey="worker" domain={[Math.min(0, ...workers) - 0.5, Math.max(0, ...workers) + 0.5]} allowDecimals={false}
            ticks={[...new Set(workers)].sort((x, y) => x - y)} tickFormatter={(v: number) => (v < 0 ? 'coord.' : String(v))}
            label={{ value: spec.yLabel, angle: -90, position: 'insideLeft' }} />
          <Tooltip />
          <Scatter data={spec.data} fill="transparent" isAnimationActive={false} />
          {spec.data.map((d, i) => (
            <ReferenceArea key={i} x1={Number(d.start)} x2={Math.max(Number(d.end), Number(d.start) + maxEnd / 2000)}
              y1={Number(d.worker) - 0.35} y2={Number(d.worker) + 0.35} fill={COLORS[kinds.indexOf(String(d.kind)) % COLORS.length]} fillOpacity={0.85} ifOverflow="visible" />
          ))}
        </ScatterChart>
      );
    }
  }
}

/** A recharts chart with a data-table view (for screen readers) and Copy CSV. */
export function ChartView({ spec }: { spec: ChartSpec }) {
  const t = useT();
  const [table, setTable] = useState(false);
  const [copied, setCopied] = useState(false);
  const columns = spec.type === 'taskStream' ? ['worker', 'kind', 'shard', 'start', 'end'] : [spec.x, ...spec.y];
  const rows = spec.data.map((d) => columns.map((c) => d[c]));
  const copy = async () => {
    await navigator.clipboard?.writeText(toCsv(columns, rows)).catch(() => undefined);
    setCopied(true);
    setTimeout(() => setCopied(false), 1500);
  };
  return (
    <figure className="chart" data-testid={`chart-${spec.type}`} data-points={spec.data.length} aria-label={spec.title}>
      <figcaption>
        <span className="chart-title">{spec.title}</span>
        <span className="chart-actions">
          <button type="button" onClick={() => setTable((v) => !v)} aria-expanded={table}>{table ? t('hideData') : t('showData')}</button>
          <button type="button" onClick={copy}>{copied ? t('copied') : t('copyCsv')}</button>
        </span>
      </figcaption>
      <div className="chart-plot" aria-hidden="true">
        <ResponsiveContainer width="100%" height={HEIGHT}>
          <Plot spec={spec} />
        </ResponsiveContainer>
      </div>
      {spec.note && <p className="chart-note">{spec.note}</p>}
      {table && (
        <table className="data-table">
          <caption>{spec.title}</caption>
          <thead><tr>{columns.map((c) => <th key={c} scope="col">{c}</th>)}</tr></thead>
          <tbody>{rows.map((r, i) => <tr key={i}>{r.map((v, j) => <td key={j}>{v === undefined ? '' : String(v)}</td>)}</tr>)}</tbody>
        </table>
      )}
    </figure>
  );
}
