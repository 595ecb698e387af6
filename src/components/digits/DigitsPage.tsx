// The Digits page (#/es/digits): draw a digit and see what the latest run's model (or one chosen in
// the models panel) predicts on every backend; collect the class's own handwriting as a test set.
// With no model yet, one button trains one epoch of wasm through a cell run in the kernel, like
// the Race page runs its race.
import { useEffect, useMemo, useState, useSyncExternalStore, type ReactNode } from 'react';
import { handwriting, type Drawing } from '../../digits/handwriting';
import { setAccuracy } from '../../digits/agreement';
import { handwritingJson, parseHandwriting } from '../../digits/handwritingFile';
import type { Lang } from '../../i18n';
import { useT } from '../../i18n/react';
import type { TrainedModel } from '../../models/model';
import { knobsFromOptions } from '../../notebook/core/knobs';
import { Notebook, type Kernel } from '../../notebook/core/notebook';
import type { PredictResult } from '../../notebook/kernel/protocol';
import { formatCount } from '../../notebook/kernel/limits';
import { OutputView } from '../cell/OutputView';
import { DigitLab, InputImage, pct } from './DigitLab';
import { availableBackends, modelKey, useDigitsKernel } from './kernelContext';

/** What engineer D's models panel takes (the lead passes it in as `modelsPanel`). */
export interface ModelsPanelProps { lang: Lang; current: TrainedModel | null; onUse: (m: TrainedModel) => void }

interface Props {
  lang: Lang;
  kernel: Kernel;
  /** stops whatever else runs in the kernel (a lesson's cell) before the page trains */
  beforeRun: () => Promise<void>;
  /** SLOT for the models panel (list / load / save / upload models): rendered above the pad when given */
  modelsPanel?: (p: ModelsPanelProps) => ReactNode;
}

const now = () => Date.now();
const trainSamples = () => Math.min(10_000, knobsFromOptions({}).samples);
export const trainSource = (samples: number) => `await train({ backend: 'wasm', epochs: 1, samples: ${samples}, chart: false });`;

const notebooks = new Map<Lang, Notebook>();
function pageNotebook(lang: Lang, kernel: Kernel): Notebook {
  let nb = notebooks.get(lang);
  if (!nb) {
    nb = new Notebook({ key: 'digits', slug: 'digits', lang, title: 'digits', cells: [{ index: 0, kind: 'code', source: trainSource(trainSamples()), options: {} }] }, kernel, lang, { saveCell: () => undefined });
    notebooks.set(lang, nb);
  }
  return nb;
}

/** Runs the page's one cell with `source`; how long it took (s) from the click to its end, and whether it finished. */
async function timedRun(nb: Notebook, source: string): Promise<{ s: number; ok: boolean }> {
  const t0 = performance.now();
  nb.edit(0, source);
  const status = await new Promise<string>((resolve) => {
    const off = nb.subscribe(() => {
      if (nb.getSnapshot().cells[0].status === 'idle') { off(); resolve(nb.resultNow(0) ?? 'error'); }
    });
    nb.run(0);
  });
  return { s: (performance.now() - t0) / 1000, ok: status === 'ok' };
}

