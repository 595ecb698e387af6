// What the page says about working offline and updates (issue 12 §6), and the installed app's name
// and description (the web app manifest, written by vite.config.ts from offline.es.ts: the app is
// Spanish first). offline.es.ts has the same keys (the type checks it).
export const offlineEn = {
  offlineReady: 'Ready to work offline: the app and MNIST are saved on this device.',
  offlineNow: 'Offline: lessons and training keep working from this device.',
  offlineNotReady: 'Offline: this device has not saved everything yet. Open the app once with a connection and wait for “Ready to work offline”.',
  offlineUpdate: 'A new version is ready.',
  offlineReload: 'Reload',
  offlineUpdateBusy: 'A cell is running: reload when it finishes (or stop it).',
  offlineDismiss: 'Dismiss',
  manifestName: 'Paralelo: parallel computing for neural networks',
  manifestDescription: 'A notebook in your browser that trains a small neural network on MNIST on four backends (JavaScript, workers, WebAssembly threads, WebGPU). Works offline.',
} as const;
