// The fork/join pool behind parallel_for (see pool.h). One futex word per thread: the caller bumps
// a thread's `go` generation to start it and wakes it only if it went to sleep; the join is one
// counter of finished pieces, and whoever finishes the last piece wakes the caller.
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
int pool_thread_id(void) { return 0; }
int pool_inject_fault(int thread, int kind) { (void)thread; (void)kind; return 0; }

void parallel_for(int begin, int end, range_fn fn, void *ctx) {
  double t0 = emscripten_get_now();
  if (begin < end) fn(ctx, begin, end);
  double dt = emscripten_get_now() - t0;
  timing.compute_ms += dt;
  timing.region_ms += dt;
  timing.regions += 1;
}

#else

#include <emscripten/threading.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>

// How long a waiting thread spins before it sleeps on the futex (libgomp's GOMP_SPINCOUNT, in
// time). A batch's two regions are microseconds apart (the loss sum, the next call from
// JavaScript), and waking a sleeping thread costs about as much as a whole small region, so
// threads keep spinning across a batch. When there are more threads than cores, a spinning thread
// only takes the core from one that has work, so they sleep at once (libgomp's throttled spin).
#define SPIN_MS 1.0
#define SPIN_MS_OVERSUBSCRIBED 0.0
#define SPIN_CLOCK_EVERY 256  // polls between two looks at the clock
#define CACHE_LINE 64

// Schedule: the range is cut into about PIECES_PER_THREAD pieces per thread, and each thread owns
// a share of them, the same share whenever a region has the same size. A thread claims its own
// pieces from the front; when none is left it steals from the back of another's share (OpenMP's
// schedule(dynamic) with affinity, as work-stealing runtimes do). The region ends when every piece
// is done, not when every thread has checked in: on a busy machine a thread the OS has paused
// simply claims less, instead of holding everyone at the barrier. Owning the same pieces keeps what
// a thread wrote (its rows of W1 and their packed copy) in its own core's cache for the next
// batch: with every piece claimed from one shared counter, an epoch on 2 threads took 352 instead
// of 331 ms in the bench. Which thread computes a piece never changes its arithmetic, so results
// stay bit-identical.
#define PIECES_PER_THREAD 4
#define MAX_PIECES (POOL_MAX_THREADS * PIECES_PER_THREAD)
#define FIELD_BITS 16
#define FIELD_MASK 0xffffu

typedef struct {
  _Atomic int go;        // latest generation for this thread; the futex word it sleeps on
  _Atomic int sleeping;  // 1 while blocked in wait32, so the caller knows to notify
} __attribute__((aligned(CACHE_LINE))) slot_t;

static slot_t slots[POOL_MAX_THREADS];
// Each thread's share of a region's pieces: generation << 32 | end << 16 | next piece, in ONE word,
// so a thread that wakes up late can never claim a piece of a newer region by mistake.
typedef struct {
  _Atomic uint64_t next;
} __attribute__((aligned(CACHE_LINE))) share_t;
static share_t share[POOL_MAX_THREADS];
static _Atomic int cur_threads = 1;  // threads the current region's pieces are shared between
static int cur_pieces;
static _Atomic int done;               // pieces finished in the current region; the join's futex word
static _Atomic int caller_sleeping;
static double piece_ms[MAX_PIECES];    // how long each piece took (emscripten_get_now)
static double spin_ms = SPIN_MS;
static int created = 1;                // threads that exist, the caller included
static int active = 1;                 // threads that take part in regions
static unsigned generation = 0;
static range_fn cur_fn;
static void *cur_ctx;
static int cur_begin, cur_len;
static _Atomic int fault_thread;       // test hook: thread that faults in its next piece (0 = none)
static _Atomic int fault_kind;         // 1: trap, 2: hang forever

int pool_inject_fault(int thread, int kind) {
  if (thread < 1 || thread >= POOL_MAX_THREADS || kind < 1 || kind > 2) return 0;
  atomic_store(&fault_kind, kind);
  atomic_store(&fault_thread, thread);
  return 1;
}

// The injected fault, if it is this thread's: called while holding a claimed piece.
static void maybe_fault(int id) {
  if (id == 0 || atomic_load_explicit(&fault_thread, memory_order_relaxed) != id) return;
  atomic_store(&fault_thread, 0);
  if (atomic_load(&fault_kind) == 1) __builtin_trap();
  int never = 0;
  for (;;) __builtin_wasm_memory_atomic_wait32(&never, 0, -1);
}

