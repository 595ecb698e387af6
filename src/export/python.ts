// The Python files of an export: mlp.py (the reference MLP in numpy, the app's PRNG ported exactly)
// and the three ways to run it (sequential, joblib, Dask). Plain template text: what a student
// would write, with the app's function names (src/mlp/reference.ts, src/backends/workers/).
import { literal, type ExportExperiment } from './experiment';

export function mlpPy(e: ExportExperiment): string {
  const o = e.options;
  return `"""The reference MLP of Paralelo in numpy: 784 -> ${o.hiddenSize} (ReLU) -> 10, softmax cross-entropy, minibatch SGD.

Exported from the browser. It reproduces the app's numbers: the same flat parameter layout
(W1 [H][784], b1 [H], W2 [10][H], b2 [10]), the same seeded initialisation (mulberry32 +
Box-Muller, He init) and the same shuffle of every epoch. Arrays are float32 like the app's;
every sum is taken in float64 and rounded to float32 once, as the app's JavaScript does, so the
final parameters agree with the browser's to about 1e-7.

Function names are the app's kernels (src/mlp/reference.ts): matmul_forward, matmul_backward,
relu_forward, relu_backward, softmax_xent, sgd_update, gather_batch.
"""
import argparse
import gzip
import math
import os
import time

import numpy as np

# The experiment as it ran in the browser (backend: ${o.backend})
HIDDEN_SIZE = ${o.hiddenSize}
BATCH_SIZE = ${o.batchSize}
LEARNING_RATE = ${literal(o.learningRate)}
EPOCHS = ${o.epochs}
SAMPLES = ${o.samples}
SEED = ${o.seed}
WORKERS = ${o.workers}

INPUT_SIZE = 784  # C
OUTPUT_SIZE = 10  # V
MASK32 = 0xFFFFFFFF


# ---- seeded randomness: src/mlp/random.ts, bit for bit ----

def imul(a, b):
    """Math.imul: the low 32 bits of a * b."""
    return (a * b) & MASK32


def mulberry32(seed):
    """A tiny 32-bit PRNG; returns a function giving floats in [0, 1)."""
    state = seed & MASK32

    def uniform():
        nonlocal state
        state = (state + 0x6D2B79F5) & MASK32
        t = state
        t = imul(t ^ (t >> 15), t | 1)
        t ^= (t + imul(t ^ (t >> 7), t | 61)) & MASK32
        return ((t ^ (t >> 14)) & MASK32) / 4294967296.0

    return uniform


def gaussian(uniform):
    """Standard normal samples by Box-Muller (the second value of each pair is kept for the next call)."""
    spare = None

    def normal():
        nonlocal spare
        if spare is not None:
            s, spare = spare, None
            return s
        u = 0.0
        while u == 0.0:
            u = uniform()
        v = uniform()
        r = math.sqrt(-2.0 * math.log(u))
        spare = r * math.sin(2.0 * math.pi * v)
        return r * math.cos(2.0 * math.pi * v)

    return normal


def epoch_permutation(n, seed, epoch):
    """Fisher-Yates permutation of 0..n-1 for one epoch; seed and epoch fix it completely."""
    order = list(range(n))
    uniform = mulberry32(seed ^ imul(epoch + 1, 0x9E3779B1))
    for i in range(n - 1, 0, -1):
        j = int(uniform() * (i + 1))
        order[i], order[j] = order[j], order[i]
    return np.array(order, dtype=np.int64)


# ---- parameters: one flat float32 vector, as in src/mlp/spec.ts ----

def param_layout(hidden=HIDDEN_SIZE):
    C, H, V = INPUT_SIZE, hidden, OUTPUT_SIZE
    w1 = 0
    b1 = w1 + H * C
    w2 = b1 + H
    b2 = w2 + V * H
    return dict(w1=w1, b1=b1, w2=w2, b2=b2, total=b2 + V)


def param_views(flat, hidden=HIDDEN_SIZE):
    """W1 (H,C), b1 (H), W2 (V,H), b2 (V): views into one flat array (params or grads)."""
    L = param_layout(hidden)
    C, H, V = INPUT_SIZE, hidden, OUTPUT_SIZE
    return (flat[L["w1"]:L["b1"]].reshape(H, C), flat[L["b1"]:L["w2"]],
            flat[L["w2"]:L["b2"]].reshape(V, H), flat[L["b2"]:L["total"]])


def init_params(seed=SEED, hidden=HIDDEN_SIZE):
    """He initialisation (std = sqrt(2 / fan_in)) for W1 and W2, zero biases (src/mlp/init.ts)."""
    L = param_layout(hidden)
    params = np.zeros(L["total"], dtype=np.float32)
    normal = gaussian(mulberry32(seed))
    std1 = math.sqrt(2.0 / INPUT_SIZE)
    n1 = hidden * INPUT_SIZE
    params[L["w1"]:L["w1"] + n1] = [normal() * std1 for _ in range(n1)]
    std2 = math.sqrt(2.0 / hidden)
    n2 = OUTPUT_SIZE * hidden
    params[L["w2"]:L["w2"] + n2] = [normal() * std2 for _ in range(n2)]
    return params


# ---- the kernels (src/mlp/reference.ts): float32 arrays, float64 sums ----

def f64(a):
    return a.astype(np.float64)


def matmul_forward(inp, weight, bias):
    """out (B,OC) = inp (B,C) . weight (OC,C)^T + bias (OC)"""
    return (f64(inp) @ f64(weight).T + f64(bias)).astype(np.float32)


def matmul_backward(dout, inp, weight, need_dinp=True):
    """dinp (B,C) = dout (B,OC) . weight (OC,C); dweight (OC,C) = dout^T . inp; dbias (OC) = sum over b of dout"""
    dinp = (f64(dout) @ f64(weight)).astype(np.float32) if need_dinp else None
    dweight = (f64(dout).T @ f64(inp)).astype(np.float32)
    dbias = f64(dout).sum(axis=0).astype(np.float32)
    return dinp, dweight, dbias


def relu_forward(inp):
    return np.where(inp > 0, inp, np.float32(0))


def relu_backward(dout, out):
    """dinp = dout where the forward output was positive, else 0"""
    return np.where(out > 0, dout, np.float32(0))


def softmax_xent(logits, targets, norm):
    """probs = softmax(logits); losses = -log probs[target]; dlogits = (probs - onehot) / norm.
    norm is the size of the whole batch (a shard of a batch passes the full batch size)."""
    z = f64(logits)
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    probs = (e / e.sum(axis=1, keepdims=True)).astype(np.float32)
    rows = np.arange(len(targets))
    losses = (-np.log(np.maximum(f64(probs[rows, targets]), 1e-30))).astype(np.float32)
    onehot = np.zeros(probs.shape)
    onehot[rows, targets] = 1.0
    dlogits = ((f64(probs) - onehot) / norm).astype(np.float32)
    return probs, losses, dlogits


def sgd_update(params, grads, lr):
    """params -= lr * grads, in float64, rounded to float32 once (in place)"""
    params[:] = (f64(params) - lr * f64(grads)).astype(np.float32)


def gather_batch(images, labels, indices):
    """x (B,C) = the listed images as floats in [0, 1]; targets (B) = their labels"""
    return (images[indices] / 255.0).astype(np.float32), labels[indices].astype(np.int64)


def shard_gradients(params, x, targets, norm, hidden=HIDDEN_SIZE):
    """The gradient of a batch (or of one shard of it) divided by the FULL batch size norm,
    so shards simply add up (src/backends/js/gradients.ts). Returns (grads, sum of the losses)."""
    w1, b1, w2, b2 = param_views(params, hidden)
    grads = np.empty_like(params)
    gw1, gb1, gw2, gb2 = param_views(grads, hidden)
    h = relu_forward(matmul_forward(x, w1, b1))
    logits = matmul_forward(h, w2, b2)
    _, losses, dlogits = softmax_xent(logits, targets, norm)
    dh, gw2[:], gb2[:] = matmul_backward(dlogits, h, w2)
    dh = relu_backward(dh, h)
    _, gw1[:], gb1[:] = matmul_backward(dh, x, w1, need_dinp=False)
    return grads, float(f64(losses).sum())


def reduce_gradients(shards):
    """Sum the shards' gradients in worker order, in float64, rounded once (src/backends/workers/reduce.ts)."""
    total = np.zeros(shards[0].shape, dtype=np.float64)
    for g in shards:
        total += g
    return total.astype(np.float32)


def shard_ranges(B, n):
    """Contiguous, balanced shards of a batch of B samples over n workers: (start, count), larger ones first."""
    base, extra = divmod(B, n)
    return [(i * base + min(i, extra), base + (1 if i < extra else 0)) for i in range(n)]


def evaluate(params, images, labels, hidden=HIDDEN_SIZE, chunk=1000):
    """Test loss and accuracy; the prediction is the first of equal maximal probabilities."""
    w1, b1, w2, b2 = param_views(params, hidden)
    loss, correct = 0.0, 0
    for s in range(0, len(labels), chunk):
        x, t = gather_batch(images, labels, np.arange(s, min(s + chunk, len(labels))))
        h = relu_forward(matmul_forward(x, w1, b1))
        probs, losses, _ = softmax_xent(matmul_forward(h, w2, b2), t, len(t))
        loss += f64(losses).sum()
        correct += int((probs.argmax(axis=1) == t).sum())
    return loss / len(labels), correct / len(labels)


# ---- MNIST: the IDX files, gzipped or not ----

def read_idx(path):
    if not os.path.exists(path) and os.path.exists(path + ".gz"):
        path += ".gz"
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        raw = f.read()
    dims = raw[3]
    shape = [int.from_bytes(raw[4 + 4 * i:8 + 4 * i], "big") for i in range(dims)]
    return np.frombuffer(raw, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape[0], -1).squeeze()


def load_mnist(data_dir):
    """(train images (N,784) uint8, train labels (N), test images, test labels)"""
    def f(name):
        return read_idx(os.path.join(data_dir, name))
    return (f("train-images-idx3-ubyte"), f("train-labels-idx1-ubyte"),
            f("t10k-images-idx3-ubyte"), f("t10k-labels-idx1-ubyte"))


# ---- shared by the run_*.py scripts ----

def arguments(description, workers=False):
    p = argparse.ArgumentParser(description=description)
    p.add_argument("--data", default="data", help="folder with the MNIST IDX files (.gz or not)")
    p.add_argument("--samples", type=int, default=SAMPLES, help="train on the first N images")
    p.add_argument("--epochs", type=int, default=EPOCHS)
    p.add_argument("--batch-size", type=int, default=BATCH_SIZE)
    p.add_argument("--learning-rate", type=float, default=LEARNING_RATE)
    p.add_argument("--seed", type=int, default=SEED)
    p.add_argument("--save", help="write the final parameters here (little-endian float32, the app's layout)")
    if workers:
        p.add_argument("--workers", type=int, default=WORKERS, help="shards per batch (processes)")
    return p


def train(args, batch_gradients, label):
    """The epoch loop every script shares; batch_gradients(params, indices, norm) -> (grads, loss sum)."""
    train_images, train_labels, test_images, test_labels = load_mnist(args.data)
    n = min(args.samples, len(train_labels))
    params = init_params(args.seed)
    print(f"{label}: {n} images, batch {args.batch_size}, lr {args.learning_rate}, seed {args.seed}, hidden {HIDDEN_SIZE}")
    for epoch in range(args.epochs):
        order = epoch_permutation(n, args.seed, epoch)
        t0 = time.perf_counter()
        loss_sum = 0.0
        for start in range(0, n, args.batch_size):
            indices = order[start:start + args.batch_size]
            grads, batch_loss = batch_gradients(params, indices, len(indices))
            sgd_update(params, grads, args.learning_rate)
            loss_sum += batch_loss
        ms = (time.perf_counter() - t0) * 1000
        print(f"epoch {epoch + 1}: loss {loss_sum / n:.4f}, {ms:.0f} ms/epoch, {n / ms * 1000:.0f} samples/s")
    test_loss, accuracy = evaluate(params, test_images, test_labels)
    print(f"test accuracy {accuracy * 100:.2f}% (test loss {test_loss:.4f})")
    if args.save:
        params.astype("<f4").tofile(args.save)
        print(f"parameters written to {args.save}")
    return params, accuracy
`;
}

