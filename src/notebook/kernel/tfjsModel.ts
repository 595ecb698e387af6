// The MLP of this course (784 → 128 ReLU → 10, softmax cross-entropy, plain SGD) written the framework
// way, with TF.js's Keras API: what lesson 11 shows, runs and counts (tfjs.source(), tfjs.train()).
// Only this file's model definition and training loop are counted, as the course counts
// src/mlp/reference.ts's forward, backward and update (frameworksCore.ts: linesOfCode).
import type * as TF from '@tensorflow/tfjs';

/** One batch in the app's seeded order: pixels already in [0, 1], labels one-hot. */
export interface Batch { xs: Float32Array; ys: Float32Array; n: number }

export function buildModel(tf: typeof TF, learningRate: number): TF.Sequential {
  const model = tf.sequential();
  model.add(tf.layers.dense({ inputShape: [784], units: 128, activation: 'relu' }));
  model.add(tf.layers.dense({ units: 10, activation: 'softmax' }));
  model.compile({ optimizer: tf.train.sgd(learningRate), loss: 'categoricalCrossentropy' });
  return model;
}

/** One epoch over `batches` (the app's seeded order); resolves with the epoch's mean training loss. */
export async function trainEpoch(tf: typeof TF, model: TF.Sequential, batches: () => Iterable<Batch>): Promise<number> {
  const data = tf.data.generator(function* () {
    for (const { xs, ys, n } of batches()) yield { xs: tf.tensor2d(xs, [n, 784]), ys: tf.tensor2d(ys, [n, 10]) };
  });
  const history = await model.fitDataset(data, { epochs: 1, verbose: 0 });
  return history.history.loss[0] as number;
}