export function DigitsPage({ lang, kernel, beforeRun, modelsPanel }: Props) {
  const t = useT();
  const dk = useDigitsKernel();
  const [model, setModel] = useState<TrainedModel | null>(() => dk?.kernel.latestModel ?? null);
  useEffect(() => dk?.kernel.onModel(setModel), [dk]);
  const nb = useMemo(() => pageNotebook(lang, kernel), [lang, kernel]);
  const state = useSyncExternalStore(nb.subscribe, nb.getSnapshot);
  const cell = state.cells[0];
  const [took, setTook] = useState<{ s: number; ok: boolean } | null>(null);
  const samples = trainSamples();

  const trainNow = async () => {
    await beforeRun();
    setTook(await timedRun(nb, trainSource(samples)));
  };

  // the set: loaded once; kept in memory when the browser will not store it
  const [set, setSet] = useState<Drawing[]>([]);
  const [storeProblem, setStoreProblem] = useState<string | null>(null);
  useEffect(() => { handwriting.list().then(setSet, (e: unknown) => setStoreProblem(String((e as Error)?.message ?? e))); }, []);
  const [image, setImage] = useState<Uint8Array | null>(null);
  const [label, setLabel] = useState<number | null>(null);
  const add = async () => {
    if (!image || label === null) return;
    const at = now();
    const local = { id: -at, label, image: image.slice(), at };
    const d = await handwriting.add(label, image).catch((e: unknown) => { setStoreProblem(String((e as Error)?.message ?? e)); return local; });
    setSet((s) => [...s, d]);
  };
  const [fileNote, setFileNote] = useState<string | null>(null);
  const download = () => {
    const a = document.createElement('a');
    a.href = URL.createObjectURL(new Blob([handwritingJson(set)], { type: 'application/json' }));
    a.download = 'paralelo-handwriting.json';
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 1000);
  };
  const upload = async (file: File) => {
    try {
      const drawings = parseHandwriting(await file.text());
      const added: Drawing[] = [];
      for (const d of drawings) {
        const at = now();
        added.push(await handwriting.add(d.label, d.image).catch(() => ({ id: -at - added.length, label: d.label, image: d.image, at })));
      }
      setSet((s) => [...s, ...added]);
      setFileNote(t('digitsSetImported', { n: formatCount(added.length, lang), file: file.name }));
    } catch (e) {
      setFileNote(t('digitsSetImportError', { file: file.name, message: (e as Error).message }));
    }
  };
  const remove = (d: Drawing) => {
    setSet((s) => s.filter((x) => x !== d));
    if (d.id >= 0) handwriting.remove(d.id).catch((e: unknown) => setStoreProblem(String((e as Error)?.message ?? e)));
  };

  // accuracy on the set, per backend: one predict request for all of it, again when the model or the set changes
  const backends = useMemo(() => availableBackends(dk?.support ?? {}), [dk?.support]);
  const [acc, setAcc] = useState<{ results: PredictResult[]; labels: number[] } | null>(null);
  useEffect(() => {
    if (!dk || !model || !set.length || !backends.length) return;
    let live = true;
    const images = new Uint8Array(set.length * 784);
    set.forEach((d, i) => images.set(d.image, i * 784));
    const labels = set.map((d) => d.label);
    dk.kernel.predict(model, modelKey(model), images, backends).then((results) => { if (live) setAcc({ results, labels }); }, () => undefined);
    return () => { live = false; };
  }, [dk, model, set, backends]);

  const running = cell.status !== 'idle';
  return (
    <div className="digits-page" data-testid="digits-page">
      <h1>{t('digitsPageTitle')}</h1>
      <p className="digits-lede">{t('digitsPageLede')}</p>
      {model ? (
        <p className="digits-model" data-testid="digits-model">
          {t('digitsModel', { label: model.meta.label, backend: model.meta.backend, samples: formatCount(model.meta.samples, lang), epochs: model.meta.epochs, acc: Number.isFinite(model.meta.accuracy) ? pct(model.meta.accuracy, lang) : '—' })}
        </p>
      ) : (
        <div className="digits-nomodel" data-testid="digits-nomodel">
          <p>{t('digitsNoModel', { n: formatCount(samples, lang) })}</p>
          <button type="button" className="primary" disabled={running} onClick={() => void trainNow()} data-testid="digits-train">
            {running ? t('digitsTraining') : t('digitsTrain')}
          </button>
        </div>
      )}
      {took && <p role="status" data-testid="digits-took">{took.ok ? t('digitsTrained', { s: took.s.toLocaleString(lang, { maximumFractionDigits: 1 }), n: formatCount(samples, lang) }) : t('digitsTrainFailed')}</p>}
      {(running || (took && !took.ok)) && <div className="race-output" data-testid="digits-train-output">{cell.outputs.map((o) => <OutputView key={o.id} output={o} />)}</div>}
      <DigitLab model={model} onImage={setImage}>
        <section className="digits-set" aria-labelledby="digits-set-title" data-testid="digits-set">
          <h2 id="digits-set-title">{t('digitsSetTitle')}</h2>
          <p className="digits-lede">{t('digitsSetLede')}</p>
          <fieldset className="digits-labels">
            <legend>{t('digitsSetLabel')}</legend>
            {Array.from({ length: 10 }, (_, d) => (
              <button key={d} type="button" aria-pressed={label === d} onClick={() => setLabel(d)} data-testid={`digits-label-${d}`}>{d}</button>
            ))}
          </fieldset>
          <button type="button" disabled={!image || label === null} onClick={() => void add()} data-testid="digits-add">
            {label === null ? t('digitsSetPick') : t('digitsSetAdd', { digit: label })}
          </button>
          <div className="digits-file">
            <button type="button" disabled={!set.length} onClick={download} data-testid="digits-export">{t('digitsSetExport')}</button>
            <label className="digits-upload">
              <input type="file" accept="application/json,.json" className="visually-hidden" data-testid="digits-import"
                onChange={(e) => { const f = e.target.files?.[0]; e.target.value = ''; if (f) void upload(f); }} />
              <span className="button">{t('digitsSetImport')}</span>
            </label>
          </div>
          {fileNote && <p role="status" data-testid="digits-file-note">{fileNote}</p>}
          {storeProblem && <p className="digits-problem" role="status">{t('digitsSetStorage', { message: storeProblem })}</p>}
          {set.length === 0 ? <p data-testid="digits-set-empty">{t('digitsSetEmpty')}</p> : (
            <>
              <p data-testid="digits-set-count">{t('digitsSetCount', { n: formatCount(set.length, lang) })}</p>
              <ul className="digits-thumbs">
                {set.map((d) => (
                  <li key={d.id} data-testid="digits-thumb" data-label={d.label}>
                    <InputImage image={d.image} label={t('digitsSetItem', { digit: d.label })} testId="digits-thumb-image" />
                    <span aria-hidden="true">{d.label}</span>
                    <button type="button" onClick={() => remove(d)} aria-label={t('digitsSetDelete', { digit: d.label })} data-testid="digits-thumb-delete">✕</button>
                  </li>
                ))}
              </ul>
              {acc && model && set.length > 0 && (
                <>
                  <h3>{t('digitsSetAccuracyTitle')}</h3>
                  <ul className="digits-accuracy" data-testid="digits-accuracy">
                    {setAccuracy(acc.results, acc.labels).map((a) => (
                      <li key={a.backend} data-testid={`digits-accuracy-${a.backend}`} data-correct={a.correct} data-total={a.total}>
                        {t('digitsSetAccuracy', { backend: a.backend, correct: a.correct, total: a.total, pct: pct(a.correct / a.total, lang) })}
                      </li>
                    ))}
                  </ul>
                </>
              )}
            </>
          )}
        </section>
      </DigitLab>
      {/* SLOT: the models panel ({ lang, current, onUse }: save, load, upload a model), below the pad so that the pad stays near the top */}
      {modelsPanel && <section className="digits-models" aria-label={t('digitsModelsTitle')}>{modelsPanel({ lang, current: model, onUse: setModel })}</section>}
    </div>
  );
}
