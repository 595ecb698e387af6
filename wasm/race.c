// What a data race does: several threads add 1 to one shared counter. The racy version reads,
// adds and writes back as three separate steps, so two threads can read the same value and one
// update is lost; the atomic version does the read-modify-write as one indivisible instruction
// (memory.atomic.rmw.add), the equivalent of `#pragma omp atomic`.
#include <emscripten.h>
#include <stdatomic.h>

#include "pool.h"

static volatile int racy_counter;   // volatile: every ++ really loads and stores memory
static _Atomic int atomic_counter;
static _Atomic int arrived;         // start line: no thread counts before all are running

// Steps of busy work between the read and the write. Real code does work there too; it widens the
// window so that lost updates show up even when the threads take turns on fewer cores than threads
// (a thread preempted inside the window writes back a stale count, undoing the others' work).
#define RACE_WINDOW 8

typedef struct {
  int iterations;
  int use_atomic;
} race_ctx;

static void race_body(void *p, int lo, int hi) {
  race_ctx *c = p;
  // Threads wake up at slightly different times; wait until all are here, so they really overlap.
  atomic_fetch_add(&arrived, 1);
  while (atomic_load(&arrived) < pool_threads()) {
  }
  for (int t = lo; t < hi; t++) {  // one index per thread
    if (c->use_atomic) {
      for (int i = 0; i < c->iterations; i++) atomic_fetch_add_explicit(&atomic_counter, 1, memory_order_relaxed);
    } else {
      for (int i = 0; i < c->iterations; i++) {
        int seen = racy_counter;                       // read ...
        for (volatile int d = 0; d < RACE_WINDOW; d++) {  // ... work a moment, as real code would ...
        }
        racy_counter = seen + 1;  // ... write back: another thread may have written in between
      }
    }
  }
}

// Runs `threads` threads × `iterations` increments; returns the final counter value.
EMSCRIPTEN_KEEPALIVE int race_demo(int threads, int iterations, int use_atomic) {
  int before = pool_threads();
  pool_set_threads(threads);
  racy_counter = 0;
  atomic_store(&atomic_counter, 0);
  atomic_store(&arrived, 0);
  race_ctx c = {iterations, use_atomic};
  parallel_for(0, pool_threads(), race_body, &c);
  pool_set_threads(before);
  return use_atomic ? atomic_load(&atomic_counter) : racy_counter;
}
