// The fork/join pool behind parallel_for (see pool.h). One futex word per thread: the caller bumps
// a thread's `go` generation to start it and wakes it only if it went to sleep; the join is one
// counter of threads still busy, which the last thread to finish wakes the caller on.
#include "pool.h"

#include <emscripten.h>

static pool_timing timing;

void pool_timing_reset(void) { timing = (pool_timing){0, 0, 0, 0}; }
void pool_timing_read(pool_timing *out) { *out = timing; }

void parallel_for_if(long work, int begin, int end, range_fn fn, void *ctx) {
  if (work >= PARALLEL_MIN_WORK) parallel_for(begin, end, fn, ctx);
  else if (begin < end) fn(ctx, begin, end);  // counted as serial time, outside any region
}

#ifndef __EMSCRIPTEN_PTHREADS__

// Single-thread build: a region is a plain call.
int pool_set_threads(int n) { (void)n; return 1; }
int pool_threads(void) { return 1; }

void parallel_for(int begin, int end, range_fn fn, void *ctx) {
  double t0 = emscripten_get_now();
  if (begin < end) fn(ctx, begin, end);
  double dt = emscripten_get_now() - t0;
  timing.compute_ms += dt;
  timing.region_ms += dt;
  timing.regions += 1;
}

#else

#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>

// Spin this many polls before sleeping: regions of one batch follow each other within
// microseconds, and a futex wake-up costs far more than that.
#define SPIN_POLLS 20000
#define CACHE_LINE 64

// Dynamic schedule: the range is cut into about PIECES_PER_THREAD pieces per thread, and each
// thread grabs the next piece from a shared counter until none is left (OpenMP's
// schedule(dynamic)). On a busy machine a thread the OS pauses just takes fewer pieces instead of
// holding everyone at the barrier. Which thread computes a piece never changes its arithmetic, so
// results stay bit-identical.
#define PIECES_PER_THREAD 4

typedef struct {
  _Atomic int go;        // generation to run; the futex word this thread sleeps on
  _Atomic int sleeping;  // 1 while blocked in wait32, so the caller knows to notify
  double start, end;     // this thread's chunk in the current region (emscripten_get_now ms)
} __attribute__((aligned(CACHE_LINE))) slot_t;

static slot_t slots[POOL_MAX_THREADS];
static _Atomic int pending;            // threads still inside the current region
static _Atomic int caller_sleeping;
static int created = 1;                // threads that exist, the caller included
static int active = 1;                 // threads that take part in regions
static unsigned generation = 0;
static range_fn cur_fn;
static void *cur_ctx;
static int cur_begin, cur_len, cur_pieces;
static _Atomic int next_piece;

// Runs pieces of the current region until none is left.
static void run_pieces(void) {
  for (int k; (k = atomic_fetch_add_explicit(&next_piece, 1, memory_order_relaxed)) < cur_pieces;) {
    int lo = cur_begin + (int)((long long)cur_len * k / cur_pieces);
    int hi = cur_begin + (int)((long long)cur_len * (k + 1) / cur_pieces);
    cur_fn(cur_ctx, lo, hi);
  }
}

// Returns once *word != old: spin first, then sleep in memory.atomic.wait32.
static void wait_while(_Atomic int *word, int old, _Atomic int *sleeping) {
  for (int i = 0; i < SPIN_POLLS; i++) {
    if (atomic_load_explicit(word, memory_order_acquire) != old) return;
  }
  while (atomic_load(word) == old) {
    atomic_store(sleeping, 1);
    __builtin_wasm_memory_atomic_wait32((int *)word, old, -1);
    atomic_store(sleeping, 0);
  }
}

static void wake(_Atomic int *word, _Atomic int *sleeping) {
  if (atomic_load(sleeping)) __builtin_wasm_memory_atomic_notify((int *)word, 1);
}

static void *worker_main(void *arg) {
  int id = (int)(intptr_t)arg;
  int seen = 0;
  for (;;) {
    wait_while(&slots[id].go, seen, &slots[id].sleeping);
    seen = atomic_load(&slots[id].go);
    slots[id].start = emscripten_get_now();
    run_pieces();
    slots[id].end = emscripten_get_now();
    if (atomic_fetch_sub(&pending, 1) == 1) wake(&pending, &caller_sleeping);
  }
  return 0;
}

int pool_set_threads(int n) {
  if (n < 1) n = 1;
  if (n > POOL_MAX_THREADS) n = POOL_MAX_THREADS;
  // All threads are created the first time more than one is asked for, and never again (the Web
  // Workers behind them are prebuilt by -sPTHREAD_POOL_SIZE); a smaller count leaves some asleep.
  // Creating them all at once also allocates their stacks once, so the heap never grows later.
  for (; n > 1 && created < POOL_MAX_THREADS; created++) {
    pthread_t t;
    if (pthread_create(&t, 0, worker_main, (void *)(intptr_t)created) != 0) break;
    pthread_detach(t);
  }
  active = n < created ? n : created;
  return active;
}

int pool_threads(void) { return active; }

void parallel_for(int begin, int end, range_fn fn, void *ctx) {
  int n = end - begin < active ? end - begin : active;
  double t0 = emscripten_get_now();
  if (n <= 1) {
    if (begin < end) fn(ctx, begin, end);
    double dt = emscripten_get_now() - t0;
    timing.compute_ms += dt;
    timing.region_ms += dt;
    timing.regions += 1;
    return;
  }
  cur_fn = fn;
  cur_ctx = ctx;
  cur_begin = begin;
  cur_len = end - begin;
  cur_pieces = cur_len < n * PIECES_PER_THREAD ? cur_len : n * PIECES_PER_THREAD;
  atomic_store(&next_piece, 0);
  atomic_store(&pending, n - 1);
  generation++;
  for (int id = 1; id < n; id++) {
    atomic_store(&slots[id].go, (int)generation);
    wake(&slots[id].go, &slots[id].sleeping);
  }
  slots[0].start = emscripten_get_now();
  run_pieces();
  slots[0].end = emscripten_get_now();
  for (int p; (p = atomic_load(&pending)) != 0;) wait_while(&pending, p, &caller_sleeping);
  double t1 = emscripten_get_now();
  double compute = 0, barrier = 0;
  for (int id = 0; id < n; id++) {
    compute += slots[id].end - slots[id].start;
    barrier += (slots[id].start - t0) + (t1 - slots[id].end);
  }
  timing.compute_ms += compute / n;
  timing.barrier_ms += barrier / n;
  timing.region_ms += t1 - t0;
  timing.regions += 1;
}

#endif
