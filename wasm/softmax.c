// softmax_xent: B rows of V = 10 classes, too little work to be worth waking threads for; the
// exponentials are taken in double, as the JavaScript reference does.
#include <math.h>

#include "mlp.h"

// Loss floor: -log(max(p, 1e-30)) keeps a zero probability from giving an infinite loss.
#define MIN_PROB 1e-30

// probs (B,V) = softmax(logits); losses (B) = -log probs[target]; dlogits (B,V) = (probs - onehot) / norm
void softmax_xent(float *probs, float *losses, float *dlogits, const float *logits,
                  const uint8_t *targets, int B, int V, int norm) {
  for (int b = 0; b < B; b++) {
    const float *l = logits + (long)b * V;
    float *p = probs + (long)b * V, *d = dlogits + (long)b * V;
    double max = -INFINITY, sum = 0, e[V];  // e: each exponential taken once (exp is the cost here)
    for (int v = 0; v < V; v++) max = l[v] > max ? l[v] : max;
    for (int v = 0; v < V; v++) sum += e[v] = exp((double)l[v] - max);
    for (int v = 0; v < V; v++) p[v] = (float)(e[v] / sum);
    int t = targets[b];
    double pt = p[t] > MIN_PROB ? p[t] : MIN_PROB;
    losses[b] = (float)-log(pt);
    for (int v = 0; v < V; v++) d[v] = (float)(((double)p[v] - (v == t ? 1 : 0)) / norm);
  }
}
