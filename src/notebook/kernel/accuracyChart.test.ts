import { describe, expect, it } from 'vitest';
import { accuracyChart } from './charts';

describe('accuracyChart (show.losses with evaluations)', () => {
  it('is absent when no run evaluated each epoch (show.losses looks as before)', () => {
    expect(accuracyChart('en', [{ label: 'js' }, { label: 'wasm', evaluations: [] }])).toBeNull();
  });

  it('has one accuracy column per evaluated run, in %, one row per epoch from 1', () => {
    const spec = accuracyChart('es', [
      { label: 'js', evaluations: [{ epoch: 0, accuracy: 0.91234 }, { epoch: 1, accuracy: 0.935 }] },
      { label: 'sin', evaluations: [] },
      { label: 'wasm', evaluations: [{ epoch: 0, accuracy: 0.9 }, { epoch: 1, accuracy: 0.95 }] },
    ])!;
    expect(spec.y).toEqual(['js', 'wasm']);
    expect(spec.x).toBe('epoch');
    expect(spec.unit).toBe('%');
    expect(spec.data).toEqual([{ epoch: 1, js: 91.23, wasm: 90 }, { epoch: 2, js: 93.5, wasm: 95 }]);
    expect(spec.title).toBe('Exactitud en prueba tras cada época');
    expect(spec.note).toMatch(/fuera del tiempo de la época/);
  });
});
