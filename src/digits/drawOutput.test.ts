// The `draw` output kind (show.draw) is checked, saved and exported like the other kinds; and a
// predict answer from the kernel is shape-checked before the page uses it.
import { describe, expect, it } from 'vitest';
import { newCell, transitionCell } from '../notebook/core/cell';
import { knobsFromOptions } from '../notebook/core/knobs';
import { parseLesson } from '../notebook/core/lesson';
import { exportIpynb, importIpynb } from '../notebook/ipynb';
import { checkedPredictions } from '../notebook/kernelClient';
import type { Output } from '../notebook/kernel/protocol';
import { checkedOutput, outputProblem } from '../notebook/outputs';
import { fromStored, toStored } from '../notebook/savedOutputs';
import { makeSpec, paramLayout } from '../mlp/spec';
import type { TrainedModel } from '../models/model';

function model(h = 16): TrainedModel {
  const spec = makeSpec(h);
  const params = Float32Array.from({ length: paramLayout(spec).total }, (_, i) => Math.sin(i));
  return { spec, params, meta: { label: 'wasm', backend: 'wasm', accuracy: 0.9, samples: 100, epochs: 1, batchSize: 32, learningRate: 0.1, seed: 1, createdAt: 1 } };
}
const draw = (m?: TrainedModel, latest?: boolean): Output => ({ id: 'draw-0', kind: 'draw', title: 'Draw a digit · wasm', ...(m ? { model: m } : {}), ...(latest ? { latest } : {}) });

describe('the draw output', () => {
  it('is accepted with a model or `latest`, refused with a broken model', () => {
    expect(outputProblem(draw(model()))).toBeNull();
    expect(outputProblem(draw(undefined, true))).toBeNull();
    const broken = model();
    broken.params = broken.params.subarray(1);
    expect(outputProblem(draw(broken))?.code).toBe('draw');
    expect(checkedOutput({ id: 'x', kind: 'draw', title: 3 }, 'f', 'en')).toMatchObject({ kind: 'error', name: 'InvalidOutput' });
    const nan = model();
    nan.params[5] = NaN;
    expect(checkedOutput(draw(nan), 'f', 'es').kind).toBe('error');
  });

  it('is saved without its model (over the budget) and says so when shown again', () => {
    const stored = toStored({ outputs: [draw(model(128))], count: 1 }, 'tab', 0);
    expect(stored.dropped).toBe(0);
    expect(stored.outputs[0]).toEqual({ id: 'draw-0', kind: 'draw', title: 'Draw a digit · wasm' });
    const back = fromStored(stored, 'en').outputs[0];
    expect(back).toMatchObject({ kind: 'draw' });
    expect('model' in back).toBe(false);
  });

  it('round-trips through .ipynb with its parameters', () => {
    const m = model();
    const lesson = parseLesson('# T\n```js cell\nshow.draw(run);\n```\n', '02-x', 'en');
    let code = newCell(lesson.cells[1], knobsFromOptions({}));
    code = transitionCell(code, { type: 'start', count: 1 });
    code = transitionCell(code, { type: 'output', output: draw(m) });
    const nb = exportIpynb(lesson, [newCell(lesson.cells[0], knobsFromOptions({})), code]);
    const back = importIpynb(JSON.stringify(nb), 'x.ipynb').outputs.get(1)!.outputs[0];
    expect(back.kind).toBe('draw');
    if (back.kind !== 'draw') return;
    expect(back.model?.params).toEqual(m.params);
    expect(back.model?.spec).toEqual(m.spec);
    // a file whose params are cut short is refused, not drawn with
    const bad = JSON.parse(JSON.stringify(nb));
    const data = bad.cells[1].outputs[0].data['application/vnd.paralelo.output+json'];
    data.model.params = data.model.params.slice(0, 16);
    expect(importIpynb(JSON.stringify(bad), 'y.ipynb').outputs.get(1)!.outputs[0].kind).toBe('error');
  });
});

describe('predict answers', () => {
  it('keeps only results of the right shape, for backends that were asked', () => {
    const ok = { backend: 'js', probabilities: new Float32Array(20).fill(0.1), ms: 1 };
    const got = checkedPredictions([ok, { backend: 'wasm', ms: 0, error: 'down' }, { backend: 'webgpu', probabilities: new Float32Array(10), ms: 1 }, { backend: 'x', ms: 1, error: 'y' }, { backend: 'workers', probabilities: new Float32Array(20), ms: NaN }], 2, ['js', 'wasm', 'workers']);
    expect(got.map((r) => r.backend)).toEqual(['js', 'wasm']);
    expect(checkedPredictions('nope', 1, ['js'])).toEqual([]);
  });
});
