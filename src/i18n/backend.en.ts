// What the backends say, in English. Backends emit message ids with parameters (BackendMessage in
// src/backends/messages.ts); the words are made here, once, when they are shown. Placeholders:
// {name}; {name:bytes} formats a byte count (kB/MB); a key with _one/_other variants is chosen by
// the plural rule of its `count` parameter. backend.es.ts has the same keys (the type checks it).
export const backendEn = {
  // breakdown parts: TimingPart.id → label
  part_compute: 'compute',
  part_waiting: 'waiting (load imbalance)',
  part_messaging: 'messaging',
  part_reduction: 'reduction + update',
  part_barrier: 'barrier wait',
  part_serial: 'serial',
  part_h2d: 'host→device',
  part_kernel: 'kernel',
  part_d2h: 'device→host',
  part_other: 'other',

  // how each part was measured
  method_js_compute: 'performance.now() around the epoch (one thread)',
  method_workers_compute: 'performance.now() in each worker around its shard; mean over busy workers, summed over batches',
  method_workers_waiting: 'slowest shard − mean shard per batch, summed',
  method_workers_messaging: "coordinator's dispatch→all-shards-back time minus the slowest shard, per batch, summed",
  method_workers_reduction: 'performance.now() on the coordinator around the shard sum and the SGD update',
  method_workers_other: 'epoch wall time minus the parts above (epoch start/stop, progress, yields)',
  method_wasm_compute: "emscripten_get_now() (performance.now()) around every piece of every parallel_for, summed and divided by the region's threads (mean busy time per thread)",
  method_wasm_barrier: 'wall time of each parallel region minus its mean busy time per thread: waking threads, waiting for the last piece at the join, threads the OS paused',
  method_wasm_serial: 'time inside the C epoch loop outside parallel regions, one thread: softmax_xent, the loss sum, and loops too small to split (under PARALLEL_MIN_WORK, such as ReLU at H = {hidden})',
  method_wasm_messaging: 'epoch wall time (performance.now() here) minus time inside the C loop: order upload and one comlink round trip per chunk',
  method_gpu_h2d_one: 'performance.now() from writeBuffer until queue.onSubmittedWorkDone(), {count} upload, {bytes:bytes}',
  method_gpu_h2d_other: 'performance.now() from writeBuffer until queue.onSubmittedWorkDone(), {count} uploads, {bytes:bytes}',
  method_gpu_kernel: 'timestamp-query around each kernel on {cadence} ({timed} of {steps} steps), mean per kernel × dispatches; {resolution}',
  method_gpu_d2h_one: 'performance.now() around copy + mapAsync() of the losses after the GPU went idle, {count} read-back, {bytes:bytes}',
  method_gpu_d2h_other: 'performance.now() around copy + mapAsync() of the losses after the GPU went idle, {count} read-backs, {bytes:bytes}',
  method_gpu_other: 'epoch wall time minus the parts above: gaps between kernels (launch cost), command encoding, host-side work',
  method_gpu_other_naive: 'epoch wall time minus the parts above: gaps between kernels (launch cost), command encoding, host-side work (the JS gather of each batch)',
  method_gpu_no_kernel: 'kernel time not available (the adapter has no timestamp-query), so it is inside this part',
  method_clamped: 'clamped at 0 (the parts overlap by {ms} ms)',
  cadence_one: 'every step',
  cadence_other: '1 step in {count}',
  resolution_unknown: 'unknown resolution',
  resolution_ns: 'nanosecond timestamps',
  resolution_quantum: 'timestamps quantised to {value} {unit}',
  resolution_quantum_browser: 'timestamps quantised to {value} {unit} by the browser',

  // what each backend is running: describe()
  describe_js: 'sequential TypeScript',
  describe_workers_none: 'worker pool (not initialised)',
  describe_workers_one: '{count} worker, {mode} ({why})',
  describe_workers_other: '{count} workers, {mode} ({why})',
  describe_wasm_none: 'C → WASM (not initialised)',
  describe_wasm_scalar: 'C → WASM, scalar, 1 thread (the sequential-C baseline)',
  describe_wasm_simd: 'C → WASM, SIMD128, 1 thread',
  describe_wasm_simd_mt: 'C → WASM, SIMD128, {threads} threads (pthreads, shared memory)',
  describe_webgpu_naive: 'naive: each batch uploaded, loss read back every step{where}',
  describe_webgpu_resident: 'resident: data and weights on the GPU, loss read back once per epoch{where}',
  describe_webgpu_resident_every: 'resident: data and weights on the GPU, loss read back every {every} steps{where}',
  on_adapter: ' on {adapter}',

  // the workers backend's modes, why each was chosen (a few words, and the full sentence)
  workers_mode_shared_atomics: 'shared memory, batches signalled with Atomics',
  workers_mode_shared_messages: 'shared memory, one message per worker per batch',
  workers_mode_transfer: 'message passing: model copied to each worker per batch, gradients transferred back',
  workers_why_force: 'forceTransfer option',
  workers_why_not_isolated: 'not cross-origin isolated',
  workers_why_dispatch: 'dispatch option',
  workers_why_no_wait_async: 'no Atomics.waitAsync',
  workers_why_isolated: 'crossOriginIsolated',
  workers_reason_force: 'forceTransfer option set: the non-shared fallback is used on purpose',
  workers_reason_not_isolated: 'the page is not cross-origin isolated, so SharedArrayBuffer is unavailable: each worker keeps its own copy of the data and the model travels by message',
  workers_reason_dispatch: 'dispatch "messages" option: shared memory, but each batch is started by a comlink call',
  workers_reason_no_wait_async: 'shared memory available, but Atomics.waitAsync is missing in this browser: each batch is started by a comlink call',
  workers_reason_isolated: 'crossOriginIsolated: parameters and training set in SharedArrayBuffers (loaded once), batches signalled through a shared control block with Atomics',
  workers_tasks_recorded: 'first {recorded} of {batches} batches (worker −1 = coordinator)',

  // the wasm backend: when it runs something else than was asked, and why
  wasm_as_requested: 'as requested',
  wasm_fallback_no_simd: 'this browser has no WebAssembly SIMD; running the scalar single-thread build',
  wasm_fallback_scalar_threads: 'the scalar build is the single-thread sequential-C baseline; running 1 thread instead of {threads}',
  wasm_fallback_not_isolated: 'threads need SharedArrayBuffer, which needs a cross-origin-isolated page (COOP/COEP headers); running the single-thread SIMD build instead of {threads} threads',

  // the webgpu backend's notes
  webgpu_profiling: 'timestamp-query, {cadence}',
  webgpu_profiling_none: 'not available (no timestamp-query on this adapter)',
  webgpu_upload_once: '{bytes:bytes} in {ms} ms (once, in setData)',
  webgpu_upload_none: 'none: naive mode keeps the training set on the host',

  // why a backend cannot run here
  unsupported_no_workers: 'Web Workers are not available in this context, so there is no pool to run on',
  unsupported_no_wasm: 'this browser has no WebAssembly',
  unsupported_no_worker_context: 'this context cannot start a Web Worker (the C code runs in one)',
  unsupported_insecure: 'WebGPU needs a secure context (https or localhost)',
  unsupported_no_gpu: 'WebGPU is not available in this browser (navigator.gpu is missing)',
  unsupported_no_adapter: 'no WebGPU adapter was found (navigator.gpu.requestAdapter() returned null)',
  unsupported_adapter_failed: 'requesting a WebGPU adapter failed: {message}',

  // errors a student can meet: BackendError codes
  error_unsupported: 'backend "{backend}" is not supported here: {reason}',
  error_worker_fault: 'workers backend: worker {worker} failed: {message}. The run stopped; the model keeps the parameters of the last completed batch ({completed} applied this epoch); the pool is rebuilt on the next run.',
  error_worker_fault_batch: 'workers backend: worker {worker} failed during batch {batch}: {message}. The run stopped; the model keeps the parameters of the last completed batch ({completed} applied this epoch); the pool is rebuilt on the next run.',
  error_device_lost: 'webgpu: the GPU device was lost (reason: {reason}{detail}). The run was stopped and the weights on the GPU are gone; initialise the backend again to continue.',
  error_gpu_limits: 'webgpu: {what} does not fit this device: {problems}',
  error_diverged: 'the training loss became {value} at batch {batch} of epoch {epoch}: the run diverged and was stopped. Try a smaller learning rate (this run used {lr}).',
  fit_model: 'a model with {hidden} hidden units',
  fit_data: 'a training set of {count} samples',
  fit_batch: 'batch size {batch} with {hidden} hidden units',
  fit_steps: 'an epoch of {steps} steps',
} as const;
