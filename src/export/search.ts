// run_search.py: the browser's search() with joblib, one task per configuration (task parallelism:
// n processes train n models at once), on the same validation split, each model trained exactly as
// the browser's trial task trains it (src/tasks/search/trial.ts), the winner retrained on all the
// samples and scored once on the test set.
import { literal, type ExportSearch } from './experiment';

const pyNum = (x: number) => literal(x);

export function runSearchPy(s: ExportSearch): string {
  const configs = s.trials.map((t, i) => `    (${pyNum(t.learningRate)}, ${t.batchSize}, ${t.hidden}),  # ${i + 1}`).join('\n');
  const browser = s.trials.map((t) => `    (${pyNum(t.accuracy)}, ${pyNum(t.loss)}),`).join('\n');
  return `"""Hyperparameter search with joblib: one task per configuration, so n worker processes train n
models at once (task parallelism; the app's search() on its worker pool). Every model trains on the
same training rows and is scored on the same validation rows as in the browser (a seeded split of
the first SAMPLES training images); the best is retrained on all SAMPLES images and scored ONCE on
the test set, which no trial ever sees.

    python3 run_search.py --data data [--jobs N]
"""
import argparse
import math
import time

import numpy as np
from joblib import Parallel, delayed

from mlp import (epoch_permutation, evaluate, gather_batch, init_params, load_mnist, mulberry32, sgd_update,
                 shard_gradients)

# (learning rate, batch size, hidden units): the configurations the browser tried, in its order
CONFIGS = [
${configs}
]
# the browser's validation (accuracy, loss) for each, to compare line by line
BROWSER = [
${browser}
]
BROWSER_TEST_ACCURACY = ${s.testAccuracy === null ? 'None' : pyNum(s.testAccuracy)}
SAMPLES = ${s.samples}
VALIDATION = ${pyNum(s.validation)}
EPOCHS = ${s.epochs}
SEED = ${s.seed}
N_JOBS = ${s.nJobs}


def permutation(n, seed):
    """The split's shuffle (src/tasks/search/sampling.ts): Fisher-Yates with mulberry32(seed)."""
    order = list(range(n))
    uniform = mulberry32(seed)
    for i in range(n - 1, 0, -1):
        j = int(uniform() * (i + 1))
        order[i], order[j] = order[j], order[i]
    return np.array(order, dtype=np.int64)


def validation_split(samples, validation, seed):
    """Training rows and validation rows: the last fraction of the shuffle is held out."""
    order = permutation(samples, seed)
    n_val = int(math.floor(samples * validation + 0.5))  # JavaScript's Math.round
    return order[:samples - n_val], order[samples - n_val:]


def train_model(images, labels, rows, learning_rate, batch_size, hidden, epochs, seed):
    """One model on the listed rows; epoch e visits them in epoch_permutation(len(rows), seed, e) order."""
    params = init_params(seed, hidden)
    for epoch in range(epochs):
        order = rows[epoch_permutation(len(rows), seed, epoch)]
        for start in range(0, len(order), batch_size):
            x, t = gather_batch(images, labels, order[start:start + batch_size])
            grads, _ = shard_gradients(params, x, t, len(t), hidden)
            sgd_update(params, grads, learning_rate)
    return params


def trial(images, labels, train_rows, val_rows, config, epochs, seed):
    """The task: train one configuration, score it on the validation rows."""
    learning_rate, batch_size, hidden = config
    t0 = time.perf_counter()
    params = train_model(images, labels, train_rows, learning_rate, batch_size, hidden, epochs, seed)
    ms = (time.perf_counter() - t0) * 1000
    loss, accuracy = evaluate(params, images[val_rows], labels[val_rows], hidden)
    return accuracy, loss, ms


def main():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--data", default="data", help="folder with the MNIST IDX files (.gz or not)")
    p.add_argument("--jobs", type=int, default=N_JOBS, help="worker processes (joblib n_jobs)")
    args = p.parse_args()
    train_images, train_labels, test_images, test_labels = load_mnist(args.data)
    images, labels = train_images[:SAMPLES], train_labels[:SAMPLES]
    train_rows, val_rows = validation_split(SAMPLES, VALIDATION, SEED)
    print(f"search: {len(CONFIGS)} configurations, {EPOCHS} epoch(s), {len(train_rows)} training and "
          f"{len(val_rows)} validation images, {args.jobs} processes")
    t0 = time.perf_counter()
    results = Parallel(n_jobs=args.jobs)(
        delayed(trial)(images, labels, train_rows, val_rows, c, EPOCHS, SEED) for c in CONFIGS)
    wall = time.perf_counter() - t0
    for i, ((lr, batch, hidden), (acc, loss, ms), (b_acc, _)) in enumerate(zip(CONFIGS, results, BROWSER)):
        print(f"trial {i + 1}: lr={lr} batch={batch} hidden={hidden}: validation accuracy {acc * 100:.2f}% "
              f"(browser {b_acc * 100:.2f}%), loss {loss:.4f}, {ms:.0f} ms")
    print(f"all trials: {wall:.1f} s with {args.jobs} processes")
    best = max(range(len(CONFIGS)), key=lambda i: results[i][0])  # the first of equal bests, as in the browser
    lr, batch, hidden = CONFIGS[best]
    params = train_model(images, labels, np.arange(SAMPLES), lr, batch, hidden, EPOCHS, SEED)
    _, accuracy = evaluate(params, test_images, test_labels, hidden)
    browser = "" if BROWSER_TEST_ACCURACY is None else f" (browser {BROWSER_TEST_ACCURACY * 100:.2f}%)"
    print(f"best: trial {best + 1} lr={lr} batch={batch} hidden={hidden}; retrained on {SAMPLES} images: "
          f"test accuracy {accuracy * 100:.2f}%{browser}")


if __name__ == "__main__":
    main()
`;
}
