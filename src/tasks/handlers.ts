// The registry of task handlers: every kind of task a worker can run. Each feature registers its
// handlers here with one line (so a pool worker, which imports this module, knows them all).
import type { Handler } from './types';

export const handlers: Record<string, Handler> = {
  /** a smoke test: waits `ms` then returns `value` */
  echo: (async (p: { value: unknown; ms?: number }) => {
    if (p.ms) await new Promise((r) => setTimeout(r, p.ms));
    return p.value;
  }) as Handler,
};

export function registerHandlers(more: Record<string, Handler>): void {
  for (const [k, h] of Object.entries(more)) {
    if (handlers[k]) throw new Error(`task handler ${k} is registered twice`);
    handlers[k] = h;
  }
}
