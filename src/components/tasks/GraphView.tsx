// show.graph: a task graph drawn in layers, left to right (src/notebook/core/graphLayout.ts): each
// task a box with its name; after compute, a coloured edge per worker AND the worker number and the
// task's time in text (never the colour alone). Arrows go from an input to the task that reads it.
// The picture has a text equivalent: its title and every dependency, in words.
import { useId } from 'react';
import { usePalette } from '../../design/useTheme';
import { useLang, useT } from '../../i18n/react';
import { layeredLayout } from '../../notebook/core/graphLayout';
import type { GraphData } from '../../notebook/kernel/protocol';
import './graph.css';

const W = 148, H = 46, GAP_X = 56, GAP_Y = 16, PAD = 8;

export function GraphView({ graph }: { graph: GraphData }) {
  const t = useT();
  const lang = useLang();
  const palette = usePalette();
  const marker = `${useId().replace(/:/g, '')}-arrow`;
  const { places, layers, rows } = layeredLayout(graph.nodes.length, graph.edges);
  const width = PAD * 2 + layers * W + Math.max(0, layers - 1) * GAP_X;
  const height = PAD * 2 + rows * H + Math.max(0, rows - 1) * GAP_Y;
  const x = (i: number) => PAD + places[i].layer * (W + GAP_X);
  const y = (i: number) => PAD + places[i].row * (H + GAP_Y);
  const ms = new Intl.NumberFormat(lang === 'es' ? 'es-ES' : 'en-US', { maximumFractionDigits: 1 });
  const detail = (i: number) => {
    const n = graph.nodes[i];
    if (n.persisted && n.worker !== undefined) return t('tasksGraphPersisted', { w: n.worker });
    if (n.worker !== undefined && n.ms !== undefined) return t('tasksGraphOnWorker', { w: n.worker, ms: ms.format(n.ms) });
    return t('tasksGraphWaiting');
  };
  const edgesText = graph.edges.length
    ? `${t('tasksGraphEdges')}: ${graph.edges.map(([a, b]) => t('tasksGraphEdgeText', { from: graph.nodes[a]?.name ?? '?', to: graph.nodes[b]?.name ?? '?' })).join('; ')}`
    : t('tasksGraphNoEdges');
  const label = t('tasksGraphSummary', { title: graph.title, edges: edgesText });
  return (
    <figure className="task-graph" data-testid="task-graph" data-nodes={graph.nodes.length} data-edges={graph.edges.length}>
      <figcaption className="task-graph-title">{graph.title}</figcaption>
      <div className="task-graph-scroll" tabIndex={0} role="group" aria-label={graph.title}>
        <svg width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-label={label}>
          <defs>
            <marker id={marker} viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
              <path d="M 0 0 L 10 5 L 0 10 z" fill={palette.muted} />
            </marker>
          </defs>
          {graph.edges.map(([a, b], k) => {
            if (!places[a] || !places[b]) return null;
            const x1 = x(a) + W, y1 = y(a) + H / 2, x2 = x(b) - 2, y2 = y(b) + H / 2, mid = (x1 + x2) / 2;
            return <path key={k} className="task-graph-edge" d={`M ${x1} ${y1} C ${mid} ${y1}, ${mid} ${y2}, ${x2} ${y2}`} stroke={palette.muted} fill="none" markerEnd={`url(#${marker})`} />;
          })}
          {graph.nodes.map((n, i) => {
            const color = n.worker !== undefined ? palette.series[n.worker % palette.series.length] : palette.line;
            return (
              <g key={i} className="task-graph-node" data-testid="task-graph-node" data-worker={n.worker ?? ''} transform={`translate(${x(i)} ${y(i)})`}>
                <title>{`${n.name} — ${detail(i)}`}</title>
                <rect width={W} height={H} rx={6} fill={palette.surface} stroke={color} strokeWidth={n.worker !== undefined ? 2.5 : 1.5} strokeDasharray={n.persisted ? '5 3' : undefined} />
                {n.worker !== undefined && <rect width={6} height={H} rx={2} fill={color} />}
                <text x={14} y={19} className="task-graph-name" fill={palette.text}>{n.name.length > 18 ? `${n.name.slice(0, 17)}…` : n.name}</text>
                <text x={14} y={36} className="task-graph-detail" fill={palette.muted}>{detail(i)}</text>
              </g>
            );
          })}
        </svg>
      </div>
      {graph.omitted > 0 && <p className="task-graph-note">{t('tasksGraphLeftOut', { n: new Intl.NumberFormat(lang).format(graph.omitted), max: graph.nodes.length })}</p>}
    </figure>
  );
}
