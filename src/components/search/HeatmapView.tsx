// A search's two-parameter grid as a heatmap: a real table (rows: one parameter, columns: the other)
// whose cells show their value as text and are shaded from the grid's lowest value (light) to its
// highest (dark); the best cell is outlined and marked ★ in words too, so colour is never the only cue.
import { useId } from 'react';
import { useLang, useT } from '../../i18n/react';
import { heatmapCell } from '../../notebook/heatmapShape';
import type { HeatmapData } from '../../notebook/kernel/protocol';
import './heatmap.css';

export function HeatmapView({ data }: { data: HeatmapData }) {
  const t = useT();
  const lang = useLang();
  const captionId = useId();
  const present = data.values.filter((v): v is number => v !== null);
  const lo = Math.min(...present), hi = Math.max(...present);
  const share = (v: number | null) => (v === null ? 0 : hi > lo ? (v - lo) / (hi - lo) : 1);
  const nx = data.xValues.length;
  return (
    <figure className="heatmap-view" data-testid="heatmap">
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
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="heatmap-caption" id={captionId}>{t('search_heatmapCaption')}</p>
    </figure>
  );
}
