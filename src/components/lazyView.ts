import { lazy, memo, type ComponentType } from 'react';

/**
 * A view loaded on first use (its own chunk) and memoised: drawn again only when its props change.
 * Outputs keep their objects while unchanged (cell.ts), so a chart beside a progress bar that updates
 * 6 times a second, or a race chart beside lanes drawn 10 times a second, is not redrawn each time.
 */
export function lazyView<P extends object>(load: () => Promise<ComponentType<P>>) {
  return lazy(() => load().then((c) => ({ default: memo(c) })));
}
