// js (the sequential baseline) vs TensorFlow.js cpu (both 1 thread), and the 10-epoch accuracy with app defaults.
// The peer trains as many timed epochs as our row (about 25 s each here: 5 take about 2 minutes).
import { ACCURACY_EPOCHS, summarise } from '../report.mjs';

export const name = 'js';
/** What this suite times, checked against the reference first (bench/equivalence.mjs). */
export const checked = [{ name: 'js', backend: 'js', opts: {} }];

export async function run({ page, runs, log }) {
  const rows = [];
  const checks = [];
  const js = await page.evaluate(([n, a]) => window.harness.timeEpochs('js', {}, 128, n, undefined, undefined, undefined, a), [runs, ACCURACY_EPOCHS]);
  rows.push({ name: 'js, 1 thread', threads: 1, batchSize: 128, epochMs: js.epochMs, accuracy: js.accuracy, accuracyEpochs: js.accuracyEpochs });
  log(`js batch 128: ${js.epochMs.map((x) => x.toFixed(0)).join(', ')} ms`);
  const tf = await page.evaluate(([n]) => window.harness.tfjsEpochs('cpu', 128, n), [runs]);
  rows.push({ name: `tfjs-cpu (peer), ${tf.threads ?? '?'} thread`, threads: tf.threads, batchSize: 128, epochMs: tf.epochMs, accuracy: tf.accuracy, accuracyEpochs: tf.accuracyEpochs, error: tf.error });
  log(`tfjs cpu batch 128: ${tf.epochMs.map((x) => x.toFixed(0)).join(', ')} ms ${tf.error ?? ''}`);
  const ratio = summarise({ epochMs: tf.epochMs }).medianMs / summarise({ epochMs: js.epochMs }).medianMs;
  checks.push({ label: 'js vs TF.js cpu at batch 128, 1 thread each (× faster)', value: ratio.toFixed(2), target: '≥ 2.5', pass: ratio >= 2.5 });

  const curve = await page.evaluate(() => window.harness.accuracyCurve('js', {}, 10));
  log(`10 epochs, defaults ${JSON.stringify(curve.config)}: ${curve.accuracy.map((a) => (a * 100).toFixed(2)).join(', ')}`);
  const last = curve.accuracy[curve.accuracy.length - 1];
  checks.push({ label: `test accuracy after 10 epochs (defaults: batch ${curve.config.batchSize}, lr ${curve.config.learningRate}, seed ${curve.config.seed})`, value: (last * 100).toFixed(2) + '%', target: '≥ 97.5%', pass: last >= 0.975 });
  return { rows, checks, notes: [`accuracy per epoch with defaults: ${curve.accuracy.map((a) => (a * 100).toFixed(2) + '%').join(' → ')}`] };
}
