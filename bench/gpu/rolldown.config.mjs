// Bundles bench/gpu/run.mjs with the backend it imports from src/ into one ES module for Node.
// kernels/*.wgsl?raw become string exports, as Vite makes them for the app.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const out = process.env.GPU_BUNDLE_OUT ?? fileURLToPath(new URL('../../.gpu/run.mjs', import.meta.url));

export default {
  input: process.env.GPU_BUNDLE_INPUT ?? fileURLToPath(new URL('./run.mjs', import.meta.url)),
  platform: 'node',
  external: [/^node:/],
  plugins: [{
    name: 'wgsl-raw',
    resolveId(source, importer) {
      if (!source.endsWith('?raw')) return null;
      return fileURLToPath(new URL(source.slice(0, -4), `file://${importer}`)) + '?raw';
    },
    load(id) {
      if (!id.endsWith('?raw')) return null;
      return `export default ${JSON.stringify(readFileSync(id.slice(0, -4), 'utf8'))};`;
    },
  }],
  output: { file: out, format: 'esm', codeSplitting: false, sourcemap: false },
};
