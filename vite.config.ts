import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { wasmAssets } from './wasm/vite-plugin.ts';

// Threads (SharedArrayBuffer, WASM pthreads) need cross-origin isolation on every server we run.
const isolation = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

// Cells are JavaScript: the editor needs Monaco's editor and TypeScript workers only. Monaco's main
// module also registers the css/html/json language services, each of which bundles its own worker
// (2.25 MB never loaded); they are replaced by an empty module.
const UNUSED_MONACO_SERVICE = /[/\\]languages[/\\]features[/\\](css|html|json)[/\\]register\.js$/;
const EMPTY = '\0monaco-unused-language-service';
function monacoJavaScriptOnly(): Plugin {
  return {
    name: 'paralelo:monaco-javascript-only',
    enforce: 'pre',
    async resolveId(source, importer, options) {
      if (!importer?.includes('monaco-editor') || !/(css|html|json)\/register\.js$/.test(source)) return null;
      const r = await this.resolve(source, importer, { ...options, skipSelf: true });
      return r && UNUSED_MONACO_SERVICE.test(r.id) ? EMPTY : null;
    },
    load: (id) => (id === EMPTY ? 'export {};' : null),
  };
}

// Warnings about how long plugins took vary with the machine's load; they are not about the app.
const quiet = { checks: { bundlerTimings: false } };

export default defineConfig({
  plugins: [react(), wasmAssets(), monacoJavaScriptOnly()],
  server: { headers: isolation, host: '127.0.0.1', port: 5173 },
  preview: { headers: isolation, host: '127.0.0.1', port: 4173 },
  worker: { format: 'es', plugins: () => [monacoJavaScriptOnly()], rolldownOptions: quiet },
  build: {
    target: 'es2022',
    // Monaco's editor chunk (~2.7 MB) is legitimately big and loaded lazily, only when a code
    // cell is shown; anything bigger than it should still warn.
    chunkSizeWarningLimit: 3000,
    // harness.html: a page without UI that e2e tests and the bench drive (see src/harness/).
    rolldownOptions: { ...quiet, input: { main: 'index.html', harness: 'harness.html' } },
  },
  assetsInclude: ['**/*.wgsl'],
});
