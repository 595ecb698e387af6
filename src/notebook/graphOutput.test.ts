// The 'graph' output kind (show.graph): shape-checked like every kind, saved, exported to .ipynb and back.
import { describe, expect, it } from 'vitest';
import { newCell, transitionCell } from './core/cell';
import { knobsFromOptions } from './core/knobs';
import { parseLesson } from './core/lesson';
import { exportIpynb, importIpynb } from './ipynb';
import type { GraphData, Output } from './kernel/protocol';
import { checkedOutput, MAX_GRAPH_NODES } from './outputs';
import { fromStored, toStored } from './savedOutputs';

const graph: GraphData = {
  title: 'Grafo de tareas: 4 tareas, ejecutadas en 2 workers',
  nodes: [{ name: 'load', worker: 0, ms: 2.5 }, { name: 'inc', worker: 0, ms: 301 }, { name: 'dbl', worker: 1, ms: 300.2 }, { name: 'add', worker: 1, ms: 0.4 }],
  edges: [[0, 1], [0, 2], [1, 3], [2, 3]], omitted: 0,
};
const out: Output = { id: 'graph-0', kind: 'graph', graph };

describe('graph output', () => {
  it('is accepted when well formed and refused (as an error output) when not', () => {
    expect(checkedOutput(out, 'x')).toBe(out);
    const bad = [
      { ...graph, edges: [[0, 4]] },
      { ...graph, edges: [[0]] },
      { ...graph, nodes: [{ name: 3 }] },
      { ...graph, nodes: [{ name: 'a', worker: -1 }] },
      { ...graph, nodes: Array.from({ length: MAX_GRAPH_NODES + 1 }, (_, i) => ({ name: `t${i}` })), edges: [] },
      { ...graph, omitted: -1 },
      { ...graph, title: undefined },
    ];
    for (const g of bad) {
      const r = checkedOutput({ id: 'g', kind: 'graph', graph: g }, 'x', 'es');
      expect(r.kind).toBe('error');
      expect(r.kind === 'error' && r.message).toContain('un grafo de tareas necesita como mucho 200 nodos');
    }
  });

  it('is saved with the cell and read back', () => {
    const back = fromStored(toStored({ outputs: [out], count: 1 }, 'tab'), 'es');
    expect(back.outputs).toEqual([out]);
  });

  it('exports to .ipynb as text (tasks, workers, dependencies) and imports back as a graph', () => {
    const lesson = parseLesson('# T\n```js cell\nshow.graph(d);\n```\n', '01-x', 'es');
    let code = newCell(lesson.cells[1], knobsFromOptions({}));
    code = transitionCell(code, { type: 'start', count: 1 });
    code = transitionCell(code, { type: 'output', output: out });
    const nb = exportIpynb(lesson, [newCell(lesson.cells[0], knobsFromOptions({})), code]);
    const text = (nb.cells[1].outputs![0] as { data: Record<string, string> }).data['text/plain'];
    expect(text).toContain('- dbl (worker 1 · 300,2 ms)');
    expect(text).toContain('Dependencias: load → inc; load → dbl; inc → add; dbl → add');
    expect(importIpynb(JSON.stringify(nb), 'x.ipynb').outputs.get(1)!.outputs[0]).toMatchObject({ kind: 'graph', graph });
  });
});
