// The OpenMP lab (lesson 05): small C demos of what `#pragma omp` does, on the same pool as the
// training (pool.c). Each demo names the directive it stands for. Results go to `lab_out` (doubles,
// read by src/backends/wasm/omplab.ts); times come from lab_now() (performance.timeOrigin + now()).
#include <emscripten.h>
#include <pthread.h>
#include <stdatomic.h>

#include "pool.h"

#define LAB_OUT 16384
static double lab_out[LAB_OUT];
EMSCRIPTEN_KEEPALIVE double *omp_out(void) { return lab_out; }

// ---- a team: `#pragma omp parallel` -----------------------------------------------------------
// parallel_for hands out pieces dynamically; with one piece per thread and a start line that no
// piece passes until every piece is held, each piece is held by a different thread: a team of
// `n` threads, the piece's index being the thread's rank (omp_get_thread_num()).
typedef void (*team_fn)(void *ctx, int rank, int n);
typedef struct {
  team_fn fn;
  void *ctx;
  int n;
} team_t;
static _Atomic int arrived, started;
// One clock for every thread: emscripten_get_now() in a pool thread is corrected by an offset
// measured when its Worker started, off by that message's latency (milliseconds on a busy machine),
// which would shift one thread's boxes against another's on the timeline. timeOrigin + now() is the
// same wall clock in every Worker.
EM_JS(double, lab_now, (void), { return performance.timeOrigin + performance.now(); });
static double t_start;  // when the whole team was there: the clock of the demos starts here
static double since_start(void) { return lab_now() - t_start; }

static void team_body(void *p, int lo, int hi) {
  team_t *t = p;
  // The last thread to arrive starts the clock, so waking the threads is not timed (with more
  // threads than cores it can take a whole time slice of the OS, far longer than the demos).
  if (atomic_fetch_add(&arrived, 1) + 1 == t->n) {
    t_start = lab_now();
    atomic_store(&started, 1);
  }
  while (!atomic_load(&started)) {
  }
  for (int rank = lo; rank < hi; rank++) t->fn(t->ctx, rank, t->n);
}

// Runs fn on a team of `threads` (clamped to the pool); returns the team size. The time from the
// start line to the end of the region (join included) is since_start() right after it.
static int team_run(int threads, team_fn fn, void *ctx) {
  int before = pool_threads();
  int n = pool_set_threads(threads);
  atomic_store(&arrived, 0);
  atomic_store(&started, 0);
  team_t t = {fn, ctx, n};
  parallel_for(0, n, team_body, &t);
  pool_set_threads(before);
  return n;
}

// ---- hello: omp_get_thread_num() / omp_get_num_threads() --------------------------------------
static _Atomic int greeting;
static void hello_body(void *ctx, int rank, int n) {
  (void)ctx;
  int order = atomic_fetch_add(&greeting, 1);  // the order the greetings came in
  lab_out[3 * rank] = rank;
  lab_out[3 * rank + 1] = pool_thread_id();  // which of the pool's threads (Web Workers) it is
  lab_out[3 * rank + 2] = order;
  (void)n;
}

// out: [rank, pool thread, order] per thread; returns the team size.
EMSCRIPTEN_KEEPALIVE int omp_hello(int threads) {
  atomic_store(&greeting, 0);
  return team_run(threads, hello_body, 0);
}

// ---- one sum, four ways: shared (racy), critical, atomic, reduction ---------------------------
enum { SUM_RACY, SUM_CRITICAL, SUM_ATOMIC, SUM_REDUCTION };
typedef struct {
  int n, mode;
} sum_ctx;
static volatile long long shared_sum;  // volatile: every += really loads and stores memory
static _Atomic long long atomic_sum;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static long long partial[POOL_MAX_THREADS];

static void sum_body(void *p, int rank, int n) {
  sum_ctx *c = p;
  int lo = (int)((long long)c->n * rank / n), hi = (int)((long long)c->n * (rank + 1) / n);  // schedule(static)
  switch (c->mode) {
    case SUM_RACY:  // sum += i; with sum shared: load, add, store, and another thread in between
      for (int i = lo; i < hi; i++) shared_sum += i;
      break;
    case SUM_CRITICAL:  // #pragma omp critical: one thread at a time, through a mutex
      for (int i = lo; i < hi; i++) {
        pthread_mutex_lock(&lock);
        shared_sum += i;
        pthread_mutex_unlock(&lock);
      }
      break;
    case SUM_ATOMIC:  // #pragma omp atomic: one indivisible read-modify-write
      for (int i = lo; i < hi; i++) atomic_fetch_add_explicit(&atomic_sum, i, memory_order_relaxed);
      break;
    case SUM_REDUCTION: {  // reduction(+:sum): a private sum per thread, combined at the end
      long long mine = 0;
      for (int i = lo; i < hi; i++) mine += i;
      partial[rank] = mine;
      break;
    }
  }
}

