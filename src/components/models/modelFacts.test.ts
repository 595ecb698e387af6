import { describe, expect, it } from 'vitest';
import { makeSpec } from '../../mlp/spec';
import type { ModelMeta } from '../../models/model';
import { factsOf, fileNameFor, uniqueName } from './modelFacts';

const meta = (o: Partial<ModelMeta> = {}): ModelMeta => ({ label: 'batch 64', backend: 'wasm', accuracy: 0.97123, samples: 60000, epochs: 3, batchSize: 64, learningRate: 0.1, seed: 1, createdAt: Date.UTC(2026, 10, 26, 3, 20), ...o });

describe('model facts', () => {
  it('says the run, the backend, the accuracy in the language\'s format and the shape', () => {
    expect(factsOf('en', meta(), makeSpec(128))).toMatch(/^batch 64 · trained on wasm · test accuracy 97\.1% · 784 → 128 → 10 · Nov 26, 2026/);
    expect(factsOf('es', meta(), makeSpec(64))).toMatch(/^batch 64 · entrenado en wasm · exactitud en test 97,1\s%\s· 784 → 64 → 10 · 26 nov 2026/);
  });

  it('does not repeat a label that is the backend\'s name, and says when accuracy was not measured', () => {
    expect(factsOf('en', meta({ label: 'js', backend: 'js', accuracy: NaN, createdAt: 0 }), makeSpec(16))).toBe('Trained on js · test accuracy not measured · 784 → 16 → 10');
  });

  it('makes a file name a file system takes, and a free name for a second upload', () => {
    expect(fileNameFor('mine')).toBe('mine.paralelo-model');
    expect(fileNameFor('a/b: "c"?')).toBe('a_b_ _c_.paralelo-model');
    expect(fileNameFor('///')).toBe('_.paralelo-model');
    expect(uniqueName('mine', new Set())).toBe('mine');
    expect(uniqueName('mine', new Set(['mine', 'mine (2)']))).toBe('mine (3)');
    expect(uniqueName('  ', new Set())).toBe('model');
  });
});
