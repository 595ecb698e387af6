// The cell API's models.* (issue 14 §5): what each call asks the page, and the failures a cell sees.
import { describe, expect, it } from 'vitest';
import { StoppedError } from '../../backends/types';
import { initParams } from '../../mlp/init';
import { makeSpec } from '../../mlp/spec';
import type { TrainedModel } from '../../models/model';
import { makeModelsApi } from './models';
import type { ModelRequest, Output } from './protocol';
import type { Run } from './run';

function setup(answer: (r: ModelRequest) => unknown = () => ({ name: 'mine' }), lang: 'es' | 'en' = 'en') {
  const asked: ModelRequest[] = [];
  const posted: Output[] = [];
  const ctrl = new AbortController();
  let n = 0;
  const api = makeModelsApi({
    lang, knobs: { backend: 'js' } as never, signal: ctrl.signal, post: (o) => posted.push(o),
    request: async (r) => { asked.push(r); return answer(r); },
  }, (p) => `${p}-${n++}`);
  return { ...api, asked, posted, ctrl };
}

const spec = makeSpec(16);
const params = initParams(spec, 3);
const run = { label: 'wasm', backend: 'wasm', accuracy: 0.9, params, config: { hiddenSize: 16, samples: 2000, epochs: 1, batchSize: 64, learningRate: 0.1, seed: 3 } } as unknown as Run;

describe('models.*', () => {
  it('saves a run as a model: its spec from config.hiddenSize, its parameters, the facts of the run', async () => {
    const { models, asked, posted } = setup();
    await models.save(run, '  mine ');
    expect(asked).toHaveLength(1);
    const r = asked[0] as Extract<ModelRequest, { op: 'save' }>;
    expect(r).toMatchObject({ op: 'save', name: 'mine', overwrite: true, model: { spec, meta: { label: 'wasm', backend: 'wasm', accuracy: 0.9, samples: 2000, epochs: 1, batchSize: 64, learningRate: 0.1, seed: 3 } } });
    expect(r.model.params).toBe(params);
    expect(posted.map((o) => (o as { text: string }).text)).toEqual(['Model "mine" saved (wasm, 12,730 parameters).']);
    await models.save(run, 'other', { overwrite: false });
    expect(asked[1]).toMatchObject({ op: 'save', overwrite: false });
  });

  it('saves a loaded model as it is', async () => {
    const { models, asked } = setup();
    const m: TrainedModel = { spec, params, meta: { label: 'up', backend: 'js', accuracy: NaN, samples: 0, epochs: 0, batchSize: 0, learningRate: 0, seed: 0, createdAt: 5 } };
    await models.save(m, 'copy');
    expect((asked[0] as Extract<ModelRequest, { op: 'save' }>).model).toBe(m);
  });

  it('refuses what is not a model and a bad name before asking the page', async () => {
    const { models, asked } = setup(undefined, 'es');
    await expect(models.save({ label: 'x' } as never, 'a')).rejects.toThrow('models.save() necesita un modelo');
    await expect(models.save({ ...run, params: new Float32Array(5) }, 'a')).rejects.toThrow(/necesita un modelo/);
    await expect(models.save(run, '')).rejects.toThrow('Un nombre de modelo tiene de 1 a 60 caracteres');
    await expect(models.load('a\nb')).rejects.toThrow(/no vale/);
    expect(asked).toEqual([]);
  });

  it('passes the page\'s refusal on, and checks what load returns', async () => {
    const { models } = setup((r) => {
      if (r.op === 'remove') throw new Error('There is no saved model called "x".');
      return { spec, params: new Float32Array(4) };
    });
    await expect(models.remove('x')).rejects.toThrow('There is no saved model called "x".');
    await expect(models.load('x')).rejects.toThrow(/could not be saved or read/);
  });

  it('asks nothing once the cell is stopped', async () => {
    const { models, asked, ctrl } = setup();
    ctrl.abort();
    await expect(models.list()).rejects.toBeInstanceOf(StoppedError);
    expect(asked).toEqual([]);
  });
});
