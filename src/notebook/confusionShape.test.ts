// The confusion and predictions outputs through a save budget and a .ipynb round trip.
import { describe, expect, it } from 'vitest';
import { newCell, transitionCell } from './core/cell';
import { knobsFromOptions } from './core/knobs';
import { parseLesson } from './core/lesson';
import { exportIpynb, importIpynb } from './ipynb';
import { confusionOutput, predictionsOutput } from './kernel/mistakes';
import type { Output } from './kernel/protocol';
import { outputBytes } from './savedOutputs';

// a whole MNIST-sized test set: 10,000 labels, a network right on 9 of 10
const N = 10_000;
const labels = Uint8Array.from({ length: N }, (_, i) => i % 10);
const preds = Uint8Array.from(labels, (l, i) => (i % 10 === 3 ? (l + 1) % 10 : l));
const probs = new Float32Array(N * 10);
preds.forEach((p, i) => { probs[i * 10 + p] = 0.5 + (i % 7) / 20; probs[i * 10 + ((p + 3) % 10)] = 0.5 - (i % 7) / 20; });
const run = { label: 'js', predictions: preds, probabilities: probs, params: new Float32Array(0), config: { hiddenSize: 128 } };

function roundTrip(outputs: Output[], lang: 'es' | 'en' = 'es') {
  const lesson = parseLesson('# T\n```js cell\nshow.confusion(run)\n```\n', '03-x', lang);
  let code = newCell(lesson.cells[1], knobsFromOptions({}));
  code = transitionCell(code, { type: 'start', count: 1 });
  for (const output of outputs) code = transitionCell(code, { type: 'output', output });
  const nb = exportIpynb(lesson, [newCell(lesson.cells[0], knobsFromOptions({})), code]);
  return { nb, back: importIpynb(JSON.stringify(nb), 'x.ipynb').outputs.get(1)!.outputs };
}

describe('confusion and predictions outputs as data', () => {
  it('stay small: the whole test set listed is far under the 256 kB a cell may save', () => {
    const c = confusionOutput('es', 'c', run, labels);
    const p = predictionsOutput('es', 'p', run, labels, { filter: 'all', sort: 'confidence' });
    expect(outputBytes(c)).toBeLessThan(25_000);
    expect(outputBytes(p)).toBeLessThan(140_000);
  });

  it('round-trip through .ipynb (the matrix also as a text and HTML table in the notebook\'s language)', () => {
    const c = confusionOutput('es', 'c', run, labels);
    const p = predictionsOutput('es', 'p', run, labels, { filter: 'mistakes' });
    const { nb, back } = roundTrip([c, p]);
    const data = (nb.cells[1].outputs![0] as { data: Record<string, string> }).data;
    expect(data['text/plain']).toMatch(/exactitud 90,0/);
    expect(data['text/plain']).toMatch(/real \\ predicho\s+0\s+1/);
    expect(data['text/html']).toContain('<th>exhaustividad</th>');
    const text = (nb.cells[1].outputs![1] as { data: Record<string, string> }).data['text/plain'];
    expect(text).toMatch(/solo los errores, los más seguros primero/);
    expect(text).toMatch(/#\d+: predicho 4 · real 3/);
    expect(back[0]).toMatchObject({ kind: 'confusion', confusion: { counts: (c as { confusion: { counts: number[] } }).confusion.counts, labels, predictions: preds } });
    if (back[1].kind !== 'predictions' || p.kind !== 'predictions') throw new Error(back[1].kind);
    expect(back[1].predictions.indices).toEqual(p.predictions.indices);
    expect(back[1].predictions.topP).toEqual(p.predictions.topP);
    expect(back[1].predictions.top).toEqual(p.predictions.top);
  });

  it('a damaged one in a file becomes an error output, not a crash', () => {
    const c = confusionOutput('en', 'c', run, labels);
    const { nb } = roundTrip([c], 'en');
    const d = (nb.cells[1].outputs![0] as { data: Record<string, Record<string, Record<string, unknown>>> }).data;
    d['application/vnd.paralelo.output+json'].confusion.labels = 'not base64!';
    const back = importIpynb(JSON.stringify(nb), 'x.ipynb').outputs.get(1)!.outputs;
    expect(back[0]).toMatchObject({ kind: 'error', name: 'InvalidOutput' });
  });
});
