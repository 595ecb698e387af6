// Serves prebuilt WebAssembly files at fixed URLs, in dev and in the build, without copying
// node_modules into the repository:
//   /wasm/*       ← wasm/dist/ (our three Emscripten builds; loaded by src/backends/wasm/worker.ts)
//   /tfjs-wasm/*  ← @tensorflow/tfjs-backend-wasm's .wasm files (the TF.js peer: setWasmPaths('/tfjs-wasm/'))
// Vite does not process these files: Emscripten's glue resolves its .wasm and pthread worker
// script relative to its own URL, so they must stay side by side, unrenamed.
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';

interface StaticDir {
  url: string; // URL prefix, with trailing slash
  dir: string; // absolute directory
  include: RegExp;
}

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const TYPES: Record<string, string> = { '.js': 'text/javascript', '.wasm': 'application/wasm' };

function dirs(): StaticDir[] {
  const tfjsWasm = join(dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist');
  return [
    { url: '/wasm/', dir: join(here, 'dist'), include: /\.(js|wasm)$/ },
    { url: '/tfjs-wasm/', dir: tfjsWasm, include: /\.wasm$/ },
  ];
}

function files(d: StaticDir): string[] {
  return readdirSync(d.dir).filter((f) => d.include.test(f));
}

export function wasmAssets(): Plugin {
  let base = '/';
  return {
    name: 'paralelo-wasm-assets',
    configResolved(config) {
      base = config.base;
    },
    configureServer(server) {
      // Registered before Vite's own middleware, so these files are served as they are.
      server.middlewares.use((req, res, next) => {
        const path = (req.url ?? '').split('?')[0];
        for (const d of dirs()) {
          const prefix = base.replace(/\/$/, '') + d.url;
          if (!path.startsWith(prefix)) continue;
          const name = path.slice(prefix.length);
          if (!files(d).includes(name)) continue;
          const ext = name.slice(name.lastIndexOf('.'));
          res.setHeader('Content-Type', TYPES[ext] ?? 'application/octet-stream');
          res.setHeader('Cross-Origin-Embedder-Policy', 'require-corp');
          res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
          res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
          res.end(readFileSync(join(d.dir, name)));
          return;
        }
        next();
      });
    },
    generateBundle() {
      for (const d of dirs()) {
        for (const f of files(d)) {
          this.emitFile({ type: 'asset', fileName: d.url.slice(1) + f, source: readFileSync(join(d.dir, f)) });
        }
      }
    },
  };
}