// sum of i for i in [0, n) on `threads` threads; out: [total, ms, team size].
EMSCRIPTEN_KEEPALIVE void omp_sum(int threads, int n, int mode) {
  shared_sum = 0;
  atomic_store(&atomic_sum, 0);
  for (int t = 0; t < POOL_MAX_THREADS; t++) partial[t] = 0;
  sum_ctx c = {n, mode};
  int team = team_run(threads, sum_body, &c);
  long long total = shared_sum;
  if (mode == SUM_ATOMIC) total = atomic_load(&atomic_sum);
  if (mode == SUM_REDUCTION) {
    total = 0;
    for (int t = 0; t < team; t++) total += partial[t];
  }
  lab_out[1] = since_start();
  lab_out[0] = (double)total;
  lab_out[2] = team;
}

// ---- schedule(static | dynamic | guided, chunk) on an unbalanced loop -------------------------
enum { SCHED_STATIC, SCHED_DYNAMIC, SCHED_GUIDED };
#define SCHED_MAX_N 4096
#define CHUNK_AT 8  // chunk records start here in lab_out: [rank, lo, hi, start ms, end ms]
typedef struct {
  int n, kind, chunk, cost;
} sched_ctx;
static _Atomic int next_iter, chunks_logged;
static _Atomic int hits[SCHED_MAX_N];
static volatile float sink;

static void iteration(int i, int cost) {  // iteration i costs (i + 1) × cost steps
  float x = 0;
  for (int k = 0; k < (i + 1) * cost; k++) x = x * 0.999f + 1.0f;
  sink = x;
  atomic_fetch_add(&hits[i], 1);
}

static void run_chunk(sched_ctx *c, int rank, int lo, int hi) {
  double start = since_start();
  for (int i = lo; i < hi; i++) iteration(i, c->cost);
  int k = atomic_fetch_add(&chunks_logged, 1);
  double *rec = &lab_out[CHUNK_AT + 5 * k];
  rec[0] = rank, rec[1] = lo, rec[2] = hi, rec[3] = start, rec[4] = since_start();
}

static void sched_body(void *p, int rank, int n) {
  sched_ctx *c = p;
  if (c->kind == SCHED_STATIC) {
    if (c->chunk <= 0) {  // schedule(static): one contiguous block per thread
      int lo = (int)((long long)c->n * rank / n), hi = (int)((long long)c->n * (rank + 1) / n);
      if (lo < hi) run_chunk(c, rank, lo, hi);
    } else {  // schedule(static, chunk): chunks dealt round-robin
      for (int lo = rank * c->chunk; lo < c->n; lo += n * c->chunk) run_chunk(c, rank, lo, lo + c->chunk < c->n ? lo + c->chunk : c->n);
    }
    return;
  }
  int min = c->chunk > 0 ? c->chunk : 1;
  for (;;) {  // dynamic and guided: take the next chunk from a shared counter
    int lo = atomic_load(&next_iter), size;
    do {
      if (lo >= c->n) return;
      size = min;
      if (c->kind == SCHED_GUIDED) {  // guided: what is left split among the threads, never below chunk
        int share = (c->n - lo + n - 1) / n;
        if (share > size) size = share;
      }
    } while (!atomic_compare_exchange_weak(&next_iter, &lo, lo + size));
    run_chunk(c, rank, lo, lo + size < c->n ? lo + size : c->n);
  }
}

