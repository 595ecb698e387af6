// mlp_pycuda.py: the WGSL kernels' CUDA twins (kernels/*.wgsl), same names, one CUDA block of WG
// threads where WebGPU has a workgroup of WG invocations, timed with cuda.Event (H2D / kernel / D2H).

/** The CUDA source inside mlp_pycuda.py, between these markers (the CI check compiles it as C). */
export const CUDA_BEGIN = 'KERNELS = r"""';
export const CUDA_END = '"""  # end of KERNELS';

export function mlpPycudaPy(): string {
  return `"""The MLP on an NVIDIA GPU with PyCUDA: the CUDA twins of the app's WGSL kernels (kernels/*.wgsl),
with the same names and the same workgroup size (one CUDA block of WG threads = one WebGPU workgroup).
They are the plain versions (one thread per output); the app's WGSL adds register tiling.
Times the epoch's parts with cuda.Event: host-to-device copies (H2D), kernels, device-to-host (D2H).

    pip install pycuda   # needs the CUDA toolkit (nvcc)
    python3 mlp_pycuda.py --data data [--save params.f32]
"""
import numpy as np
import pycuda.autoinit  # noqa: F401  (creates the CUDA context)
import pycuda.driver as cuda
from pycuda.compiler import SourceModule

from mlp import (HIDDEN_SIZE, INPUT_SIZE, OUTPUT_SIZE, arguments, epoch_permutation, evaluate,
                 init_params, load_mnist, param_layout)

WG = 64  # threads per block, the WGSL kernels' workgroup size

${CUDA_BEGIN}
// gather_batch: x (B,C) = images[order[start + b]] / 255; targets (B) = labels[...]
__global__ void gather_batch(const unsigned char *images, const unsigned char *labels, const unsigned int *order,
                             unsigned int start, unsigned int B, unsigned int C, float *x, unsigned int *targets) {
  unsigned int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i >= B * C) return;
  unsigned int b = i / C, c = i % C, n = order[start + b];
  x[i] = images[n * C + c] / 255.0f;
  if (c == 0) targets[b] = labels[n];
}

// matmul_forward_relu: out (B,OC) = relu(inp (B,C) . weight (OC,C)^T + bias (OC)); weight and bias inside params
__global__ void matmul_forward_relu(const float *inp, const float *params, float *out, unsigned int B, unsigned int C,
                                    unsigned int OC, unsigned int W_OFFSET, unsigned int B_OFFSET) {
  unsigned int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i >= B * OC) return;
  unsigned int b = i / OC, o = i % OC;
  float sum = params[B_OFFSET + o];
  for (unsigned int c = 0; c < C; c++) sum += inp[b * C + c] * params[W_OFFSET + o * C + c];
  out[i] = sum > 0.0f ? sum : 0.0f;
}

// matmul_forward: out (B,OC) = inp (B,C) . weight (OC,C)^T + bias (OC)
__global__ void matmul_forward(const float *inp, const float *params, float *out, unsigned int B, unsigned int C,
                               unsigned int OC, unsigned int W_OFFSET, unsigned int B_OFFSET) {
  unsigned int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i >= B * OC) return;
  unsigned int b = i / OC, o = i % OC;
  float sum = params[B_OFFSET + o];
  for (unsigned int c = 0; c < C; c++) sum += inp[b * C + c] * params[W_OFFSET + o * C + c];
  out[i] = sum;
}

// softmax_xent: dlogits (B,V) = (softmax(logits) - onehot) / B; step_losses[index] = sum of -log p[target].
// One block: thread i takes samples i, i + WG, ...; after one barrier thread 0 adds the WG partial sums.
__global__ void softmax_xent(const float *logits, const unsigned int *targets, float *dlogits, float *step_losses,
                             unsigned int index, unsigned int B, unsigned int V) {
  __shared__ float partial[64];
  unsigned int lid = threadIdx.x;
  float loss_sum = 0.0f;
  for (unsigned int b = lid; b < B; b += blockDim.x) {
    const float *row = logits + b * V;
    float m = row[0];
    for (unsigned int v = 1; v < V; v++) m = fmaxf(m, row[v]);
    float sum = 0.0f;
    for (unsigned int v = 0; v < V; v++) sum += expf(row[v] - m);
    for (unsigned int v = 0; v < V; v++) {
      float p = expf(row[v] - m) / sum;
      if (v == targets[b]) loss_sum -= logf(fmaxf(p, 1e-30f));
      dlogits[b * V + v] = (p - (v == targets[b] ? 1.0f : 0.0f)) / (float)B;
    }
  }
  partial[lid] = loss_sum;
  __syncthreads();
  if (lid == 0) {
    float total = 0.0f;
    for (unsigned int i = 0; i < blockDim.x; i++) total += partial[i];
    step_losses[index] = total;
  }
}

// matmul_backward_input_relu: dinp (B,C) = (dout (B,OC) . weight (OC,C)) where the hidden output > 0, else 0
__global__ void matmul_backward_input_relu(const float *dout, const float *hidden, const float *params, float *dinp,
                                           unsigned int B, unsigned int C, unsigned int OC, unsigned int W_OFFSET) {
  unsigned int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i >= B * C) return;
  unsigned int b = i / C, c = i % C;
  float sum = 0.0f;
  for (unsigned int o = 0; o < OC; o++) sum += dout[b * OC + o] * params[W_OFFSET + o * C + c];
  dinp[i] = hidden[i] > 0.0f ? sum : 0.0f;
}

// matmul_backward_weight: dweight (OC,C) = dout (B,OC)^T . inp (B,C); dbias (OC) = sum over b of dout
// (the threads of column c = 0 also sum the bias). Written, not accumulated.
__global__ void matmul_backward_weight(const float *dout, const float *inp, float *grads, unsigned int B,
                                       unsigned int C, unsigned int OC, unsigned int W_OFFSET, unsigned int B_OFFSET) {
  unsigned int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i >= OC * C) return;
  unsigned int o = i / C, c = i % C;
  float sum = 0.0f;
  for (unsigned int b = 0; b < B; b++) sum += dout[b * OC + o] * inp[b * C + c];
  grads[W_OFFSET + i] = sum;
  if (c == 0) {
    float db = 0.0f;
    for (unsigned int b = 0; b < B; b++) db += dout[b * OC + o];
    grads[B_OFFSET + o] = db;
  }
}

// sgd_update: params (N) -= lr * grads (N)
__global__ void sgd_update(const float *grads, float *params, float lr, unsigned int N) {
  unsigned int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < N) params[i] -= lr * grads[i];
}
${CUDA_END}


def blocks(n):
    return ((n + WG - 1) // WG, 1, 1)


def main():
    args = arguments(__doc__).parse_args()
    train_images, train_labels, test_images, test_labels = load_mnist(args.data)
    n = min(args.samples, len(train_labels))
    C, H, V, Bmax = INPUT_SIZE, HIDDEN_SIZE, OUTPUT_SIZE, args.batch_size
    L = param_layout()
    k = SourceModule(KERNELS)
    kernel = {name: k.get_function(name) for name in (
        "gather_batch", "matmul_forward_relu", "matmul_forward", "softmax_xent",
        "matmul_backward_input_relu", "matmul_backward_weight", "sgd_update")}
    u32, f32 = np.uint32, np.float32
    params = init_params(args.seed)
    steps = (n + Bmax - 1) // Bmax
    start_ev, mid_ev, end_ev = cuda.Event(), cuda.Event(), cuda.Event()

    # H2D: the training set (bytes), the order, the parameters; scratch buffers on the device
    start_ev.record()
    d_images = cuda.to_device(np.ascontiguousarray(train_images[:n]))
    d_labels = cuda.to_device(np.ascontiguousarray(train_labels[:n]))
    d_params = cuda.to_device(params)
    end_ev.record()
    end_ev.synchronize()
    print(f"H2D (data + parameters): {start_ev.time_till(end_ev):.2f} ms")
    d_order = cuda.mem_alloc(4 * n)
    d_x, d_t = cuda.mem_alloc(4 * Bmax * C), cuda.mem_alloc(4 * Bmax)
    d_h, d_dh = cuda.mem_alloc(4 * Bmax * H), cuda.mem_alloc(4 * Bmax * H)
    d_logits, d_dlogits = cuda.mem_alloc(4 * Bmax * V), cuda.mem_alloc(4 * Bmax * V)
    d_grads, d_losses = cuda.mem_alloc(4 * L["total"]), cuda.mem_alloc(4 * steps)
    print(f"PyCUDA on {cuda.Device(0).name()}: {n} images, batch {Bmax}, lr {args.learning_rate}, seed {args.seed}")

    for epoch in range(args.epochs):
        order = epoch_permutation(n, args.seed, epoch).astype(np.uint32)
        start_ev.record()
        cuda.memcpy_htod(d_order, order)
        mid_ev.record()
        for i in range(steps):
            s = i * Bmax
            B = min(Bmax, n - s)
            kernel["gather_batch"](d_images, d_labels, d_order, u32(s), u32(B), u32(C), d_x, d_t,
                                   block=(WG, 1, 1), grid=blocks(B * C))
            kernel["matmul_forward_relu"](d_x, d_params, d_h, u32(B), u32(C), u32(H), u32(L["w1"]), u32(L["b1"]),
                                          block=(WG, 1, 1), grid=blocks(B * H))
            kernel["matmul_forward"](d_h, d_params, d_logits, u32(B), u32(H), u32(V), u32(L["w2"]), u32(L["b2"]),
                                     block=(WG, 1, 1), grid=blocks(B * V))
            kernel["softmax_xent"](d_logits, d_t, d_dlogits, d_losses, u32(i), u32(B), u32(V),
                                   block=(WG, 1, 1), grid=(1, 1, 1))
            kernel["matmul_backward_input_relu"](d_dlogits, d_h, d_params, d_dh, u32(B), u32(H), u32(V), u32(L["w2"]),
                                                 block=(WG, 1, 1), grid=blocks(B * H))
            kernel["matmul_backward_weight"](d_dlogits, d_h, d_grads, u32(B), u32(H), u32(V), u32(L["w2"]), u32(L["b2"]),
                                             block=(WG, 1, 1), grid=blocks(V * H))
            kernel["matmul_backward_weight"](d_dh, d_x, d_grads, u32(B), u32(C), u32(H), u32(L["w1"]), u32(L["b1"]),
                                             block=(WG, 1, 1), grid=blocks(H * C))
            kernel["sgd_update"](d_grads, d_params, f32(args.learning_rate), u32(L["total"]),
                                 block=(WG, 1, 1), grid=blocks(L["total"]))
        end_ev.record()
        end_ev.synchronize()
        h2d_ms, kernel_ms = start_ev.time_till(mid_ev), mid_ev.time_till(end_ev)
        start_ev.record()
        losses = cuda.from_device(d_losses, (steps,), np.float32)
        end_ev.record()
        end_ev.synchronize()
        d2h_ms = start_ev.time_till(end_ev)
        print(f"epoch {epoch + 1}: loss {losses.sum() / n:.4f}, H2D {h2d_ms:.2f} ms, kernels {kernel_ms:.1f} ms, "
              f"D2H {d2h_ms:.2f} ms, {h2d_ms + kernel_ms + d2h_ms:.0f} ms/epoch")

    params = cuda.from_device(d_params, params.shape, np.float32)
    _, accuracy = evaluate(params, test_images, test_labels)
    print(f"test accuracy {accuracy * 100:.2f}%")
    if args.save:
        params.astype("<f4").tofile(args.save)
        print(f"parameters written to {args.save}")


if __name__ == "__main__":
    main()
`;
}
