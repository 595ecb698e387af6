// Lets queued messages (a Stop, a progress post) through during a long synchronous training loop.
// A resolved promise would not: messages are macrotasks. setImmediate (Node) or a MessageChannel
// (browsers, workers) costs microseconds, unlike setTimeout's clamped delay.

let channel: MessageChannel | null = null;
const waiting: Array<() => void> = [];

export function yieldToEventLoop(): Promise<void> {
  const g = globalThis as { setImmediate?: (fn: () => void) => void };
  if (typeof g.setImmediate === 'function') {
    const si = g.setImmediate;
    return new Promise((resolve) => si(resolve));
  }
  if (!channel) {
    channel = new MessageChannel();
    channel.port1.onmessage = () => waiting.shift()?.();
  }
  const port = channel.port2;
  return new Promise((resolve) => {
    waiting.push(resolve);
    port.postMessage(0);
  });
}

/** Yields at most every `everyMs` of work, so the check is cheap enough to call each batch. */
export function makeYielder(everyMs = 25): () => Promise<void> | null {
  let last = performance.now();
  return () => {
    const now = performance.now();
    if (now - last < everyMs) return null;
    last = now;
    return yieldToEventLoop();
  };
}
