// A search's two-parameter grid as a heatmap: a real table (rows: one parameter, columns: the other)
// whose cells show their value as text and are shaded from the grid's lowest value (light) to its
// highest (dark); the best cell is outlined and marked ★ in words too, so colour is never the only cue.
// With a random search on the same axes, its trials are drawn over the grid as ◆ and their number,
// each inside the cell it is nearest and offset toward the values it lies between; a table under
// the grid lists them (the same words a screen reader gets), so neither place nor colour is needed.
import { useId } from 'react';
import { useLang, useT } from '../../i18n/react';
import { heatmapCell, heatmapPointsTable, pointPlace } from '../../notebook/heatmapShape';
import type { HeatmapData } from '../../notebook/kernel/protocol';
import './heatmap.css';

/** Two trials that land on top of each other in one cell: the later one moves right (or left, at the edge) until both read. */
function spread<P extends { row: number; col: number; left: number; top: number }>(points: P[]): P[] {
  const placed: P[] = [];
  for (const q of points) {
    const p = { ...q };
    const clash = () => placed.some((o) => o.row === p.row && o.col === p.col && Math.abs(o.left - p.left) < 0.3 && Math.abs(o.top - p.top) < 0.35);
    for (let tries = 0; tries < 4 && clash(); tries++) p.left = p.left + 0.3 <= 1 ? p.left + 0.3 : Math.max(0, p.left - 0.6);
    placed.push(p);
  }
  return placed;
}

export function HeatmapView({ data }: { data: HeatmapData }) {
  const t = useT();
  const lang = useLang();
  const captionId = useId();
  const present = data.values.filter((v): v is number => v !== null);
  const lo = Math.min(...present), hi = Math.max(...present);
  const share = (v: number | null) => (v === null ? 0 : hi > lo ? (v - lo) / (hi - lo) : 1);
  const nx = data.xValues.length, ny = data.yValues.length;
  const points = spread((data.points ?? []).map((p, i) => ({ p, i, ...pointPlace(p, nx, ny) })));
  const list = points.length ? heatmapPointsTable(data, lang) : null;
  return (
    <figure className={`heatmap-view${points.length ? ' with-points' : ''}`} data-testid="heatmap">
      <figcaption className="heatmap-title">{data.title}</figcaption>
      <div className="heatmap-scroll">
        <table className="heatmap-grid" aria-describedby={captionId}>
          <thead>
            <tr>
              <th scope="col" className="heatmap-axis">{data.yLabel} ↓ · {data.xLabel} →</th>
              {data.xValues.map((x) => <th scope="col" key={x}>{x}</th>)}
            </tr>
          </thead>
          <tbody>
            {data.yValues.map((y, r) => (
              <tr key={y}>
                <th scope="row">{y}</th>
                {data.xValues.map((x, c) => {
                  const i = r * nx + c;
                  const best = i === data.best;
                  return (
                    <td key={x} data-testid="heatmap-cell" className={`heatmap-cell${best ? ' best' : ''}${data.values[i] === null ? ' empty' : ''}`}
                      style={{ '--share': share(data.values[i]) } as React.CSSProperties}>
                      {heatmapCell(data.values[i], lang)}{best && <span className="heatmap-best"> {t('search_bestMark')}</span>}
                      {points.length > 0 && (
                        <span className="heatmap-point-band">
                          {points.filter((q) => q.row === r && q.col === c).map((q) => (
                            <span key={q.i} className="heatmap-point" data-testid="heatmap-point" aria-hidden="true"
                              title={t('heatmapPointLabel', { i: q.i + 1, x: `${data.xLabel} ${q.p.xText}`, y: `${data.yLabel} ${q.p.yText}`, acc: heatmapCell(q.p.value, lang) })}
                              style={{ left: `${q.left * 100}%`, top: `${q.top * 100}%` }}>◆{q.i + 1}</span>
                          ))}
                        </span>
                      )}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="heatmap-caption" id={captionId}>{t('search_heatmapCaption')}</p>
      {list && (
        <table className="heatmap-points" data-testid="heatmap-points">
          <caption>{data.pointsTitle}</caption>
          <thead><tr>{list.columns.map((c) => <th scope="col" key={c}>{c}</th>)}</tr></thead>
          <tbody>{list.rows.map((row, i) => <tr key={i}>{row.map((v, j) => (j === 0 ? <th scope="row" key={j}>{v}</th> : <td key={j}>{v}</td>))}</tr>)}</tbody>
        </table>
      )}
    </figure>
  );
}
