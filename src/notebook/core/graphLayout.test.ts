import { describe, expect, it } from 'vitest';
import { graphText, layeredLayout } from './graphLayout';

describe('layeredLayout', () => {
  it('puts each node one layer after its deepest input, rows in order', () => {
    // a diamond: a → b, a → c, (b, c) → d, and e → d
    const { places, layers, rows } = layeredLayout(5, [[0, 1], [0, 2], [1, 3], [2, 3], [4, 3]]);
    expect(places).toEqual([{ layer: 0, row: 0 }, { layer: 1, row: 0 }, { layer: 1, row: 1 }, { layer: 2, row: 0 }, { layer: 0, row: 1 }]);
    expect([layers, rows]).toEqual([3, 2]);
  });

  it('a chain takes as many layers as tasks; independent tasks share layer 0', () => {
    expect(layeredLayout(4, [[0, 1], [1, 2], [2, 3]]).layers).toBe(4);
    expect(layeredLayout(3, []).places.map((p) => p.layer)).toEqual([0, 0, 0]);
  });

  it('ignores edges to missing nodes and survives a cycle', () => {
    expect(layeredLayout(2, [[0, 5], [-1, 1]]).layers).toBe(1);
    expect(layeredLayout(2, [[0, 1], [1, 0]]).places).toHaveLength(2);
  });
});

describe('graphText', () => {
  it('says each task, where it ran and each dependency, in the language', () => {
    const g = { title: 'Grafo', nodes: [{ name: 'a', worker: 0, ms: 1234.5 }, { name: 'b' }, { name: 'p', worker: 1, persisted: true }], edges: [[0, 1]] as [number, number][], omitted: 3 };
    const es = graphText(g, 'es');
    expect(es).toContain('- a (worker 0 · 1234,5 ms)');
    expect(es).toContain('- b\n');
    expect(es).toContain('guardado en el worker 1');
    expect(es).toContain('Dependencias: a → b');
    expect(es).toContain('Otras 3 tareas');
    expect(graphText({ ...g, edges: [] }, 'en')).toContain('no dependencies');
  });
});
