// The cell API's models (issue 14 §5): `models.save/list/load/remove` ask the page, which holds the
// IndexedDB store (the kernel cannot open IndexedDB, guard.ts), over the request channel; `evaluate`
// runs a model on the test set through one backend's own `evaluate`, after `init(spec, params)`: a
// model trained on any backend loads into any other. Its result has a run's fields (label, backend,
// accuracy, predictions, probabilities, params, config.hiddenSize), so the show.* views take it too.
import { BACKEND_OPTIONS, resolveOptions } from '../../backends/options';
import { BACKEND_NAMES, StoppedError, type BackendName } from '../../backends/types';
import { t } from '../../i18n';
import { makeSpec } from '../../mlp/spec';
import { modelProblem, type TrainedModel } from '../../models/model';
import { checkName, modelStoreErrorText, type SavedModelInfo } from '../../models/store';
import { numberLocale } from './measure';
import type { Knobs, Lang, ModelRequest, Output } from './protocol';
import type { Run } from './run';
import { backendInstance, dropBackend, mnistData } from './session';
import { messageError } from '../../i18n/messageError';

/** What `evaluate(model)` returns: a run's view of a model on the test set. */
export interface Evaluation {
  label: string;
  backend: BackendName;
  /** test accuracy (0–1) and mean cross-entropy over the 10 000 test images */
  accuracy: number;
  testLoss: number;
  predictions: Uint8Array;
  probabilities: Float32Array;
  params: Float32Array;
  config: { hiddenSize: number; samples: number; epochs: number; batchSize: number; learningRate: number; seed: number };
  /** the model evaluated (what `models.save` stores) */
  model: TrainedModel;
}

/** A trained model (`models.load`), a run (`train()`) or an evaluation (`evaluate()`). */
export type ModelLike = TrainedModel | Run | Evaluation;

interface Ctx {
  lang: Lang;
  knobs: Knobs;
  signal: AbortSignal;
  post(output: Output): void;
  request?(req: ModelRequest): Promise<unknown>;
}

export function makeModelsApi(ctx: Ctx, id: (prefix: string) => string) {
  const { lang } = ctx;
  const fr = (x: number) => x.toLocaleString(numberLocale(lang), { minimumFractionDigits: 2, maximumFractionDigits: 2 });

  function asModel(x: unknown, what: string): TrainedModel {
    const o = x as Partial<TrainedModel & Run & Evaluation> | null;
    if (o && typeof o === 'object') {
      if (o.model && modelProblem(o.model) === null) return o.model;
      if (o.spec && o.meta && modelProblem(o) === null) return o as TrainedModel;
      const c = o.config as Partial<Run['config']> | undefined;
      if (o.params instanceof Float32Array && c && typeof c.hiddenSize === 'number') {
        let spec;
        try { spec = makeSpec(c.hiddenSize); } catch { spec = null; }
        const m: TrainedModel | null = spec && {
          spec, params: o.params,
          meta: {
            label: String(o.label ?? o.backend ?? ''), backend: String(o.backend ?? ''), accuracy: typeof o.accuracy === 'number' ? o.accuracy : NaN,
            samples: c.samples ?? 0, epochs: c.epochs ?? 0, batchSize: c.batchSize ?? 0, learningRate: c.learningRate ?? NaN, seed: c.seed ?? 0, createdAt: Date.now(),
          },
        };
        if (m && modelProblem(m) === null) return m;
      }
    }
    throw new TypeError(t(lang, 'modelsNotModel', { what }));
  }

  async function ask(req: ModelRequest): Promise<unknown> {
    if (!ctx.request) throw new Error(t(lang, 'modelsNoPage'));
    if (ctx.signal.aborted) throw new StoppedError();
    return ctx.request(req);
  }

  /** a name checked here too, so a bad one fails before anything is sent */
  const named = (name: unknown) => {
    try {
      return checkName(name);
    } catch (e) {
      throw new TypeError(modelStoreErrorText(lang, e), { cause: e });
    }
  };

  const models = {
    /** Saves a run's (or a loaded model's) trained parameters in the browser under `name`; a model of that name is replaced unless `overwrite: false`. */
    save: async (run: ModelLike, name: string, o: { overwrite?: boolean } = {}): Promise<SavedModelInfo> => {
      const model = asModel(run, 'models.save()');
      const info = await ask({ op: 'save', name: named(name), model, overwrite: o.overwrite !== false }) as SavedModelInfo;
      ctx.post({ id: id('saved'), kind: 'text', text: t(lang, 'modelsSaved', { name: info.name, label: model.meta.label, params: model.params.length.toLocaleString(numberLocale(lang)) }) });
      return info;
    },
    /** The saved models, newest first: name, spec, meta (label, backend, accuracy…), parameter count, savedAt. */
    list: async (): Promise<SavedModelInfo[]> => (await ask({ op: 'list' })) as SavedModelInfo[],
    /** A saved model, to `evaluate` on any backend or to inspect. */
    load: async (name: string): Promise<TrainedModel> => {
      const m = await ask({ op: 'load', name: named(name) });
      if (modelProblem(m) !== null) throw new Error(t(lang, 'modelStore_failed', { message: modelProblem(m) ?? '' }));
      return m as TrainedModel;
    },
    /** Deletes a saved model; false if there was none of that name. */
    remove: async (name: string): Promise<boolean> => (await ask({ op: 'remove', name: named(name) })) as boolean,
  };

  /** Runs `model` on the 10 000 test images through `backend`'s own forward pass (default: the cell's backend). */
  async function evaluate(model: ModelLike, o: { backend?: BackendName; label?: string } = {}): Promise<Evaluation> {
    const m = asModel(model, 'evaluate()');
    const name = (o.backend ?? ctx.knobs.backend) as BackendName;
    if (!BACKEND_NAMES.includes(name)) throw messageError('err_evaluateBackend', { names: BACKEND_NAMES.join(', '), got: String(name) }, TypeError);
    const bopts = resolveOptions(name, BACKEND_OPTIONS[name], { ...ctx.knobs, ...o });
    const { test } = await mnistData(undefined, ctx.signal);
    const backend = await backendInstance(name);
    let ev;
    try {
      await backend.init(m.spec, m.params.slice(), bopts);
      ev = await backend.evaluate(test);
    } catch (e) {
      await dropBackend(name); // rebuilt next time
      throw e;
    }
    if (ctx.signal.aborted) throw new StoppedError();
    const label = o.label ?? m.meta.label;
    ctx.post({ id: id('evaluated'), kind: 'text', text: t(lang, 'modelsEvaluated', { label, acc: fr(ev.accuracy * 100), backend: name }) });
    const { meta } = m;
    return {
      label, backend: name, accuracy: ev.accuracy, testLoss: ev.loss, predictions: ev.predictions, probabilities: ev.probabilities, params: m.params,
      config: { hiddenSize: m.spec.hiddenSize, samples: meta.samples, epochs: meta.epochs, batchSize: meta.batchSize, learningRate: meta.learningRate, seed: meta.seed },
      model: m,
    };
  }

  return { models, evaluate };
}
