// show.graph's layout: a layered drawing, left to right. A node's layer is the longest path from a
// task with no inputs to it (so every edge goes rightwards); within a layer, nodes keep the order the
// cell made them. Enough for the graphs a lesson draws (tens of tasks); no crossing minimisation.
import { t, type Lang } from '../../i18n';
import type { GraphData } from '../kernel/protocol';

export interface GraphPlace { layer: number; row: number }

/** Each node's layer and row; edges [from, to] index the nodes (out-of-range edges are ignored; a cycle, impossible for delayed, is broken by order). */
export function layeredLayout(n: number, edges: readonly (readonly [number, number])[]): { places: GraphPlace[]; layers: number; rows: number } {
  const inputs: number[][] = Array.from({ length: n }, () => []);
  for (const [a, b] of edges) if (a >= 0 && a < n && b >= 0 && b < n && a !== b) inputs[b].push(a);
  const layer = new Array<number>(n).fill(-1);
  const onStack = new Array<boolean>(n).fill(false);
  const depth = (i: number): number => {
    if (layer[i] >= 0) return layer[i];
    if (onStack[i]) return 0;
    onStack[i] = true;
    let l = 0;
    for (const a of inputs[i]) l = Math.max(l, depth(a) + 1);
    onStack[i] = false;
    return (layer[i] = l);
  };
  for (let i = 0; i < n; i++) depth(i);
  const perLayer: number[] = [];
  const places = layer.map((l) => {
    perLayer[l] = (perLayer[l] ?? 0) + 1;
    return { layer: l, row: perLayer[l] - 1 };
  });
  return { places, layers: perLayer.length, rows: Math.max(0, ...perLayer) };
}

/** The graph in words (the .ipynb export's text): its title, each task with where it ran, and each dependency. */
export function graphText(g: GraphData, lang: Lang): string {
  const ms = new Intl.NumberFormat(lang === 'es' ? 'es-ES' : 'en-US', { maximumFractionDigits: 1 });
  const lines = [g.title, ...g.nodes.map((n) => `- ${n.name}${n.persisted && n.worker !== undefined ? ` (${t(lang, 'tasksGraphPersisted', { w: n.worker })})`
    : n.worker !== undefined && n.ms !== undefined ? ` (${t(lang, 'tasksGraphOnWorker', { w: n.worker, ms: ms.format(n.ms) })})` : ''}`)];
  lines.push(g.edges.length ? `${t(lang, 'tasksGraphEdges')}: ${g.edges.map(([a, b]) => t(lang, 'tasksGraphEdgeText', { from: g.nodes[a]?.name ?? '?', to: g.nodes[b]?.name ?? '?' })).join('; ')}` : t(lang, 'tasksGraphNoEdges'));
  if (g.omitted > 0) lines.push(t(lang, 'tasksGraphLeftOut', { n: new Intl.NumberFormat(lang).format(g.omitted), max: g.nodes.length }));
  return lines.join('\n');
}
