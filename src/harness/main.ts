// A page without UI for e2e tests and the bench: exposes the backends, the reference and the data
// on `window.harness`, so Playwright can drive them with page.evaluate() in real Chromium.
import { harness } from './api';

declare global {
  interface Window {
    harness: typeof harness;
  }
}

window.harness = harness;
document.getElementById('status')!.textContent = 'harness ready';
