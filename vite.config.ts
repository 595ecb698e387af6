import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { wasmAssets } from './wasm/vite-plugin.ts';

// Threads (SharedArrayBuffer, WASM pthreads) need cross-origin isolation on every server we run.
const isolation = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

export default defineConfig({
  plugins: [react(), wasmAssets()],
  server: { headers: isolation, host: '127.0.0.1', port: 5173 },
  preview: { headers: isolation, host: '127.0.0.1', port: 4173 },
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 4000,
    // harness.html: a page without UI that e2e tests and the bench drive (see src/harness/).
    rollupOptions: { input: { main: 'index.html', harness: 'harness.html' } },
  },
  assetsInclude: ['**/*.wgsl'],
});