export function runSequentialPy(): string {
  return `"""Sequential numpy: one process, the whole batch at once (the app's js backend)."""
from mlp import arguments, gather_batch, load_mnist, shard_gradients, train

if __name__ == "__main__":
    args = arguments(__doc__).parse_args()
    images, labels, _, _ = load_mnist(args.data)

    def batch_gradients(params, indices, B):
        x, t = gather_batch(images, labels, indices)
        return shard_gradients(params, x, t, B)

    train(args, batch_gradients, "sequential numpy")
`;
}

export function runJoblibPy(): string {
  return `"""Data parallelism with joblib: every batch is split into one shard per worker process; each
computes its shard's gradient (divided by the FULL batch size), the parent adds the shards and
applies ONE update. This is the app's workers backend (src/backends/workers/), with processes."""
from joblib import Parallel, delayed

from mlp import arguments, gather_batch, load_mnist, reduce_gradients, shard_gradients, shard_ranges, train

if __name__ == "__main__":
    args = arguments(__doc__, workers=True).parse_args()
    images, labels, _, _ = load_mnist(args.data)

    with Parallel(n_jobs=args.workers) as parallel:  # the pool lives for the whole run
        def batch_gradients(params, indices, B):
            jobs = []
            for start, count in shard_ranges(B, args.workers):
                if count == 0:
                    continue  # more workers than samples: this one sits the batch out
                x, t = gather_batch(images, labels, indices[start:start + count])
                jobs.append(delayed(shard_gradients)(params, x, t, B))
            results = parallel(jobs)  # in worker order
            return reduce_gradients([g for g, _ in results]), sum(loss for _, loss in results)

        train(args, batch_gradients, f"joblib, {args.workers} processes")
`;
}

