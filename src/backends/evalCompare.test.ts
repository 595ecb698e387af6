import { describe, expect, it } from 'vitest';
import { sliceDataset } from '../data/dataset';
import { initParams } from '../mlp/init';
import { makeSpec } from '../mlp/spec';
import { loadMnistNode } from '../test/mnistNode';
import { evalAgreement, evalProblem, EVAL_NEAR_TIE } from './evalCompare';
import { evaluateWith } from './evaluate';
import { JsBackend } from './js';
import type { EvalResult } from './types';

// Two images of 3 classes: the first confident (gap 0.5), the second a near-tie (gap 5e-7).
const ref: EvalResult = {
  loss: 0.5, accuracy: 0.5, predictions: Uint8Array.of(0, 1),
  probabilities: Float32Array.of(0.7, 0.2, 0.1, 0.3, 0.3000005, 0.3999995 - 0.3),
};
const copy = (r: EvalResult, change: Partial<EvalResult> = {}): EvalResult =>
  ({ ...r, predictions: r.predictions.slice(), probabilities: r.probabilities.slice(), ...change });

describe('evalAgreement / evalProblem (how a backend\'s evaluate is held to evaluateWith)', () => {
  it('passes an identical result and a differing prediction at a near-tie', () => {
    expect(evalProblem(evalAgreement(copy(ref), ref, 3))).toBeNull();
    const tie = evalAgreement(copy(ref, { predictions: Uint8Array.of(0, 0), accuracy: 0 }), ref, 3);
    expect(tie.mismatchGaps).toHaveLength(1);
    expect(tie.mismatchGaps[0]).toBeLessThanOrEqual(EVAL_NEAR_TIE);
    expect(evalProblem(tie)).toBeNull();
  });

  it('fails a differing confident prediction, a probability or a loss off, and a short result', () => {
    expect(evalProblem(evalAgreement(copy(ref, { predictions: Uint8Array.of(1, 1) }), ref, 3))).toMatch(/prediction differs/);
    const p = copy(ref);
    p.probabilities[4] += 2e-5;
    expect(evalProblem(evalAgreement(p, ref, 3))).toMatch(/probability/);
    expect(evalProblem(evalAgreement(copy(ref, { loss: 0.5 * (1 + 2e-5) }), ref, 3))).toMatch(/loss/);
    expect(evalProblem(evalAgreement(copy(ref, { accuracy: 1 }), ref, 3))).toMatch(/accuracy/);
    const short = evalAgreement(copy(ref, { predictions: Uint8Array.of(0), probabilities: ref.probabilities.slice(0, 3) }), ref, 3);
    expect(short.maxProbDiff).toBeNaN();
    expect(evalProblem(short)).not.toBeNull();
  });
});

describe('js backend evaluate for the Digits page', () => {
  it('predicts one image right after init (no setData) in well under 20 ms, as evaluateWith', async () => {
    const { test } = loadMnistNode();
    const spec = makeSpec(128);
    const params = initParams(spec, 5);
    const js = new JsBackend();
    await js.init(spec, params);
    const one = sliceDataset(test, 1);
    await js.evaluate(one); // warm-up (JIT)
    const times: number[] = [];
    for (let i = 0; i < 21; i++) {
      const t0 = performance.now();
      const r = await js.evaluate(one);
      times.push(performance.now() - t0);
      expect(evalProblem(evalAgreement(r, evaluateWith(spec, params, one), 10))).toBeNull();
    }
    times.sort((a, b) => a - b);
    console.log(`js evaluate n=1: median ${times[10].toFixed(3)} ms`);
    expect(times[10]).toBeLessThan(20);
  });
});
