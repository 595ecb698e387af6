// An OpenMP-style fork/join pool: `parallel_for(begin, end, fn, ctx)` is what
// `#pragma omp parallel for schedule(dynamic)` compiles to. The calling thread and the pool's
// threads take pieces of the range until none is left, each its own share first (see pool.c); the
// call returns after an implicit barrier.
// Threads are created once (the first time more than one is asked for) and then sleep on a futex
// (memory.atomic.wait32) between regions, after spinning for up to a millisecond (see pool.c), so a region costs no thread
// creation. In a single-thread build parallel_for is a plain call.
#ifndef PARALELO_POOL_H
#define PARALELO_POOL_H

#define POOL_MAX_THREADS 8

// fn handles indices [lo, hi) of the iteration space; ctx carries the loop body's arguments.
typedef void (*range_fn)(void *ctx, int lo, int hi);

void parallel_for(int begin, int end, range_fn fn, void *ctx);

// OpenMP's `if` clause: `#pragma omp parallel for if(work >= PARALLEL_MIN_WORK)`. Waking threads
// and joining them costs microseconds; a loop with less work than this runs on the calling thread.
#define PARALLEL_MIN_WORK (1 << 16)  // multiply-adds, or elements of an element-wise loop
void parallel_for_if(long work, int begin, int end, range_fn fn, void *ctx);

// Threads taking part in the next regions (1..POOL_MAX_THREADS, clamped); returns the new count.
int pool_set_threads(int n);
int pool_threads(void);
// Which of the pool's threads is calling: 0 for the calling thread, 1..POOL_MAX_THREADS-1 for the
// others (each a Web Worker in the threaded build); always 0 in the single-thread build.
int pool_thread_id(void);

// Test hook (fault injection): pool thread `thread` (1..threads-1) faults in the middle of the next
// piece it claims: kind 1 traps (its Worker dies with a RuntimeError while holding the piece),
// kind 2 never returns (a deadlock). Either way the join never completes: the calling side's
// watchdog is what ends the run. Returns 1 when armed, 0 in the single-thread build.
int pool_inject_fault(int thread, int kind);

// Time inside parallel regions since the last reset, in ms. compute = the time spent in fn, summed
// over the region's pieces and divided by its threads (mean busy time per thread); barrier = the
// region's wall time minus that: waking threads, waiting at the join, threads the OS paused.
// So compute + barrier = region_ms. Clock: emscripten_get_now() (performance.now()).
typedef struct {
  double compute_ms, barrier_ms, region_ms, regions;
} pool_timing;
void pool_timing_reset(void);
void pool_timing_read(pool_timing *out);

#endif