export function runDaskPy(): string {
  return `"""Data parallelism with Dask: each batch's shards are tasks on a distributed cluster. The training
set is scattered to every worker ONCE (data placement); per batch only the parameters travel.
By default a LocalCluster of worker processes on this machine; --address tcp://host:8786 uses a
real cluster (every worker needs numpy; mlp.py is uploaded to them)."""
import os

from dask.distributed import Client, LocalCluster

from mlp import arguments, gather_batch, load_mnist, reduce_gradients, shard_gradients, shard_ranges, train


def shard_task(params, data, indices, norm):
    """Runs on a worker: gather the shard from the worker's copy of the data, return its gradient."""
    images, labels = data
    x, t = gather_batch(images, labels, indices)
    return shard_gradients(params, x, t, norm)


if __name__ == "__main__":
    parser = arguments(__doc__, workers=True)
    parser.add_argument("--address", help="scheduler of an existing cluster (default: start a LocalCluster)")
    args = parser.parse_args()
    images, labels, _, _ = load_mnist(args.data)
    n = min(args.samples, len(labels))

    if args.address:
        client = Client(args.address)
    else:
        cluster = LocalCluster(n_workers=args.workers, threads_per_worker=1, processes=True, dashboard_address=":0")
        client = Client(cluster)
    client.upload_file(os.path.join(os.path.dirname(os.path.abspath(__file__)), "mlp.py"))
    print(f"Dask dashboard: {client.dashboard_link}")
    data = client.scatter((images[:n], labels[:n]), broadcast=True)  # once, to every worker

    def batch_gradients(params, indices, B):
        p = client.scatter(params, broadcast=True)  # the model, once per batch
        futures = [client.submit(shard_task, p, data, indices[start:start + count], B, pure=False)
                   for start, count in shard_ranges(B, args.workers) if count > 0]
        results = client.gather(futures)  # in worker order
        return reduce_gradients([g for g, _ in results]), sum(loss for _, loss in results)

    try:
        train(args, batch_gradients, f"Dask, {len(client.scheduler_info()['workers'])} workers")
    finally:
        client.close()
`;
}