// out: [chunks, ms, iterations run exactly once, team size], then the chunks from CHUNK_AT.
EMSCRIPTEN_KEEPALIVE void omp_schedule(int threads, int n, int kind, int chunk, int cost) {
  if (n > SCHED_MAX_N) n = SCHED_MAX_N;
  atomic_store(&next_iter, 0);
  atomic_store(&chunks_logged, 0);
  for (int i = 0; i < n; i++) atomic_store(&hits[i], 0);
  sched_ctx c = {n, kind, chunk, cost};
  int team = team_run(threads, sched_body, &c);
  lab_out[1] = since_start();
  int once = 0;
  for (int i = 0; i < n; i++) once += atomic_load(&hits[i]) == 1;
  lab_out[0] = atomic_load(&chunks_logged);
  lab_out[2] = once;
  lab_out[3] = team;
}

// ---- false sharing: per-thread counters in one cache line vs one line each --------------------
#define CACHE_LINE 64
static volatile int adjacent[POOL_MAX_THREADS] __attribute__((aligned(CACHE_LINE)));
static struct {
  volatile int count;
  char pad[CACHE_LINE - sizeof(int)];
} padded[POOL_MAX_THREADS] __attribute__((aligned(CACHE_LINE)));

typedef struct {
  int iters, padded;
} fs_ctx;

static void fs_body(void *p, int rank, int n) {
  fs_ctx *c = p;
  (void)n;
  volatile int *mine = c->padded ? &padded[rank].count : &adjacent[rank];  // private to this thread
  for (int i = 0; i < c->iters; i++) *mine += 1;
}

// out: [ms, team size, count per thread...].
EMSCRIPTEN_KEEPALIVE void omp_false_sharing(int threads, int iters, int pad) {
  for (int t = 0; t < POOL_MAX_THREADS; t++) adjacent[t] = 0, padded[t].count = 0;
  fs_ctx c = {iters, pad};
  int team = team_run(threads, fs_body, &c);
  lab_out[0] = since_start();
  lab_out[1] = team;
  for (int t = 0; t < team; t++) lab_out[2 + t] = pad ? padded[t].count : adjacent[t];
}

// ---- the source course's pattern: per-thread gradients merged under critical ------------------
// A linear model, loss ½(w·x − y)² per sample, gradient (w·x − y)·x. The data are small integers,
// so every sum is exact and the merged gradient can be compared with the serial one exactly.
#define GRAD_D 8
typedef struct {
  int batches, batch_size, fixed;
} grad_ctx;
static double merged[GRAD_D];
static double merged_samples;

static void sample_grad(int s, double *g) {
  double x[GRAD_D], wx = 0, y = (s % 5) - 2;
  for (int j = 0; j < GRAD_D; j++) x[j] = ((s * 7 + j * 3) % 11) - 5, wx += ((j % 3) - 1) * x[j];
  for (int j = 0; j < GRAD_D; j++) g[j] += (wx - y) * x[j];
}

static void grad_body(void *p, int rank, int n) {
  grad_ctx *c = p;
  double grad[GRAD_D] = {0}, g_samples = 0;  // private to the thread (declared inside the parallel region)
  int lo = (int)((long long)c->batches * rank / n), hi = (int)((long long)c->batches * (rank + 1) / n);  // omp for
  for (int b = lo; b < hi; b++) {
    if (!c->fixed) {  // the bug: train_batch starts with grad.assign(size, 0) on every batch
      for (int j = 0; j < GRAD_D; j++) grad[j] = 0;
      g_samples = 0;
    }
    for (int s = b * c->batch_size; s < (b + 1) * c->batch_size; s++) sample_grad(s, grad), g_samples++;
  }
  pthread_mutex_lock(&lock);  // #pragma omp critical
  for (int j = 0; j < GRAD_D; j++) merged[j] += grad[j];
  merged_samples += g_samples;
  pthread_mutex_unlock(&lock);
}

// out: [samples merged, team size, merged gradient (GRAD_D), serial gradient (GRAD_D)].
EMSCRIPTEN_KEEPALIVE void omp_gradients(int threads, int batches, int batch_size, int fixed) {
  for (int j = 0; j < GRAD_D; j++) merged[j] = 0;
  merged_samples = 0;
  grad_ctx c = {batches, batch_size, fixed};
  int team = team_run(threads, grad_body, &c);
  double serial[GRAD_D] = {0};
  for (int s = 0; s < batches * batch_size; s++) sample_grad(s, serial);
  lab_out[0] = merged_samples;
  lab_out[1] = team;
  for (int j = 0; j < GRAD_D; j++) lab_out[2 + j] = merged[j], lab_out[2 + GRAD_D + j] = serial[j];
}
