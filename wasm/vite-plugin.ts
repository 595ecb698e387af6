// Serves prebuilt WebAssembly files at fixed URLs, in dev and in the build, without copying
// node_modules into the repository:
//   /wasm/*       ← wasm/dist/ (our three Emscripten builds; loaded by src/backends/wasm/worker.ts)
//   /tfjs-wasm/*  ← @tensorflow/tfjs-backend-wasm's .wasm files (the TF.js peer and tfjs.train(): setWasmPaths('/tfjs-wasm/'))
// Vite does not process these files: Emscripten's glue resolves its .wasm and pthread worker
// script relative to its own URL, so they must stay side by side, unrenamed.
//
// One fix for the peer: TF.js hands its threaded factory to its pthread Workers as source text
// (factory.toString()), and that function reads `_scriptDir` from the enclosing closure. Once the
// build minifies identifiers the closure variable is renamed and every TF.js pthread dies with
// "ReferenceError: e is not defined". Declaring `_scriptDir` inside the factory makes it
// self-contained (see TF.js issues #4107, #4539).
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
const TFJS_THREADED = /tfjs-backend-wasm[\\/]wasm-out[\\/]tfjs-backend-wasm-threaded-simd\.js$/;
const SCRIPT_DIR = "var _scriptDir = typeof document !== 'undefined' && document.currentScript ? document.currentScript.src : undefined;";
const CLOSURE_HEAD = `  ${SCRIPT_DIR}\n  if (typeof __filename !== 'undefined') _scriptDir = _scriptDir || __filename;\n  return (\nfunction(WasmBackendModuleThreadedSimd) {\n`;
const SELF_CONTAINED_HEAD = `  return (\nfunction(WasmBackendModuleThreadedSimd) {\n  ${SCRIPT_DIR}\n`;

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

/** `tfjsPeer: false` leaves the TF.js peer's .wasm files out of the build (the harness's bench and lesson 11's tfjs.train() use them). */
export function wasmAssets({ tfjsPeer = true }: { tfjsPeer?: boolean } = {}): Plugin {
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
    transform(code, id) {
      if (!TFJS_THREADED.test(id)) return null;
      if (!code.includes(CLOSURE_HEAD)) {
        this.warn('tfjs-backend-wasm changed: the threaded factory was not made self-contained; the TF.js wasm peer may fail in the build');
        return null;
      }
      return { code: code.replace(CLOSURE_HEAD, SELF_CONTAINED_HEAD), map: null };
    },
    generateBundle() {
      for (const d of dirs()) {
        if (!tfjsPeer && d.url === '/tfjs-wasm/') continue;
        for (const f of files(d)) {
          this.emitFile({ type: 'asset', fileName: d.url.slice(1) + f, source: readFileSync(join(d.dir, f)) });
        }
      }
    },
  };
}