// Returns once *word != old: spin for up to spin_ms, then sleep in memory.atomic.wait32.
static void wait_while(_Atomic int *word, int old, _Atomic int *sleeping) {
  double deadline = -1;
  for (int i = 1;; i++) {
    if (atomic_load_explicit(word, memory_order_acquire) != old) return;
    if (i % SPIN_CLOCK_EVERY) continue;
    double now = emscripten_get_now();
    if (deadline < 0) deadline = now + spin_ms;
    else if (now >= deadline) break;
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

// Claims a piece of region `gen` for thread `id`: the next one of its own share if any is left,
// else the next one of another thread's share. Returns its index and sets *pieces, or -1 when the
// region has no piece left (or is already over).
static int claim(unsigned gen, int id, int *pieces) {
  const int n = atomic_load_explicit(&cur_threads, memory_order_relaxed);
  for (int j = 0; j < n; j++) {
    _Atomic uint64_t *word = &share[(id + j) % n].next;
    uint64_t w = atomic_load(word);
    for (;;) {
      unsigned g = (unsigned)(w >> 32), end = (unsigned)(w >> FIELD_BITS) & FIELD_MASK, k = (unsigned)w & FIELD_MASK;
      if (g != gen || k >= end) break;
      // its own share from the front, another's from the back: the owner keeps the pieces it would
      // do first, so only a share's last pieces ever move to another thread
      uint64_t taken = j == 0 ? w + 1 : w - ((uint64_t)1 << FIELD_BITS);
      if (atomic_compare_exchange_weak(word, &w, taken)) {
        *pieces = cur_pieces;
        return j == 0 ? (int)k : (int)end - 1;
      }
    }
  }
  return -1;
}

// Runs pieces of region `gen` until none is left; the one that finishes the last piece wakes the caller.
static void run_pieces(unsigned gen, int id) {
  int pieces;
  for (int k; (k = claim(gen, id, &pieces)) >= 0;) {
    maybe_fault(id);
    double t0 = emscripten_get_now();
    int lo = cur_begin + (int)((long long)cur_len * k / pieces);
    int hi = cur_begin + (int)((long long)cur_len * (k + 1) / pieces);
    cur_fn(cur_ctx, lo, hi);
    piece_ms[k] = emscripten_get_now() - t0;
    if (atomic_fetch_add(&done, 1) + 1 == pieces) wake(&done, &caller_sleeping);
  }
}

static _Thread_local int thread_id;  // 0 on the calling thread

int pool_thread_id(void) { return thread_id; }

static void *worker_main(void *arg) {
  int id = (int)(intptr_t)arg;
  int seen = 0;
  thread_id = id;
  for (;;) {
    wait_while(&slots[id].go, seen, &slots[id].sleeping);
    seen = atomic_load(&slots[id].go);
    run_pieces((unsigned)seen, id);
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
  spin_ms = active <= emscripten_num_logical_cores() ? SPIN_MS : SPIN_MS_OVERSUBSCRIBED;
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
  int pieces = end - begin < n * PIECES_PER_THREAD ? end - begin : n * PIECES_PER_THREAD;
  cur_fn = fn;
  cur_ctx = ctx;
  cur_begin = begin;
  cur_len = end - begin;
  cur_pieces = pieces;
  atomic_store(&done, 0);
  generation++;
  // Thread t's share is pieces [t · pieces / n, (t + 1) · pieces / n): the same rows or blocks
  // every time the region has the same size, so what a thread wrote stays in its own cache for the
  // next region that reads or updates it. Publishing the share words (seq_cst) also publishes cur_*
  // to whoever claims a piece.
  atomic_store(&cur_threads, n);
  for (int t = 0; t < n; t++) {
    uint64_t lo = (uint64_t)pieces * t / n, hi = (uint64_t)pieces * (t + 1) / n;
    atomic_store(&share[t].next, (uint64_t)generation << 32 | hi << FIELD_BITS | lo);
  }
  for (int id = 1; id < n; id++) {
    atomic_store(&slots[id].go, (int)generation);
    wake(&slots[id].go, &slots[id].sleeping);
  }
  run_pieces(generation, 0);
  for (int d; (d = atomic_load(&done)) != pieces;) wait_while(&done, d, &caller_sleeping);
  double wall = emscripten_get_now() - t0, busy = 0;
  for (int k = 0; k < pieces; k++) busy += piece_ms[k];
  timing.compute_ms += busy / n;
  timing.barrier_ms += wall - busy / n;
  timing.region_ms += wall;
  timing.regions += 1;
}

#endif
